#include "models/detect/fixed_timeout_detector.hpp"

#include <algorithm>
#include <stdexcept>

namespace halab {

FixedTimeoutDetector::FixedTimeoutDetector(Duration timeout, Instant monitoring_started)
    : timeout_(timeout), last_heard_(monitoring_started) {
  if (!(timeout > Duration::seconds(0)))
    throw std::invalid_argument("fixed-timeout detector: timeout must be positive");
}

void FixedTimeoutDetector::heartbeat(Instant now) {
  // Out-of-order arrivals never move the last-heard time backwards.
  last_heard_ = std::max(last_heard_, now);
}

double FixedTimeoutDetector::suspicion(Instant now) const {
  return (now - last_heard_).to_seconds() / timeout_.to_seconds();
}

} // namespace halab
