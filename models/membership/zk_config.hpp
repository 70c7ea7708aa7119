// A ZooKeeper 3.8 ensemble's settings (zoo.cfg) and its clients' requested session timeout,
// with their documented defaults (ZooKeeper Administrator's Guide, "Configuration
// Parameters"; FastLeaderElection.java's finalizeWait and maxNotificationInterval).
#pragma once

#include <algorithm>
#include <cstdint>

namespace halab {

struct ZkConfig {
  int tick_ms = 2000;             // tickTime
  int sync_limit = 5;             // syncLimit: ticks a follower may be out of touch with the leader
  int session_timeout_ms = 10000; // what the clients ask for (the ZooKeeper constructor's sessionTimeout)
  int min_session_timeout_ms = 0; // minSessionTimeout; 0: 2 × tickTime
  int max_session_timeout_ms = 0; // maxSessionTimeout; 0: 20 × tickTime
  int finalize_wait_ms = 200;               // FastLeaderElection.finalizeWait (the first notification timeout)
  int max_notification_interval_ms = 60000; // FastLeaderElection.maxNotificationInterval
  std::uint32_t servers = 3;      // the ensemble's size; server ids are 0 … servers-1

  int min_timeout() const { return min_session_timeout_ms > 0 ? min_session_timeout_ms : 2 * tick_ms; }
  int max_timeout() const { return max_session_timeout_ms > 0 ? max_session_timeout_ms : 20 * tick_ms; }
  // ZooKeeperServer.processConnectRequest: the requested timeout, clamped to [min, max].
  int negotiated_timeout() const { return std::clamp(session_timeout_ms, min_timeout(), max_timeout()); }
  // A quorum of the ensemble (QuorumMaj: more than half the voters).
  std::uint32_t quorum() const { return servers / 2 + 1; }
};

}  // namespace halab
