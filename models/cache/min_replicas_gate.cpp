#include "models/cache/min_replicas_gate.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

MinReplicasGate::MinReplicasGate(int to_write, int max_lag_s, std::size_t instances)
    : to_write_(to_write), max_lag_s_(max_lag_s), ack_s_(instances, -1) {}

long MinReplicasGate::whole_seconds(Instant t) { return static_cast<long>(std::floor(t.to_seconds())); }

void MinReplicasGate::online(std::size_t replica, Instant now) {
  ack_s_[replica] = whole_seconds(now);
  refresh(now);
}

void MinReplicasGate::acked(std::size_t replica, Instant now) {
  if (ack_s_[replica] >= 0) ack_s_[replica] = whole_seconds(now);  // only an online replica's ack counts
}

void MinReplicasGate::gone(std::size_t replica, Instant now) {
  ack_s_[replica] = -1;
  refresh(now);
}

void MinReplicasGate::clear() {
  std::fill(ack_s_.begin(), ack_s_.end(), -1);
  good_ = 0;
}

void MinReplicasGate::refresh(Instant now) {
  const long unixtime = whole_seconds(now);
  good_ = static_cast<int>(
      std::count_if(ack_s_.begin(), ack_s_.end(), [&](long ack) { return ack >= 0 && unixtime - ack <= max_lag_s_; }));
}

}  // namespace halab
