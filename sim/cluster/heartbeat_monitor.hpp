// The heartbeat side shared by every member agent: when to send the next heartbeat, and one
// failure detector per peer with its current verdict. Agents ask it for the next deadline
// and for the peers whose detectors have just fired. The trusted peers' suspicion
// deadlines sit in an indexed min-heap (Boost.Heap, d-ary with mutable handles): a
// heartbeat moves one peer's deadline in O(log N), the next deadline is its top, and a
// detector that fires is popped — no scan over all peers per message (a detector's
// deadline changes only when it hears a heartbeat, whatever its kind).
#pragma once

#include "models/detect/failure_detector.hpp"
#include "sim/scenario/scenario.hpp"

#include <boost/heap/d_ary_heap.hpp>

#include <memory>
#include <vector>

namespace halab {

class HeartbeatMonitor {
public:
  // `phase` in [0, 1): where in its interval this node's heartbeats fall (nodes boot at
  // unrelated moments).
  HeartbeatMonitor(const ClusterSpec& cluster, std::size_t self, Instant now, double phase);

  // A heartbeat from `peer` arrived; true if the peer was suspected until now.
  bool heard(Instant now, std::size_t peer);
  // Peers whose detectors fire at or before `now`, now marked suspected.
  std::vector<std::size_t> newly_suspected(Instant now);
  // Whether a heartbeat is due at `now`; if so the next one is scheduled.
  bool heartbeat_due(Instant now);
  // The earliest of the next heartbeat and every live peer's suspicion deadline.
  double next_deadline_s() const;
  double suspicion(std::size_t peer, Instant now) const { return detectors_[peer]->suspicion(now); }

private:
  struct Deadline {
    Instant at;
    std::size_t peer;
  };
  // Earliest first; equal instants by peer index (the order verdicts are reported in).
  struct Later {
    bool operator()(const Deadline& a, const Deadline& b) const {
      return a.at != b.at ? a.at > b.at : a.peer > b.peer;
    }
  };
  using DeadlineHeap =
      boost::heap::d_ary_heap<Deadline, boost::heap::arity<4>, boost::heap::mutable_<true>, boost::heap::compare<Later>>;
  void trust(std::size_t peer);

  std::vector<std::unique_ptr<FailureDetector>> detectors_;  // null for self
  std::vector<bool> suspected_;
  DeadlineHeap deadlines_;                             // the trusted peers'
  std::vector<DeadlineHeap::handle_type> in_heap_;     // per trusted peer: its entry
  double interval_s_;
  double next_heartbeat_s_;
};

} // namespace halab
