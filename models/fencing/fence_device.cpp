#include "models/fencing/fence_device.hpp"

namespace halab {

FenceOperation plan_fence(const FenceDeviceConfig& device, std::size_t target, Instant requested, Rng& rng) {
  auto base = device.delay_base_for.find(target);
  Duration delay = base != device.delay_base_for.end() ? base->second : device.delay_base;
  // Draws happen in a fixed order whatever the outcome, so one operation's randomness never
  // shifts another's.
  double random_delay = rng.uniform(0, device.delay_max.to_seconds());
  double latency = rng.uniform(device.latency_min.to_seconds(), device.latency_max.to_seconds());
  bool fails = rng.bernoulli(device.failure_probability);

  FenceOperation op;
  op.fires_at = requested + delay + Duration::seconds(random_delay);
  op.succeeds = !fails;
  op.completes_at = op.fires_at + (fails ? device.timeout : Duration::seconds(latency));
  return op;
}

} // namespace halab
