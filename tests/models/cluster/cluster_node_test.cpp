#include "models/cluster/cluster_node.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
using Kind = ClusterAction::Kind;

ClusterNodeConfig three(FencingMode fencing, NoQuorumPolicy policy = NoQuorumPolicy::stop) {
  return {{300, 200, 100}, fencing, policy, Duration::seconds(10)};
}
const std::vector<bool> kAll{true, true, true};
const std::vector<bool> kWithout0{false, true, true};
const std::vector<bool> kOnly0{true, false, false};

// Node `self` of three, in a full quorate view, with node 0 running at epoch 1.
ClusterNode settled(std::size_t self, ClusterNodeConfig config) {
  ClusterNode n(config, self);
  n.on_view(at(1), kAll, true);
  if (self != 0) n.on_peer(at(1.1), 0, true, 1);
  return n;
}
} // namespace

TEST(ClusterNode, HighestPriorityStartsInAQuorateView) {
  ClusterNode n0(three(FencingMode::device), 0);
  auto a = n0.on_view(at(1), kAll, true);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::start);
  EXPECT_EQ(a[0].epoch, 1u);
  ClusterNode n1(three(FencingMode::device), 1);
  EXPECT_TRUE(n1.on_view(at(1), kAll, true).empty());
}

TEST(ClusterNode, NothingStartsWithoutQuorum) {
  ClusterNode n0(three(FencingMode::device), 0);
  EXPECT_TRUE(n0.on_view(at(1), kOnly0, false).empty());
  EXPECT_EQ(n0.blocked_reason(), "no quorum");
}

TEST(ClusterNode, MinorityStopsUnderPolicyStop) {
  ClusterNode n0 = settled(0, three(FencingMode::device));
  ASSERT_TRUE(n0.running());
  auto a = n0.on_view(at(5), kOnly0, false);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::stop);
}

TEST(ClusterNode, MinorityKeepsRunningUnderFreeze) {
  ClusterNode n0 = settled(0, three(FencingMode::device, NoQuorumPolicy::freeze));
  EXPECT_TRUE(n0.on_view(at(5), kOnly0, false).empty());
  EXPECT_TRUE(n0.running());
}

TEST(ClusterNode, MinoritySelfFencesUnderSuicide) {
  ClusterNode n0 = settled(0, three(FencingMode::device, NoQuorumPolicy::suicide));
  auto a = n0.on_view(at(5), kOnly0, false);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].kind, Kind::stop);
  EXPECT_EQ(a[1].kind, Kind::self_fence);
  EXPECT_TRUE(n0.on_view(at(6), kAll, true).empty());  // a node fencing itself decides nothing more
}

TEST(ClusterNode, MajorityFencesTheLostHolderBeforeTakingOver) {
  ClusterNode n1 = settled(1, three(FencingMode::device));
  auto a = n1.on_view(at(5), kWithout0, true);
  ASSERT_EQ(a.size(), 1u);  // n1 is the DC of {1, 2}: fence n0, start nothing yet
  EXPECT_EQ(a[0].kind, Kind::fence);
  EXPECT_EQ(a[0].target, 0u);
  EXPECT_EQ(n1.blocked_reason(), "waiting for the last holder to be fenced");
  auto b = n1.on_fence_result(at(7), 0, true);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, Kind::start);
  EXPECT_EQ(b[0].epoch, 2u);
}

TEST(ClusterNode, NonCoordinatorNeitherFencesNorStarts) {
  ClusterNode n2 = settled(2, three(FencingMode::device));
  EXPECT_TRUE(n2.on_view(at(5), kWithout0, true).empty());
}

TEST(ClusterNode, FailedFencingKeepsTheResourceBlockedAndRetries) {
  ClusterNode n1 = settled(1, three(FencingMode::device));
  n1.on_view(at(5), kWithout0, true);
  auto a = n1.on_fence_result(at(25), 0, false);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::fence);  // retry
  EXPECT_FALSE(n1.running());
  EXPECT_TRUE(n1.unclean(0));
}

TEST(ClusterNode, WithoutStonithTheLostNodeIsAssumedDown) {
  ClusterNode n1 = settled(1, three(FencingMode::none));
  auto a = n1.on_view(at(5), kWithout0, true);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::start);
}

TEST(ClusterNode, WatchdogFencingWaitsTheWatchdogTimeout) {
  ClusterNode n1 = settled(1, three(FencingMode::watchdog));
  EXPECT_TRUE(n1.on_view(at(5), kWithout0, true).empty());
  EXPECT_EQ(n1.next_timer(), at(15));
  EXPECT_TRUE(n1.on_timer(at(14)).empty());
  auto a = n1.on_timer(at(15));
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::start);
}

TEST(ClusterNode, WatchdogNodeWithoutQuorumResetsItself) {
  ClusterNode n0 = settled(0, three(FencingMode::watchdog));
  auto a = n0.on_view(at(5), kOnly0, false);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].kind, Kind::self_fence);
}

TEST(ClusterNode, OlderCopyStopsWhenBothAreActiveInOneView) {
  ClusterNode n0 = settled(0, three(FencingMode::none));
  auto a = n0.on_peer(at(20), 1, true, 2);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::stop);
}

TEST(ClusterNode, RefusedWriteStopsAndResyncsTheEpoch) {
  ClusterNode n0 = settled(0, three(FencingMode::none));
  auto a = n0.on_write_refused(at(20), 5, "stale epoch");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::stop);
  EXPECT_TRUE(n0.on_timer(at(21)).empty());
  EXPECT_EQ(n0.blocked_reason(), "resyncing after a refused write");
  // The next view ends the resync; it starts again above the epoch that beat it.
  auto b = n0.on_view(at(22), kAll, true);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].epoch, 6u);
}

// Startup fencing (Pacemaker Explained, "Cluster Options": startup-fencing): a node just
// (re)started knows nothing of a peer it has not seen in a view; the old holder may still
// run the service behind a partition.
TEST(ClusterNode, RestartedNodeFencesAPeerItHasNotSeenBeforeStarting) {
  ClusterNode n1(three(FencingMode::device), 1, /*known_epoch=*/1, at(60));
  EXPECT_TRUE(n1.unclean(0));
  auto a = n1.on_view(at(70), kWithout0, true);  // the DC of {1, 2}
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::fence);
  EXPECT_EQ(a[0].target, 0u);
  EXPECT_FALSE(n1.running());
  EXPECT_EQ(n1.blocked_reason(), "waiting for an unclean node to be fenced");
  auto b = n1.on_fence_result(at(72), 0, true);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, Kind::start);
  EXPECT_EQ(b[0].epoch, 2u);  // above the epoch it kept across the restart
}

TEST(ClusterNode, APeerThatJoinsTheViewIsNoLongerUnknown) {
  ClusterNode n1(three(FencingMode::device), 1, 0, at(0));
  n1.on_view(at(1), kAll, true);
  EXPECT_FALSE(n1.unclean(0));
}

TEST(ClusterNode, WithoutStonithNobodyIsFencedAtStartup) {
  ClusterNode n1(three(FencingMode::none), 1, 0, at(0));
  EXPECT_FALSE(n1.unclean(0));
  auto a = n1.on_view(at(1), kWithout0, true);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::start);
}

TEST(ClusterNode, UnderWatchdogAnUnseenNodeCountsAsResetOneWaitAfterStart) {
  ClusterNode n1(three(FencingMode::watchdog), 1, 0, at(0));
  EXPECT_TRUE(n1.on_view(at(2), kWithout0, true).empty());
  EXPECT_EQ(n1.next_timer(), at(10));
  auto a = n1.on_timer(at(10));
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::start);
}

TEST(ClusterNode, ANodeThatFencedItselfHasNoTimerLeft) {
  ClusterNode n1 = settled(1, three(FencingMode::watchdog));
  n1.on_view(at(5), kWithout0, true);  // n0 unclean: a watchdog wait until 15 s
  auto a = n1.on_view(at(6), {false, true, false}, false);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.back().kind, Kind::self_fence);
  EXPECT_FALSE(n1.next_timer().has_value());  // else the wait, once past, stays due for ever
}

} // namespace halab

