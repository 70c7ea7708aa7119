// The heartbeat monitor builds each member's detectors from the scenario: checked here for
// the VRRP kind, whose timeout depends on the member's own priority (RFC 5798 §6.1).
#include "sim/cluster/heartbeat_monitor.hpp"

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

} // namespace halab
