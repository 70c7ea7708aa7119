#include "models/membership/swim_suspicion.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

SwimSuspicion::SwimSuspicion(std::uint32_t node, std::uint32_t from, Instant start, int k, Duration min, Duration max)
    : node_(node), start_(start), k_(std::clamp(k, 0, kMaxConfirmations)), min_(min), max_(max),
      deadline_(start + (k_ < 1 ? min : max)) {
  accusers_[0] = from;
}

bool SwimSuspicion::confirm(std::uint32_t from) {
  if (n_ >= k_) return false;
  for (int i = 0; i <= n_; ++i)
    if (accusers_[static_cast<std::size_t>(i)] == from) return false;
  ++n_;
  accusers_[static_cast<std::size_t>(n_)] = from;
  // remainingSuspicionTime: the timeout, counted from the start.
  double frac = std::log(n_ + 1.0) / std::log(k_ + 1.0);
  double raw = max_.to_seconds() - frac * (max_.to_seconds() - min_.to_seconds());
  Duration timeout = Duration::millis(std::floor(1000.0 * raw));
  deadline_ = start_ + std::max(timeout, min_);
  return true;
}

}  // namespace halab
