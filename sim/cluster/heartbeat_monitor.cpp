#include "sim/cluster/heartbeat_monitor.hpp"

#include "models/detect/fixed_timeout_detector.hpp"
#include "models/detect/phi_accrual_detector.hpp"
#include "models/detect/vrrp_timing.hpp"

#include <algorithm>

namespace halab {
namespace {
std::unique_ptr<FailureDetector> make_detector(const ClusterSpec& cluster, std::size_t self, Instant now) {
  const DetectorSpec& spec = cluster.detector;
  if (spec.kind == DetectorSpec::Kind::phi_accrual) return std::make_unique<PhiAccrualDetector>(spec.phi, now);
  if (spec.kind == DetectorSpec::Kind::vrrp)
    return std::make_unique<FixedTimeoutDetector>(
        vrrp_master_down_interval(cluster.heartbeat_interval, cluster.members[self].priority), now);
  return std::make_unique<FixedTimeoutDetector>(spec.timeout, now);
}
} // namespace

HeartbeatMonitor::HeartbeatMonitor(const ClusterSpec& cluster, std::size_t self, Instant now, double phase)
    : suspected_(cluster.members.size(), false),
      in_heap_(cluster.members.size()),
      interval_s_(cluster.heartbeat_interval.to_seconds()) {
  deadlines_.reserve(cluster.members.size());
  for (std::size_t m = 0; m < cluster.members.size(); ++m) {
    detectors_.push_back(m == self ? nullptr : make_detector(cluster, self, now));
    if (detectors_[m]) trust(m);
  }
  next_heartbeat_s_ = now.to_seconds() + interval_s_ * phase;
}

void HeartbeatMonitor::trust(std::size_t peer) {
  suspected_[peer] = false;
  in_heap_[peer] = deadlines_.push({detectors_[peer]->suspect_at(), peer});
}

bool HeartbeatMonitor::heard(Instant now, std::size_t peer) {
  detectors_[peer]->heartbeat(now);
  const bool was = suspected_[peer];
  if (was) trust(peer);
  else deadlines_.update(in_heap_[peer], {detectors_[peer]->suspect_at(), peer});
  return was;
}

std::vector<std::size_t> HeartbeatMonitor::newly_suspected(Instant now) {
  std::vector<std::size_t> out;
  while (!deadlines_.empty() && deadlines_.top().at <= now) {
    const std::size_t peer = deadlines_.top().peer;
    deadlines_.pop();
    suspected_[peer] = true;
    out.push_back(peer);
  }
  std::sort(out.begin(), out.end());  // in peer order, whatever their deadlines
  return out;
}

bool HeartbeatMonitor::heartbeat_due(Instant now) {
  if (now.to_seconds() < next_heartbeat_s_) return false;
  while (next_heartbeat_s_ <= now.to_seconds()) next_heartbeat_s_ += interval_s_;
  return true;
}

double HeartbeatMonitor::next_deadline_s() const {
  if (deadlines_.empty()) return next_heartbeat_s_;
  return std::min(next_heartbeat_s_, deadlines_.top().at.to_seconds());
}

} // namespace halab
