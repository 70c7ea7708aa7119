#include "models/failover/active_passive.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
using Kind = FailoverAction::Kind;

ActivePassiveConfig pair(bool failback = false) {
  return {{{"n1", 200}, {"n2", 100}}, failback};
}
} // namespace

TEST(ActivePassive, NoDecisionUntilEveryPeerIsHeardOrSuspected) {
  ActivePassiveController n1(pair(), 0);
  EXPECT_EQ(n1.role(), FailoverRole::standby);
  auto actions = n1.on_heartbeat(at(0.1), 1, false);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, Kind::take_ip);
  EXPECT_TRUE(n1.holds_ip());
}

TEST(ActivePassive, LowerPriorityStaysStandbyWhileHigherIsAlive) {
  ActivePassiveController n2(pair(), 1);
  EXPECT_TRUE(n2.on_heartbeat(at(0.1), 0, false).empty());
  EXPECT_TRUE(n2.on_heartbeat(at(1.1), 0, true).empty());
  EXPECT_EQ(n2.believed_primary(), 0u);
}

TEST(ActivePassive, StandbyTakesOverWhenPrimaryIsSuspected) {
  ActivePassiveController n2(pair(), 1);
  n2.on_heartbeat(at(1), 0, true);
  auto actions = n2.on_suspect(at(5), 0);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, Kind::take_ip);
  EXPECT_NE(actions[0].reason.find("n1 suspected"), std::string::npos);
  EXPECT_EQ(n2.believed_primary(), 1u);
}

TEST(ActivePassive, NeverHeardPeerSuspectedAtColdStartLetsTheOtherServe) {
  ActivePassiveController n2(pair(), 1);
  auto actions = n2.on_suspect(at(3), 0);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, Kind::take_ip);
}

TEST(ActivePassive, RecoveredExPrimaryRejoinsAsStandbyWithoutFailback) {
  // A fresh instance of n1 (it restarted) hears n2 holding the IP.
  ActivePassiveController n1(pair(), 0);
  EXPECT_TRUE(n1.on_heartbeat(at(40), 1, true).empty());
  EXPECT_EQ(n1.role(), FailoverRole::standby);
}

TEST(ActivePassive, FailbackPreemptsAndTheLowerRankYields) {
  ActivePassiveController n1(pair(true), 0);
  auto take = n1.on_heartbeat(at(40), 1, true);
  ASSERT_EQ(take.size(), 1u);
  EXPECT_EQ(take[0].kind, Kind::take_ip);

  ActivePassiveController n2(pair(true), 1);
  n2.on_suspect(at(20), 0);
  ASSERT_TRUE(n2.holds_ip());
  auto yield = n2.on_heartbeat(at(40.001), 0, true);
  ASSERT_EQ(yield.size(), 1u);
  EXPECT_EQ(yield[0].kind, Kind::release_ip);
  EXPECT_FALSE(n2.holds_ip());
}

TEST(ActivePassive, PartitionMakesBothPrimaryAndHealingResolvesByRank) {
  ActivePassiveController n1(pair(), 0);
  ActivePassiveController n2(pair(), 1);
  n1.on_heartbeat(at(0.1), 1, false);
  n2.on_heartbeat(at(1.1), 0, true);
  // Partition: each suspects the other.
  EXPECT_TRUE(n1.on_suspect(at(5), 1).empty());  // already primary
  EXPECT_EQ(n2.on_suspect(at(5), 0).at(0).kind, Kind::take_ip);
  EXPECT_TRUE(n1.holds_ip());
  EXPECT_TRUE(n2.holds_ip());  // split brain
  // Heal: both hear a claim; only the lower rank yields.
  EXPECT_TRUE(n1.on_heartbeat(at(20), 1, true).empty());
  EXPECT_EQ(n2.on_heartbeat(at(20), 0, true).at(0).kind, Kind::release_ip);
}

TEST(ActivePassive, OnlyTheHighestRankedSurvivorTakesOver) {
  ActivePassiveConfig c{{{"a", 300}, {"b", 200}, {"c", 200}}, false};
  ActivePassiveController b(c, 1), cc(c, 2);
  b.on_heartbeat(at(1), 0, true);
  b.on_heartbeat(at(1), 2, false);
  cc.on_heartbeat(at(1), 0, true);
  cc.on_heartbeat(at(1), 1, false);
  EXPECT_EQ(b.on_suspect(at(5), 0).size(), 1u);  // b ties c on priority, wins on index
  EXPECT_TRUE(cc.on_suspect(at(5), 0).empty());
}

TEST(ActivePassive, RepeatedSuspicionOrHeartbeatIsIdempotent) {
  ActivePassiveController n2(pair(), 1);
  n2.on_suspect(at(3), 0);
  EXPECT_TRUE(n2.on_suspect(at(4), 0).empty());
  ActivePassiveController n1(pair(), 0);
  n1.on_heartbeat(at(1), 1, false);
  EXPECT_TRUE(n1.on_heartbeat(at(2), 1, false).empty());
}

} // namespace halab
