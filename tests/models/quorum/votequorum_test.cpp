// Truth tables for votequorum(5) semantics: votes, partitions, expected result.
#include "models/quorum/votequorum.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace halab {
namespace {

Instant at(double s) { return Instant::at_seconds(s); }

VoteQuorumConfig nodes(std::size_t n) {
  VoteQuorumConfig c;
  c.votes.assign(n, 1);
  return c;
}

// The membership vector with exactly `in` present.
std::vector<bool> view(std::size_t n, std::initializer_list<std::size_t> in) {
  std::vector<bool> m(n, false);
  for (auto i : in) m[i] = true;
  return m;
}

std::vector<bool> all(std::size_t n) { return std::vector<bool>(n, true); }

// Quorate? for node `self` seeing `members`, after having seen everyone once.
bool quorate(const VoteQuorumConfig& c, std::size_t self, const std::vector<bool>& members, bool device = false) {
  VoteQuorum q(c, self);
  q.update(at(0), all(c.votes.size()), device);
  q.update(at(1), members, device);
  return q.quorate();
}

} // namespace

TEST(VoteQuorum, QuorumIsHalfTheExpectedVotesPlusOne) {
  for (unsigned n = 1; n <= 9; ++n) {
    VoteQuorum q(nodes(n), 0);
    q.update(at(0), all(n), false);
    EXPECT_EQ(q.quorum(), n / 2 + 1) << n;
    EXPECT_TRUE(q.quorate()) << n;
  }
}

TEST(VoteQuorum, SeedFiveNodesSplitTwoThree) {
  // The seed: five nodes split 2/3 — the 2 stop, the 3 serve.
  auto c = nodes(5);
  EXPECT_FALSE(quorate(c, 0, view(5, {0, 1})));
  EXPECT_TRUE(quorate(c, 2, view(5, {2, 3, 4})));
}

TEST(VoteQuorum, SeedSixNodesSplitThreeThreeBothStop) {
  // The seed: six nodes split 3/3 — neither half has more than half of the votes.
  auto c = nodes(6);
  EXPECT_FALSE(quorate(c, 0, view(6, {0, 1, 2})));
  EXPECT_FALSE(quorate(c, 3, view(6, {3, 4, 5})));
}

TEST(VoteQuorum, TwoNPlusOneToleratesNFailures) {
  for (std::size_t n = 1; n <= 4; ++n) {
    std::size_t size = 2 * n + 1;
    auto c = nodes(size);
    std::vector<bool> survivors(size, true), one_more(size, true);
    for (std::size_t i = 0; i < n; ++i) survivors[size - 1 - i] = false;
    one_more = survivors;
    one_more[size - 1 - n] = false;
    EXPECT_TRUE(quorate(c, 0, survivors)) << size << " nodes lose " << n;
    EXPECT_FALSE(quorate(c, 0, one_more)) << size << " nodes lose " << n + 1;
  }
}

TEST(VoteQuorum, WeightedVotes) {
  // A node with 2 votes keeps quorum with one peer: expected 4, quorum 3.
  VoteQuorumConfig c;
  c.votes = {2, 1, 1};
  EXPECT_TRUE(quorate(c, 0, view(3, {0, 1})));
  EXPECT_FALSE(quorate(c, 1, view(3, {1, 2})));
}

TEST(VoteQuorum, ConfiguredExpectedVotesAndItsRaise) {
  auto c = nodes(3);
  c.expected_votes = 5;  // quorum 3: all three nodes needed
  EXPECT_FALSE(quorate(c, 0, view(3, {0, 1})));
  c.expected_votes = 2;  // 3 votes present raise it to 3
  VoteQuorum q(c, 0);
  q.update(at(0), all(3), false);
  EXPECT_EQ(q.expected_votes(), 3u);
  EXPECT_EQ(q.quorum(), 2u);
}

TEST(VoteQuorum, TwoNodeQuorateAloneAfterSeeingThePeer) {
  auto c = nodes(2);
  c.two_node = true;
  EXPECT_TRUE(quorate(c, 0, view(2, {0})));
  EXPECT_TRUE(quorate(c, 1, view(2, {1})));  // both halves: two_node needs fencing
}

TEST(VoteQuorum, TwoNodeColdStartAloneWaitsForAll) {
  auto c = nodes(2);
  c.two_node = true;
  VoteQuorum q(c, 0);
  q.update(at(0), view(2, {0}), false);
  EXPECT_FALSE(q.quorate());
  EXPECT_TRUE(q.waiting_for_all());
  q.update(at(5), all(2), false);
  EXPECT_TRUE(q.quorate());
  q.update(at(9), view(2, {0}), false);
  EXPECT_TRUE(q.quorate());  // wait_for_all only holds back the first time
}

TEST(VoteQuorum, TwoNodeWithoutWaitForAllStartsAlone) {
  auto c = nodes(2);
  c.two_node = true;
  c.wait_for_all = false;
  VoteQuorum q(c, 0);
  q.update(at(0), view(2, {0}), false);
  EXPECT_TRUE(q.quorate());
}

TEST(VoteQuorum, WaitForAllOnALargerCluster) {
  auto c = nodes(5);
  c.wait_for_all = true;
  VoteQuorum q(c, 0);
  q.update(at(0), view(5, {0, 1, 2, 3}), false);
  EXPECT_FALSE(q.quorate());  // 4 of 5 votes, but not everyone seen yet
  q.update(at(1), all(5), false);
  q.update(at(2), view(5, {0, 1, 2}), false);
  EXPECT_TRUE(q.quorate());
}

TEST(VoteQuorum, AutoTieBreakerLowestNodeWinsAnEvenSplit) {
  auto c = nodes(4);
  c.auto_tie_breaker = true;
  EXPECT_TRUE(quorate(c, 0, view(4, {0, 1})));
  EXPECT_FALSE(quorate(c, 2, view(4, {2, 3})));
  // Not an even split: votes decide.
  EXPECT_FALSE(quorate(c, 0, view(4, {0})));
}

TEST(VoteQuorum, AutoTieBreakerHighestAndList) {
  auto c = nodes(4);
  c.auto_tie_breaker = true;
  c.tie_breaker = VoteQuorumConfig::TieBreaker::highest;
  EXPECT_FALSE(quorate(c, 0, view(4, {0, 1})));
  EXPECT_TRUE(quorate(c, 2, view(4, {2, 3})));
  c.tie_breaker = VoteQuorumConfig::TieBreaker::list;
  c.tie_breaker_list = {2, 0};
  EXPECT_TRUE(quorate(c, 2, view(4, {2, 3})));
  EXPECT_FALSE(quorate(c, 0, view(4, {0, 1})));
}

TEST(VoteQuorum, QuorumDeviceBreaksTheSixNodeTie) {
  auto c = nodes(6);
  c.device_votes = 1;  // expected 7, quorum 4
  EXPECT_TRUE(quorate(c, 0, view(6, {0, 1, 2}), true));
  EXPECT_FALSE(quorate(c, 3, view(6, {3, 4, 5}), false));
}

TEST(VoteQuorum, LastManStandingCascadesDownToTwo) {
  auto c = nodes(8);
  c.last_man_standing = true;
  VoteQuorum q(c, 0);
  q.update(at(0), all(8), false);
  std::vector<bool> m = all(8);
  double t = 0;
  for (std::size_t gone = 7; gone >= 2; --gone) {  // lose nodes 7, 6, ... 2, one at a time
    m[gone] = false;
    q.update(at(t += 1), m, false);
    EXPECT_TRUE(q.quorate()) << "after losing node " << gone;
    q.tick(at(t += 10));  // the window passes with stable membership
    EXPECT_EQ(q.expected_votes(), std::max<unsigned>(2, static_cast<unsigned>(gone))) << gone;
  }
  m[1] = false;  // down to one node: LMS alone cannot go below 2
  q.update(at(t += 1), m, false);
  EXPECT_FALSE(q.quorate());
}

TEST(VoteQuorum, LastManStandingWithTieBreakerReachesOne) {
  auto c = nodes(4);
  c.last_man_standing = true;
  c.auto_tie_breaker = true;
  VoteQuorum q(c, 0);
  q.update(at(0), all(4), false);
  q.update(at(1), view(4, {0, 1, 2}), false);
  q.tick(at(11));
  q.update(at(12), view(4, {0, 1}), false);
  q.tick(at(22));
  q.update(at(23), view(4, {0}), false);
  EXPECT_TRUE(q.quorate());
  EXPECT_STREQ(q.reason(), "auto_tie_breaker: even split, tie-breaker node here");
}

TEST(VoteQuorum, LastManStandingWindowRestartsOnEveryChange) {
  auto c = nodes(5);
  c.last_man_standing = true;
  VoteQuorum q(c, 0);
  q.update(at(0), all(5), false);
  q.update(at(1), view(5, {0, 1, 2, 3}), false);
  q.update(at(8), view(5, {0, 1, 2}), false);
  q.tick(at(12));  // only 4 s since the last change: nothing yet
  EXPECT_EQ(q.expected_votes(), 5u);
  q.tick(at(18));
  EXPECT_EQ(q.expected_votes(), 3u);
}

TEST(VoteQuorum, TwoNodeOnALargerClusterAppliesOnlyWithTwoMembersLeft) {
  // votequorum.c calculate_quorum: quorum 1 only while total_nodes <= 2.
  auto c = nodes(3);
  c.two_node = true;
  c.wait_for_all = false;
  VoteQuorum all(c, 0);
  all.update(Instant(), view(3, {0, 1, 2}), false);
  EXPECT_EQ(all.quorum(), 2u);                   // three members: the usual quorum
  EXPECT_TRUE(quorate(c, 0, view(3, {0, 1})));   // two members: two_node's quorum 1
  EXPECT_TRUE(quorate(c, 0, view(3, {0})));      // one member too: total_nodes <= 2
}

TEST(VoteQuorum, InvalidConfigurations) {
  auto c = nodes(4);
  c.auto_tie_breaker = true;
  c.device_votes = 1;
  EXPECT_NE(c.problem(), "");
}

} // namespace halab
