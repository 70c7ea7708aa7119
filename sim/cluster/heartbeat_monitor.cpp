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
    : suspected_(cluster.members.size(), false), interval_s_(cluster.heartbeat_interval.to_seconds()) {
  for (std::size_t m = 0; m < cluster.members.size(); ++m)
    detectors_.push_back(m == self ? nullptr : make_detector(cluster, self, now));
  next_heartbeat_s_ = now.to_seconds() + interval_s_ * phase;
}

bool HeartbeatMonitor::heard(Instant now, std::size_t peer) {
  detectors_[peer]->heartbeat(now);
  bool was = suspected_[peer];
  suspected_[peer] = false;
  return was;
}

std::vector<std::size_t> HeartbeatMonitor::newly_suspected(Instant now) {
  std::vector<std::size_t> out;
  for (std::size_t m = 0; m < detectors_.size(); ++m)
    if (detectors_[m] && !suspected_[m] && detectors_[m]->suspect(now)) {
      suspected_[m] = true;
      out.push_back(m);
    }
  return out;
}

bool HeartbeatMonitor::heartbeat_due(Instant now) {
  if (now.to_seconds() < next_heartbeat_s_) return false;
  while (next_heartbeat_s_ <= now.to_seconds()) next_heartbeat_s_ += interval_s_;
  return true;
}

double HeartbeatMonitor::next_deadline_s() const {
  double deadline = next_heartbeat_s_;
  for (std::size_t m = 0; m < detectors_.size(); ++m)
    if (detectors_[m] && !suspected_[m]) deadline = std::min(deadline, detectors_[m]->suspect_at().to_seconds());
  return deadline;
}

} // namespace halab
