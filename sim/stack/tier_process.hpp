// One instance of a request-path tier (docs/six-tiers.md) as a member process of the one
// loop: requests queue for a worker (or are refused, 503, when the queue is full), take
// their service time, and then — if the tier calls another — go down through the
// instance's UpstreamCaller (its pool, retries, breaker and checks); the worker is held
// until the answer comes, so a slow tier below fills the workers above. A reply
// carries the failure and the tier where it began. The entry tier serves only while its
// host holds the cluster's floating IP. Each second an instance records what it served
// (`tier.stats`).
#pragma once

#include "sim/run/run_context.hpp"
#include "sim/stack/tier_run.hpp"

namespace halab {

// Starts (or restarts) instance `instance` of the tier.
void spawn_tier_instance(RunContext& ctx, TierRun& tier, std::size_t instance);
// Host `h` died: the tier instance there, if any, dies with it (the caller marks the host
// down).
void crash_tier_on(RunContext& ctx, HostId h);
// An operator stops the tier instance on host `h` gracefully (the host stays up): its
// port closes and the work it accepted drains.
void stop_tier_on(RunContext& ctx, HostId h);
// Host `h` is back, or its stopped instance starts again: a fresh process of its tier
// instance, if any and not running.
void restart_tier_on(RunContext& ctx, HostId h);

}  // namespace halab
