// A member's process dying and coming back, whatever the cause: an injected crash, a fence
// device powering it off, or its own watchdog. The caller records the cause in the trace.
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

// Kills the member's process (and the host's tier process, if any), marks its host down, and
// drops its hold on the floating IP (leaving the network's ARP entry stale). Never called
// from the member's own process: its death comes from a fault, a fence device or its
// watchdog, each an actor of its own.
void crash_member(RunContext& ctx, ServiceRun& svc, std::size_t member);
// Starts a fresh process of the member (its agent of the scenario's manager), and of the
// host's tier, if any.
void restart_member(RunContext& ctx, ServiceRun& svc, std::size_t member);
// Restarts the member after `delay` (a reboot), from a small actor of its own.
void restart_member_after(RunContext& ctx, ServiceRun& svc, std::size_t member, Duration delay);

} // namespace halab
