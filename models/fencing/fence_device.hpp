// A fence device and one fencing operation through it, as Pacemaker's fencer runs it.
//
// Sources: Pacemaker Explained, "Fencing" (pcmk_delay_base: a static delay before fencing a
// target, settable per node; pcmk_delay_max: a random delay up to this value, added to it;
// both used to avoid fence races in two-node clusters), and the fence-agent model: the
// operation fires after the delay, the device takes its latency to power the target off or
// to cut it from storage, and an operation that fails is reported at the timeout.
// Kinds: `power` (STONITH: the target is powered off or rebooted), `storage` (resource-level
// fencing: the storage refuses the target, which keeps running).
#pragma once

#include "models/rng.hpp"
#include "models/time.hpp"

#include <map>

namespace halab {

struct FenceDeviceConfig {
  enum class Kind { power, storage };
  enum class Action { reboot, off };
  Kind kind = Kind::power;
  Action action = Action::reboot;
  Duration latency_min = Duration::millis(500);
  Duration latency_max = Duration::millis(1500);
  Duration timeout = Duration::seconds(20);
  double failure_probability = 0;
  Duration delay_base;                        // pcmk_delay_base for every target...
  std::map<std::size_t, Duration> delay_base_for;  // ...or per target
  Duration delay_max;                         // pcmk_delay_max
  Duration reboot_time = Duration::seconds(30);  // power/reboot: until the target is back up
};

struct FenceOperation {
  Instant fires_at;      // after the delays: the command reaches the device
  Instant completes_at;  // the target is fenced (success) or the failure is reported
  bool succeeds = true;
};

FenceOperation plan_fence(const FenceDeviceConfig& device, std::size_t target, Instant requested, Rng& rng);

} // namespace halab
