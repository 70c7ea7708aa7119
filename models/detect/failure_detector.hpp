// A heartbeat failure detector as a sans-I/O object: it is told when heartbeats arrive and
// answers when it will suspect the peer if nothing more arrives. The caller owns the clock
// and sets a timer at suspect_at(); no polling.
#pragma once

#include "models/time.hpp"

namespace halab {

class FailureDetector {
public:
  virtual ~FailureDetector() = default;

  // A heartbeat from the monitored peer arrived at `now`.
  virtual void heartbeat(Instant now) = 0;
  // The instant at which the peer becomes suspected unless another heartbeat arrives first.
  virtual Instant suspect_at() const = 0;
  // The detector's own level of suspicion at `now` (phi for φ-accrual, elapsed/timeout for a
  // fixed timeout), recorded in traces so a verdict can be explained.
  virtual double suspicion(Instant now) const = 0;

  bool suspect(Instant now) const { return now >= suspect_at(); }
};

} // namespace halab
