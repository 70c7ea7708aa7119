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
  auto w = q.decide(set(4, {0, 1, 2, 3}), views(4, {{0, 1}, {2, 3}}));
  EXPECT_EQ(w, set(4, {0, 1}));
}

TEST(Qnetd, FfsplitPrefersTheHalfWithMoreNodesConnected) {
  Qnetd q(config(QnetdConfig::Algorithm::ffsplit, 4));
  auto w = q.decide(set(4, {0, 2, 3}), views(4, {{0, 1}, {2, 3}}));  // n1 cannot reach qnetd
  EXPECT_EQ(w, set(4, {2, 3}));
}

TEST(Qnetd, FfsplitGivesAMajorityItsVoteAndAMinorityNone) {
  Qnetd q(config(QnetdConfig::Algorithm::ffsplit, 4));
  EXPECT_EQ(q.decide(set(4, {0, 1, 2, 3}), views(4, {{0, 1, 2}, {3}})), set(4, {0, 1, 2}));
}

TEST(Qnetd, FfsplitKeepsTheActivePartitionOnATie) {
  QnetdConfig c = config(QnetdConfig::Algorithm::ffsplit, 4);
  c.tie_breaker = QnetdConfig::TieBreaker::highest;
  Qnetd q(c);
  q.decide(set(4, {0, 1, 2, 3}), views(4, {{0, 1, 2}, {3}}));  // {0, 1, 2} is active
  // Now {0, 1} against {2, 3}: both hold a member of the active partition, so the highest node wins.
  EXPECT_EQ(q.decide(set(4, {0, 1, 2, 3}), views(4, {{0, 1}, {2, 3}})), set(4, {2, 3}));
}

TEST(Qnetd, LmsGivesTheOnlyConnectedPartitionItsVotesHoweverSmall) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 4));
  EXPECT_EQ(q.decide(set(4, {3}), views(4, {{0, 1, 2}, {3}})), set(4, {3}));
}

TEST(Qnetd, LmsPrefersMoreConnectedNodesThenTheTieBreaker) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 5));
  EXPECT_EQ(q.decide(set(5, {0, 1, 2, 3, 4}), views(5, {{0, 1}, {2, 3, 4}})), set(5, {2, 3, 4}));
  // Two connected on each side: the one holding the lowest connected node (1) wins.
  Qnetd tie(config(QnetdConfig::Algorithm::lms, 4));
  EXPECT_EQ(tie.decide(set(4, {1, 2, 3}), views(4, {{0, 1}, {2, 3}})), set(4, {2, 3}));  // 2 against 1 connected
  EXPECT_EQ(tie.decide(set(4, {0, 1, 2, 3}), views(4, {{0, 1}, {2, 3}})), set(4, {0, 1}));
}

TEST(Qnetd, NoVoteWhileViewsChangeForANodeWhoseViewMovedOn) {
  Qnetd q(config(QnetdConfig::Algorithm::ffsplit, 4));
  q.decide(set(4, {0, 1, 2, 3}), views(4, {{0, 1, 2, 3}}));
  // Nodes 0 and 1 installed {0, 1}; 2 and 3 still report the whole cluster: unstable.
  auto v = views(4, {{0, 1, 2, 3}});
  v[0] = v[1] = set(4, {0, 1});
  EXPECT_EQ(q.decide(set(4, {0, 1, 2, 3}), v), set(4, {2, 3}));  // 2 and 3 keep the vote of their unchanged ring
}


// A node whose view changed has no answer until the views settle: the others' answers stand.
TEST(Qnetd, ANodeWhoseViewChangedWaitsForTheViewsToSettle) {
  Qnetd q(config(QnetdConfig::Algorithm::lms, 3));
  auto all = views(3, {{0, 1, 2}});
  EXPECT_FALSE(q.answered(0, all));  // nothing decided yet
  EXPECT_EQ(q.decide(set(3, {0, 1, 2}), all), set(3, {0, 1, 2}));
  EXPECT_TRUE(q.answered(0, all));
  auto changing = all;
  changing[0] = set(3, {0, 1});  // 0 lost 2; 1 has not yet
  EXPECT_EQ(q.decide(set(3, {0, 1, 2}), changing), set(3, {1, 2}));
  EXPECT_FALSE(q.answered(0, changing));
  EXPECT_TRUE(q.answered(1, changing));
  auto settled = views(3, {{0, 1}, {2}});
  q.decide(set(3, {0, 1}), settled);  // 2 is gone: one connected partition
  EXPECT_TRUE(q.answered(0, settled));
}

} // namespace halab
