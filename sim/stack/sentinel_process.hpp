// A Redis Sentinel as a process of the run (docs/six-tiers.md): the decision logic of
// models/cache/sentinel driven by its timer (sentinel.c's: 10–19 ticks a second), PINGing
// the master and every replica each second (their answers carry what INFO says: role and
// replication offset), asking its peers is-master-down-by-addr and answering them, and
// carrying out a failover it leads: SLAVEOF NO ONE to the replica chosen, and once INFO shows
// it a master, SLAVEOF the new master to the other replicas, the switch of its own
// configuration, and hellos that switch its peers. It answers clients'
// get-master-addr-by-name and tells the clients that asked it when it switches. An instance
// reporting itself master that is not the master it knows is turned into a replica after
// 8 s (4 hello periods), as sentinel.c does with a restarted old master.
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

// Starts (or restarts) Sentinel `s` of cache tier `tier`.
void spawn_sentinel(RunContext& ctx, TierRun& tier, std::size_t s);
// Host `h` died: the Sentinels there die with it. Whether one runs there and is down; its
// restart (a fresh process: what it learned is gone, its configuration epoch too).
void crash_sentinels_on(RunContext& ctx, HostId h);
bool sentinel_down_on(const RunContext& ctx, HostId h);
void restart_sentinels_on(RunContext& ctx, HostId h);

}  // namespace halab
