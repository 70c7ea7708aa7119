// The heartbeat monitor builds each member's detectors from the scenario: checked here for
// the VRRP kind, whose timeout depends on the member's own priority (RFC 5798 §6.1). Its
// deadline heap is checked against a scan over every detector.
#include "sim/cluster/heartbeat_monitor.hpp"

#include "models/detect/fixed_timeout_detector.hpp"
#include "models/detect/phi_accrual_detector.hpp"
#include "models/rng.hpp"

#include <algorithm>
#include <memory>

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }

ClusterSpec vrrp_pair() {
  ClusterSpec c;
  c.members = {{"n1", 200}, {"n2", 100}};
  c.heartbeat_interval = Duration::seconds(1);
  c.detector.kind = DetectorSpec::Kind::vrrp;
  return c;
}
} // namespace

TEST(HeartbeatMonitor, VrrpBackupSuspectsAfterItsMasterDownInterval) {
  HeartbeatMonitor n2(vrrp_pair(), 1, at(0), 0.5);
  n2.heard(at(10), 0);
  // Priority 100: 3 x 1 s + 156/256 s = 3.609375 s after the last advertisement.
  EXPECT_TRUE(n2.newly_suspected(at(13.609)).empty());
  EXPECT_EQ(n2.newly_suspected(at(13.609375)), std::vector<std::size_t>{0});
  EXPECT_TRUE(n2.newly_suspected(at(14)).empty());  // reported once
  EXPECT_TRUE(n2.heard(at(15), 0));                 // and trusted again on the next one
}

TEST(HeartbeatMonitor, HigherPriorityNoticesFirst) {
  HeartbeatMonitor n1(vrrp_pair(), 0, at(0), 0.5);  // priority 200: 3 + 56/256 s
  n1.heard(at(10), 1);
  EXPECT_EQ(n1.newly_suspected(at(13.21875)), std::vector<std::size_t>{1});
}

TEST(HeartbeatMonitor, HeartbeatsFollowThePhaseAndInterval) {
  HeartbeatMonitor m(vrrp_pair(), 0, at(0), 0.25);
  EXPECT_FALSE(m.heartbeat_due(at(0.2)));
  EXPECT_TRUE(m.heartbeat_due(at(0.25)));
  EXPECT_FALSE(m.heartbeat_due(at(1.0)));
  EXPECT_TRUE(m.heartbeat_due(at(1.25)));
}

// Random heartbeats from 40 peers, some of which fall silent for a while: the heap gives
// the verdicts and the next deadline a scan over all detectors gives, in peer order.
TEST(HeartbeatMonitor, DeadlineHeapAgreesWithAScanOverEveryDetector) {
  for (const auto kind : {DetectorSpec::Kind::fixed_timeout, DetectorSpec::Kind::phi_accrual}) {
    ClusterSpec c;
    for (int m = 0; m < 40; ++m) c.members.push_back({"n" + std::to_string(m), 100});
    c.heartbeat_interval = Duration::seconds(1);
    c.detector.kind = kind;
    HeartbeatMonitor monitor(c, 0, at(0), 0.5);
    std::vector<std::unique_ptr<FailureDetector>> scan;
    std::vector<bool> suspected(40, false);
    for (std::size_t m = 0; m < 40; ++m)
      scan.push_back(kind == DetectorSpec::Kind::phi_accrual
                         ? std::unique_ptr<FailureDetector>(std::make_unique<PhiAccrualDetector>(c.detector.phi, at(0)))
                         : std::make_unique<FixedTimeoutDetector>(c.detector.timeout, at(0)));
    Rng rng(7);
    std::vector<double> silent_until(40, 0);
    double heartbeat = 0.5;  // this node's own, at phase 0.5 of each second
    std::size_t verdicts = 0, trusted_again = 0;
    for (double t = 0.01; t < 120; t += 0.01) {
      const std::size_t peer = 1 + static_cast<std::size_t>(rng.uniform01() * 39);
      if (rng.bernoulli(0.001)) silent_until[peer] = t + rng.uniform(1, 10);
      if (rng.bernoulli(0.3) && t >= silent_until[peer]) {
        EXPECT_EQ(monitor.heard(at(t), peer), suspected[peer]);
        trusted_again += suspected[peer];
        scan[peer]->heartbeat(at(t));
        suspected[peer] = false;
      }
      std::vector<std::size_t> want;
      double next = 1e300;
      for (std::size_t m = 1; m < 40; ++m) {
        if (!suspected[m] && scan[m]->suspect(at(t))) {
          suspected[m] = true;
          want.push_back(m);
        }
        if (!suspected[m]) next = std::min(next, scan[m]->suspect_at().to_seconds());
      }
      ASSERT_EQ(monitor.newly_suspected(at(t)), want) << "at " << t;
      verdicts += want.size();
      monitor.heartbeat_due(at(t));
      while (heartbeat <= t) heartbeat += 1;
      ASSERT_DOUBLE_EQ(monitor.next_deadline_s(), std::min(heartbeat, next)) << "at " << t;
    }
    EXPECT_GT(verdicts, 10u);  // peers were suspected, and trusted again (pushed back in)
    EXPECT_GT(trusted_again, 10u);
  }
}

} // namespace halab
