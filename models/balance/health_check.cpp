#include "models/balance/health_check.hpp"

namespace halab {

std::optional<bool> HealthCheck::record(bool passed) {
  const bool was_up = up();
  if (!passed && health_ > 0) {
    --health_;
    if (health_ < config_.rise) health_ = 0;
  } else if (passed && health_ < top()) {
    ++health_;
    if (health_ >= config_.rise) health_ = top();
  }
  if (up() == was_up) return std::nullopt;
  return up();
}

Duration HealthCheck::interval() const {
  if (health_ == top()) return config_.inter;
  if (health_ == 0) return config_.downinter.value_or(config_.inter);
  return config_.fastinter.value_or(config_.inter);
}

}  // namespace halab
