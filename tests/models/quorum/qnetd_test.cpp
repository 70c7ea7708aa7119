// corosync-qnetd's algorithms (corosync-qdevice(8), qnetd-algo-ffsplit.c, qnetd-algo-lms.c).
#include "models/quorum/qnetd.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

QnetdConfig config(QnetdConfig::Algorithm a, std::size_t nodes) {
  QnetdConfig c;
  c.algorithm = a;
  c.nodes = nodes;
  return c;
}

std::vector<bool> set(std::size_t n, std::initializer_list<std::size_t> in) {
  std::vector<bool> s(n, false);
  for (auto i : in) s[i] = true;
  return s;
}

// Every node of a group reports the group as its view.
std::vector<std::vector<bool>> views(std::size_t n, std::initializer_list<std::initializer_list<std::size_t>> groups) {
  std::vector<std::vector<bool>> v(n, std::vector<bool>(n, false));
  for (auto g : groups)
    for (auto i : g) v[i] = set(n, g);
  return v;
}

} // namespace

TEST(Qnetd, FfsplitVotesCountOne) {
  EXPECT_EQ(config(QnetdConfig::Algorithm::ffsplit, 6).votes(), 1u);
  EXPECT_EQ(config(QnetdConfig::Algorithm::lms, 6).votes(), 5u);  // nodes - 1
}

TEST(Qnetd, FfsplitBreaksAnEvenSplitByTheLowestNode) {
  Qnetd q(config(QnetdConfig::Algorithm::ffsplit, 4));
  auto w = q.decide(0, set(4, {0, 1, 2, 3}), views(4, {{0, 1}, {2, 3}}));
  EXPECT_EQ(w, set(4, {0, 1}));
}

TEST(Qnetd, FfsplitPrefersTheHalfWithMoreNodesConnected) {
  Qnetd q(config(QnetdConfig::Algorithm::ffsplit, 4));
  auto w = q.decide(0, set(4, {0, 2, 3}), views(4, {{0, 1}, {2, 3}}));  // n1 cannot reach qnetd
  EXPECT_EQ(w, set(4, {2, 3}));
}

TEST(Qnetd, FfsplitGivesAMajorityItsVoteAndAMinorityNone) {
  Qnetd q(config(QnetdConfig::Algorithm::ffsplit, 4));
  EXPECT_EQ(q.decide(0, set(4, {0, 1, 2, 3}), views(4, {{0, 1, 2}, {3}})), set(4, {0, 1, 2}));
}

TEST(Qnetd, FfsplitKeepsTheActivePartitionOnATie) {
  QnetdConfig c = config(QnetdConfig::Algorithm::ffsplit, 4);
  c.tie_breaker = QnetdConfig::TieBreaker::highest;
  Qnetd q(c);
  q.decide(0, set(4, {0, 1, 2, 3}), views(4, {{0, 1, 2}, {3}}));  // {0, 1, 2} is active
  // Now {0, 1} against {2, 3}: both hold a member of the active partition, so the highest node wins.
  EXPECT_EQ(q.decide(0, set(4, {0, 1, 2, 3}), views(4, {{0, 1}, {2, 3}})), set(4, {2, 3}));
}

TEST(Qnetd, LmsGivesTheOnlyConnectedPartitionItsVotesHoweverSmall) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 4));
  EXPECT_EQ(q.decide(0, set(4, {3}), views(4, {{0, 1, 2}, {3}})), set(4, {3}));
}

TEST(Qnetd, LmsPrefersMoreConnectedNodesThenTheTieBreaker) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 5));
  EXPECT_EQ(q.decide(0, set(5, {0, 1, 2, 3, 4}), views(5, {{0, 1}, {2, 3, 4}})), set(5, {2, 3, 4}));
  // Two connected on each side: the one holding the lowest connected node (0) wins.
  Qnetd tie(config(QnetdConfig::Algorithm::lms, 4));
  EXPECT_EQ(tie.decide(0, set(4, {0, 1, 2, 3}), views(4, {{0, 1}, {2, 3}})), set(4, {0, 1}));
}

// lms answers a client when it asks, and no other: a newcomer is refused while another
// partition holds the votes (a tie it would win by the tie-breaker included), and those
// that hold them keep them.
TEST(Qnetd, LmsRefusesANewcomerWhileAnotherPartitionHoldsTheVotes) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 4));
  const auto split = views(4, {{0, 1}, {2, 3}});
  EXPECT_EQ(q.decide(0, set(4, {1, 2, 3}), split), set(4, {2, 3}));  // 2 against 1 connected
  EXPECT_EQ(q.decide(1, set(4, {0, 1, 2, 3}), split), set(4, {2, 3}));
  EXPECT_TRUE(q.answered(0, split));  // refused is an answer
  // 2 and 3 die and are dropped: nothing makes 0 or 1 ask again while their view stands.
  EXPECT_EQ(q.decide(20, set(4, {0, 1}), split), set(4, {}));
  // 1 dies too: 0's ring moves on; it waits while 1 is listed with {0, 1}, then, alone, wins.
  auto last = split;
  last[0] = set(4, {0});
  EXPECT_EQ(q.decide(21, set(4, {0}), last), set(4, {}));
  EXPECT_FALSE(q.answered(0, last));
  EXPECT_EQ(q.decide(33.5, set(4, {0}), last), set(4, {0}));
  EXPECT_TRUE(q.answered(0, last));
}

TEST(Qnetd, NoVoteWhileViewsChangeForANodeWhoseViewMovedOn) {
  Qnetd q(config(QnetdConfig::Algorithm::ffsplit, 4));
  q.decide(0, set(4, {0, 1, 2, 3}), views(4, {{0, 1, 2, 3}}));
  // Nodes 0 and 1 installed {0, 1}; 2 and 3 still report the whole cluster: unstable.
  auto v = views(4, {{0, 1, 2, 3}});
  v[0] = v[1] = set(4, {0, 1});
  EXPECT_EQ(q.decide(0, set(4, {0, 1, 2, 3}), v), set(4, {2, 3}));  // 2 and 3 keep the vote of their unchanged ring
}


// A node whose view changed has no answer until the views settle: the others' answers stand.
TEST(Qnetd, ANodeWhoseViewChangedWaitsForTheViewsToSettle) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 3));
  auto all = views(3, {{0, 1, 2}});
  EXPECT_FALSE(q.answered(0, all));  // nothing decided yet
  EXPECT_EQ(q.decide(0, set(3, {0, 1, 2}), all), set(3, {0, 1, 2}));
  EXPECT_TRUE(q.answered(0, all));
  auto changing = all;
  changing[0] = set(3, {0, 1});  // 0 lost 2; 1 has not yet
  EXPECT_EQ(q.decide(0, set(3, {0, 1, 2}), changing), set(3, {1, 2}));
  EXPECT_FALSE(q.answered(0, changing));
  EXPECT_TRUE(q.answered(1, changing));
  auto settled = views(3, {{0, 1}, {2}});
  q.decide(20, set(3, {0, 1}), settled);  // 2 is gone, past the dead peer detection: one partition
  EXPECT_TRUE(q.answered(0, settled));
}

// 0 and 1 serve with qnetd's votes; 2 and 3 are cut off and 3 comes back alone. A member
// of the serving partition dies: until qnetd's dead peer detection drops it, it still
// counts for its partition, so the lone node cannot take the votes the moment it dies —
// its partition's ring moves on first, and the survivor's vote goes with its old ring.
TEST(Qnetd, ADeadClientCountsForItsPartitionUntilTheDeadPeerDetectionDropsIt) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 4));
  const auto split = views(4, {{0, 1}, {2}, {3}});
  EXPECT_EQ(q.decide(0, set(4, {0, 1}), split), set(4, {0, 1}));     // 2 and 3 were never heard
  EXPECT_EQ(q.decide(1, set(4, {0, 1, 3}), split), set(4, {0, 1}));  // 3 comes back alone
  // 1 dies after 1 s: 3 asks at 3 s, and again just before the detection (1 s + 12 s).
  EXPECT_EQ(q.decide(3, set(4, {0, 3}), split), set(4, {0}));
  EXPECT_EQ(q.decide(12.9, set(4, {0, 3}), split), set(4, {0}));
  // 0's ring moves on to {0} while 1 is still listed with {0, 1}: views change, 0 waits.
  auto moved = split;
  moved[0] = set(4, {0});
  EXPECT_EQ(q.decide(12.95, set(4, {0, 3}), moved), set(4, {}));
  EXPECT_FALSE(q.answered(0, moved));
  // 1 dropped: a tie of lone clients, broken by the lowest node among them.
  EXPECT_EQ(q.decide(13.5, set(4, {0, 3}), moved), set(4, {0}));
  EXPECT_TRUE(q.answered(0, moved));
}

} // namespace halab
