// One test per transition of RFC 5798 §6.4 (and keepalived's choices, vrrp.c), each named
// after the rule it checks.
#include "models/failover/vrrp_router.hpp"

#include "models/detect/fixed_timeout_detector.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

Instant at(double s) { return Instant::at_seconds(s); }

VrrpConfig config(int priority, std::uint32_t address, bool preempt = false) {
  VrrpConfig c;
  c.priority = priority;
  c.address = address;
  c.preempt = preempt;
  return c;
}

} // namespace

TEST(VrrpRouter, InitializeToBackupWaitsMasterDownInterval) {  // §6.4.1
  VrrpRouter r(config(100, 1));
  VrrpStep s = r.startup(at(10));
  EXPECT_EQ(s.entered, VrrpState::backup);
  EXPECT_FALSE(s.advert);  // a Backup is silent
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 10 + 3 + 156.0 / 256.0);
  EXPECT_FALSE(r.on_timer(at(13.5)).entered);
  VrrpStep m = r.on_timer(r.deadline());
  EXPECT_EQ(m.entered, VrrpState::master);
  EXPECT_EQ(m.advert, 100);  // §6.4.2: send an ADVERTISEMENT on becoming Master
}

TEST(VrrpRouter, SettledRunStartsWithTheMasterAdvertising) {
  VrrpRouter m(config(200, 1));
  VrrpStep s = m.settle(at(0), 1, at(0.25));
  EXPECT_EQ(s.entered, VrrpState::master);
  EXPECT_FALSE(s.advert);
  EXPECT_DOUBLE_EQ(m.deadline().to_seconds(), 0.25);
  VrrpRouter b(config(100, 2));
  EXPECT_EQ(b.settle(at(0), 1, at(0.25)).entered, VrrpState::backup);
  EXPECT_EQ(b.master(), 1u);
  // As if it accepted the advert of t = -0.75.
  EXPECT_DOUBLE_EQ(b.deadline().to_seconds(), -0.75 + b.master_down_interval().to_seconds());
}

TEST(VrrpRouter, AddressOwnerBecomesMasterAtOnce) {  // §6.4.1
  VrrpRouter r(config(255, 1));
  VrrpStep s = r.startup(at(0));
  EXPECT_EQ(s.entered, VrrpState::master);
  EXPECT_EQ(s.advert, 255);
}

TEST(VrrpRouter, BackupResetsItsTimerOnAcceptedAdverts) {  // §6.4.2
  VrrpRouter r(config(100, 1));
  r.startup(at(0));
  r.on_advert(at(3), 200, 2);
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 3 + r.master_down_interval().to_seconds());
  EXPECT_EQ(r.master(), 2u);
  // Without preemption a lower-priority Master's adverts are accepted too.
  r.on_advert(at(4), 50, 3);
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 4 + r.master_down_interval().to_seconds());
}

TEST(VrrpRouter, PreemptingBackupDiscardsLowerPriorityAdverts) {  // §6.4.2
  VrrpRouter r(config(200, 1, true));
  r.startup(at(0));
  Instant first = r.deadline();
  r.on_advert(at(1), 100, 2);
  r.on_advert(at(2), 100, 2);
  EXPECT_EQ(r.deadline(), first);  // the timer runs on
  EXPECT_TRUE(r.preempting());
  VrrpStep s = r.on_timer(first);
  EXPECT_EQ(s.entered, VrrpState::master);
  EXPECT_EQ(s.reason, "preempt a lower-priority Master");
  // An equal priority is accepted, whatever the address (it only breaks ties for a Master).
  VrrpRouter e(config(100, 1, true));
  e.startup(at(0));
  e.on_advert(at(1), 100, 2);
  EXPECT_DOUBLE_EQ(e.deadline().to_seconds(), 1 + e.master_down_interval().to_seconds());
}

TEST(VrrpRouter, PriorityZeroSetsTheTimerToSkewTime) {  // §6.4.2
  VrrpRouter r(config(100, 1));
  r.startup(at(0));
  r.on_advert(at(1), 200, 2);
  r.on_advert(at(2), 0, 2);
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 2 + 156.0 / 256.0);
}

TEST(VrrpRouter, MasterAdvertisesEveryInterval) {  // §6.4.3
  VrrpRouter r(config(255, 1));
  r.startup(at(0));
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 1);
  EXPECT_EQ(r.on_timer(at(1)).advert, 255);
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 2);
}

TEST(VrrpRouter, MasterStepsDownForHigherPriorityOrEqualPriorityHigherAddress) {  // §6.4.3
  VrrpRouter r(config(100, 5));
  r.startup(at(0));
  r.on_timer(r.deadline());
  ASSERT_EQ(r.state(), VrrpState::master);
  VrrpStep lower_address = r.on_advert(at(5), 100, 4);
  EXPECT_FALSE(lower_address.entered);
  EXPECT_EQ(lower_address.advert, 100);  // keepalived answers, forcing a new election,
  EXPECT_TRUE(lower_address.heard_lower);  // and sends gratuitous ARPs again
  VrrpStep higher_address = r.on_advert(at(6), 100, 6);
  EXPECT_EQ(higher_address.entered, VrrpState::backup);
  EXPECT_FALSE(higher_address.advert);
  EXPECT_FALSE(higher_address.heard_lower);
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 6 + r.master_down_interval().to_seconds());
}

TEST(VrrpRouter, MasterAnswersAPriorityZeroAdvert) {  // §6.4.3
  VrrpRouter r(config(255, 1));
  r.startup(at(0));
  VrrpStep s = r.on_advert(at(0.5), 0, 2);
  EXPECT_EQ(s.advert, 255);
  EXPECT_FALSE(s.entered);
  EXPECT_FALSE(s.heard_lower);  // a resignation is no rival Master
}

TEST(VrrpRouter, ShutdownFromMasterResignsWithPriorityZero) {  // §6.4.3
  VrrpRouter r(config(255, 1));
  r.startup(at(0));
  VrrpStep s = r.shutdown(at(4));
  EXPECT_EQ(s.advert, 0);
  EXPECT_EQ(s.entered, VrrpState::initialize);
  EXPECT_EQ(r.deadline(), Instant::never());
  VrrpRouter b(config(100, 2));
  b.startup(at(0));
  EXPECT_FALSE(b.shutdown(at(1)).advert);  // a Backup leaves silently
}

TEST(VrrpRouter, PreemptDelayAcceptsLowerAdvertsUntilItPasses) {  // keepalived preempt_delay
  VrrpConfig c = config(200, 1, true);
  c.preempt_delay = Duration::seconds(10);
  VrrpRouter r(std::move(c));
  r.startup(at(0));
  for (double t = 1; t < 11; t += 1) r.on_advert(at(t), 100, 2);  // accepted: the delay runs from t = 1
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 10 + r.master_down_interval().to_seconds());
  r.on_advert(at(11), 100, 2);  // now discarded
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 10 + r.master_down_interval().to_seconds());
  // A higher-priority advert cancels the delay.
  VrrpConfig d = config(150, 1, true);
  d.preempt_delay = Duration::seconds(10);
  VrrpRouter q(std::move(d));
  q.startup(at(0));
  q.on_advert(at(1), 100, 2);
  q.on_advert(at(2), 200, 3);
  q.on_advert(at(12), 100, 2);  // the delay starts again here
  EXPECT_DOUBLE_EQ(q.deadline().to_seconds(), 12 + q.master_down_interval().to_seconds());
}

TEST(VrrpRouter, TrackedWeightsChangeTheAdvertisedPriorityAndSkew) {  // keepalived vrrp_script weight
  VrrpRouter r(config(100, 1));
  r.set_priority_offset(-60);
  EXPECT_EQ(r.effective_priority(), 40);
  EXPECT_DOUBLE_EQ(r.skew_time().to_seconds(), 216.0 / 256.0);
  r.set_priority_offset(400);
  EXPECT_EQ(r.effective_priority(), 254);  // never the owner's 255
  VrrpRouter owner(config(255, 2));
  owner.set_priority_offset(-100);
  EXPECT_EQ(owner.effective_priority(), 255);
}

TEST(VrrpRouter, FaultResignsAndRecoversAsBackup) {  // keepalived: tracked script of weight 0
  VrrpRouter r(config(255, 1));
  r.startup(at(0));
  VrrpStep f = r.set_fault(at(3), true);
  EXPECT_EQ(f.entered, VrrpState::fault);
  EXPECT_EQ(f.advert, 0);
  EXPECT_FALSE(r.on_advert(at(4), 100, 2).entered);  // no part in elections
  VrrpStep back = r.set_fault(at(5), false);
  EXPECT_EQ(back.entered, VrrpState::backup);
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 5 + r.master_down_interval().to_seconds());
}

TEST(VrrpRouter, Version2And3SkewDiffer) {  // vrrp_timing.hpp
  VrrpConfig v2 = config(100, 1);
  v2.advertisement_interval = Duration::millis(100);
  VrrpConfig v3 = v2;
  v3.version = 3;
  EXPECT_DOUBLE_EQ(VrrpRouter(v2).master_down_interval().to_seconds(), 0.3 + 156.0 / 256.0);
  EXPECT_DOUBLE_EQ(VrrpRouter(v3).master_down_interval().to_seconds(), 0.3 + 0.1 * 156.0 / 256.0);
}

TEST(VrrpRouter, AWatchReplacesTheMasterDownTimer) {
  VrrpRouter r(config(100, 1), std::make_unique<FixedTimeoutDetector>(Duration::seconds(2), at(0)));
  r.startup(at(0));
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 2);
  r.on_advert(at(1), 200, 2);
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 3);
  r.on_advert(at(1.5), 0, 2);  // priority 0 still means Skew_Time
  EXPECT_DOUBLE_EQ(r.deadline().to_seconds(), 1.5 + 156.0 / 256.0);
}

} // namespace halab
