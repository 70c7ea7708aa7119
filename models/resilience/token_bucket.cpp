#include "models/resilience/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

void TokenBucket::refill(Instant now) {
  const double interval = config_.fill_interval.to_seconds();
  const double fills = std::floor((now - last_fill_).to_seconds() / interval);
  if (fills < 1) return;
  last_fill_ = last_fill_ + config_.fill_interval * fills;
  const double added = fills * static_cast<double>(config_.tokens_per_fill);
  tokens_ = static_cast<long>(std::min(static_cast<double>(config_.max_tokens), static_cast<double>(tokens_) + added));
}

bool TokenBucket::try_take(Instant now) {
  refill(now);
  if (tokens_ == 0) return false;
  --tokens_;
  return true;
}

long TokenBucket::tokens(Instant now) {
  refill(now);
  return tokens_;
}

}  // namespace halab
