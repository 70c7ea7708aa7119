// A Redis master's min-replicas-to-write: whether it accepts writes, from when its
// replicas last acknowledged its replication stream.
//
// Source: redis.conf ("min-replicas-to-write", "min-replicas-max-lag") and the code it
// documents, src/replication.c (redis 7.x):
// - a replica sends REPLCONF ACK <offset> once a second (replicationCron →
//   replicationSendAck); the master stores the time it got it, in whole seconds
//   (`repl_ack_time = server.unixtime`), and also when the replica comes online after its
//   sync ("prevent false timeout");
// - refreshGoodSlavesCount, run once a second in replicationCron and when a replica comes
//   online or goes, counts the online replicas whose lag `unixtime - repl_ack_time` is at
//   most min-replicas-max-lag;
// - checkGoodReplicasStatus: a master accepts a write command only while that count is at
//   least min-replicas-to-write (else -NOREPLICAS); either setting 0 turns the check off.
// Time is passed in; the whole seconds are those of the simulated clock.
#pragma once

#include "models/time.hpp"

#include <cstddef>
#include <vector>

namespace halab {

class MinReplicasGate {
 public:
  // `instances`: the replicas are numbered below it (a master's own number is never used).
  MinReplicasGate(int to_write, int max_lag_s, std::size_t instances);

  void online(std::size_t replica, Instant now);  // finished its sync: acknowledged now
  void acked(std::size_t replica, Instant now);   // REPLCONF ACK received
  void gone(std::size_t replica, Instant now);    // no longer its replica (its link closed)
  void clear();                                   // the master restarted: no replicas

  void refresh(Instant now);  // refreshGoodSlavesCount
  int good() const { return good_; }
  bool accepts_writes() const { return to_write_ == 0 || good_ >= to_write_; }

 private:
  static long whole_seconds(Instant t);

  int to_write_;
  int max_lag_s_;
  std::vector<long> ack_s_;  // per replica: its last ack's whole second; -1: not online
  int good_ = 0;
};

}  // namespace halab
