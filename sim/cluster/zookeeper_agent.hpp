// The zookeeper manager's members: a registry's clients (the group, one ZkClient each:
// ClientCnxn's session and connection, and its view of the group's ephemeral nodes) and
// the ensemble's servers (one ZkServer each: the leader's session tracker, the followers'
// touch relay, Zab's commits, FastLeaderElection's rejoin), their packets carried over TCP.
// The clients' views are tallied per member for the trace (SwimTally's member.* episodes).
// All decisions are the models'.
#pragma once

#include "sim/run/run_context.hpp"

#include <cstddef>

namespace halab {

// Starts (or restarts) member `member`'s process: a client below the group's size, else a server.
void spawn_zookeeper_member(RunContext& ctx, ServiceRun& service, std::size_t member);

}  // namespace halab
