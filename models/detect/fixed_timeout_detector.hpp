// The classic fixed-timeout heartbeat detector (heartbeat/keepalived style "deadtime"): the
// peer is suspected once `timeout` has passed since its last heartbeat. A peer never heard
// from counts from the moment monitoring started.
#pragma once

#include "models/detect/failure_detector.hpp"

namespace halab {

class FixedTimeoutDetector final : public FailureDetector {
public:
  FixedTimeoutDetector(Duration timeout, Instant monitoring_started);

  void heartbeat(Instant now) override;
  Instant suspect_at() const override { return last_heard_ + timeout_; }
  double suspicion(Instant now) const override;

private:
  Duration timeout_;
  Instant last_heard_;
};

} // namespace halab
