#include "models/membership/membership.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
}

TEST(MembershipTiming, CorosyncDefaults) {
  MembershipTiming t;
  t.kind = MembershipTiming::Kind::corosync;
  // corosync.conf(5): token 3000 ms, +650 ms per node above 2; consensus 1.2 x token.
  EXPECT_EQ(t.token_timeout(2), Duration::millis(3000));
  EXPECT_NEAR(t.token_timeout(5).to_seconds(), 3.0 + 3 * 0.65, 1e-12);
  EXPECT_NEAR(t.consensus(2).to_seconds(), 3.6, 1e-12);
  EXPECT_NEAR(t.consensus(5).to_seconds(), 1.2 * 4.95, 1e-12);
}

TEST(Membership, PlainTimingChangesTheViewAtOnceAndBumpsTheRing) {
  Membership m(3, 0, {});
  m.heard(at(0.1), 1);
  m.heard(at(0.2), 2);
  auto v = m.poll(at(0.2));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->size(), 3u);
  std::uint64_t ring = v->ring;
  m.lost(at(5), 2);
  auto w = m.poll(at(5));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->size(), 2u);
  EXPECT_GT(w->ring, ring);
}

TEST(Membership, CorosyncWaitsForConsensusOnlyWhenAMemberIsLost) {
  MembershipTiming t;
  t.kind = MembershipTiming::Kind::corosync;
  Membership m(2, 0, t);
  m.heard(at(0), 1);
  // The first ring only gains members: it forms one join timeout (50 ms) after the joins agree.
  ASSERT_FALSE(m.poll(at(0.04)).has_value());
  ASSERT_TRUE(m.poll(at(0.05)).has_value());
  m.lost(at(10), 1);
  EXPECT_FALSE(m.poll(at(13.5)).has_value());
  EXPECT_EQ(m.next_timer(), at(13.6));  // a loss waits for the consensus timeout, 1.2 x 3 s
  auto v = m.poll(at(13.6));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->size(), 1u);
  m.heard(at(20), 1);  // back: the ring only gains it
  EXPECT_EQ(m.next_timer(), at(20.05));
  auto w = m.poll(at(20.05));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->size(), 2u);
}

TEST(Membership, AJoinDuringAPendingLossWaitsForTheConsensusTimeout) {
  MembershipTiming t;
  t.kind = MembershipTiming::Kind::corosync;
  Membership m(3, 0, t);
  m.heard(at(0), 1);
  m.lost(at(0), 2);
  ASSERT_TRUE(m.poll(at(0.05)).has_value());  // {0, 1}
  m.lost(at(10), 1);                          // pending until 10 + 1.2 x 3.65
  m.heard(at(11), 2);  // a join while 1's loss is pending: gather again, the timer restarts
  EXPECT_EQ(m.next_timer(), at(11 + 1.2 * 3.65));
  auto v = m.poll(at(11 + 1.2 * 3.65));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->members, (std::vector<bool>{true, false, true}));
}

TEST(Membership, FlapWithinConsensusLeavesTheViewAlone) {
  MembershipTiming t;
  t.kind = MembershipTiming::Kind::corosync;
  Membership m(2, 0, t);
  m.heard(at(0), 1);
  ASSERT_TRUE(m.poll(at(4)).has_value());
  std::uint64_t ring = m.view().ring;
  m.lost(at(10), 1);
  m.heard(at(11), 1);
  EXPECT_FALSE(m.poll(at(20)).has_value());
  EXPECT_EQ(m.view().ring, ring);
}

TEST(Membership, FirstViewWaitsUntilEveryPeerIsKnown) {
  Membership m(3, 0, {});
  m.heard(at(0.1), 1);
  EXPECT_FALSE(m.poll(at(0.1)).has_value());
  m.lost(at(3), 2);  // never heard: given up on at its first deadline
  auto v = m.poll(at(3));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->members, (std::vector<bool>{true, true, false}));
}

TEST(Membership, ANodeAloneFormsAViewOfOne) {
  Membership m(2, 1, {});
  m.lost(at(3), 0);
  auto v = m.poll(at(3));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->size(), 1u);
}

} // namespace halab

namespace halab {
namespace {
// Node `self` of `n` with agreement on (plain timing, grace 5 s).
Membership agreeing(std::size_t n, std::size_t self) { return Membership(n, self, {}, Duration::seconds(5)); }

// The digest a node would send when it hears exactly `nodes`.
std::uint64_t digest_of(std::size_t n, const std::vector<std::size_t>& nodes) {
  Membership m(n, nodes.front(), {});
  for (std::size_t i = 1; i < nodes.size(); ++i) m.heard(at(0), nodes[i]);
  return m.digest();
}

// Node 0 of `n`, in a view of all `n` that every node agrees on (at 0 s).
Membership all_agreeing(std::size_t n) {
  Membership m = agreeing(n, 0);
  std::vector<std::size_t> everyone;
  for (std::size_t p = 0; p < n; ++p) everyone.push_back(p);
  for (std::size_t p = 1; p < n; ++p) {
    m.peer_digest(at(0), p, digest_of(n, everyone));
    m.heard(at(0), p);
  }
  m.poll(at(0));
  return m;
}
}  // namespace

TEST(MembershipAgreement, DigestDependsOnTheSetNotTheOrder) {
  Membership a(3, 0, {}), b(3, 2, {});
  a.heard(at(0), 2);
  a.heard(at(0), 1);
  b.heard(at(0), 0);
  b.heard(at(0), 1);
  EXPECT_EQ(a.digest(), b.digest());
  a.lost(at(1), 1);
  EXPECT_NE(a.digest(), b.digest());
  EXPECT_EQ(a.digest(), digest_of(3, {0, 2}));
}

TEST(MembershipAgreement, APeerJoinsOnlyOnceItHearsTheSameNodes) {
  Membership m = agreeing(3, 0);
  m.peer_digest(at(0), 1, digest_of(3, {1}));  // 1 does not hear 0 yet
  m.heard(at(0), 1);
  m.lost(at(0), 2);
  auto v = m.poll(at(0));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->members, (std::vector<bool>{true, false, false}));
  m.peer_digest(at(1), 1, digest_of(3, {0, 1}));
  auto w = m.poll(at(1));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->members, (std::vector<bool>{true, true, false}));
}

// Five nodes; 0 and 1 are cut from 2 and 4, and 3 reaches everyone (a host in no group of
// a partition). Each side hears 3, but 3 hears all five: totem forms no ring that both
// sides share, so neither side may count 3's vote, and no view holds a majority.
TEST(MembershipAgreement, NonTransitiveConnectivityGivesDisjointViews) {
  const std::uint64_t side_a = digest_of(5, {0, 1, 3});
  const std::uint64_t all = digest_of(5, {0, 1, 2, 3, 4});
  Membership n0 = all_agreeing(5);
  ASSERT_EQ(n0.view().size(), 5u);
  // The partition: 0 loses 2 and 4; 1 says what 0 says; 3 still hears everyone.
  n0.lost(at(10), 2);
  n0.lost(at(10), 4);
  n0.peer_digest(at(10.5), 1, side_a);
  auto v = n0.poll(at(10.5));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->members, (std::vector<bool>{true, true, false, true, false}));  // within the grace
  ASSERT_TRUE(n0.next_timer().has_value());
  EXPECT_DOUBLE_EQ(n0.next_timer()->to_seconds(), 15.0);  // 3 has disagreed since 10 s
  auto w = n0.poll(at(15));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->members, (std::vector<bool>{true, true, false, false, false}));
  // The cut heals: 3 agrees again and rejoins.
  n0.heard(at(20), 2);
  n0.heard(at(20), 4);
  for (std::size_t p : {1, 2, 3, 4}) n0.peer_digest(at(21), p, all);
  EXPECT_EQ(n0.poll(at(21))->size(), 5u);
}

TEST(MembershipAgreement, ADisagreementShorterThanTheGraceChangesNothing) {
  Membership n0 = all_agreeing(3);
  ASSERT_EQ(n0.view().size(), 3u);
  n0.lost(at(10), 2);  // 0 notices 2's crash first
  ASSERT_EQ(n0.poll(at(10))->size(), 2u);
  n0.peer_digest(at(11), 1, digest_of(3, {0, 1}));  // 1 notices a second later
  EXPECT_FALSE(n0.poll(at(16)).has_value());
  EXPECT_FALSE(n0.next_timer().has_value());
}

TEST(MembershipAgreement, OneWayCutIsolatesTheNodeThatStillHears) {
  // 0 hears 1 and 2, but they no longer hear 0.
  Membership n0 = all_agreeing(3);
  ASSERT_EQ(n0.view().size(), 3u);
  for (std::size_t p : {1, 2}) n0.peer_digest(at(4), p, digest_of(3, {1, 2}));
  EXPECT_FALSE(n0.poll(at(8.9)).has_value());
  auto v = n0.poll(at(9));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->size(), 1u);
}


// Totem commits only when every processor it hears has sent a matching join: a peer that is
// heard but does not agree holds the ring back until it agrees, or until the consensus
// timeout marks it failed.
TEST(MembershipAgreement, AHeardPeerThatDisagreesHoldsTheRingBack) {
  MembershipTiming t;
  t.kind = MembershipTiming::Kind::corosync;
  auto digest_of = [](const std::vector<std::size_t>& nodes) {
    Membership m(3, nodes.front(), {});
    for (std::size_t i = 1; i < nodes.size(); ++i) m.heard(at(0), nodes[i]);
    return m.digest();
  };
  Membership agrees_later(3, 0, t, Duration::seconds(5));
  agrees_later.heard(at(0), 1);
  agrees_later.heard(at(0), 2);
  agrees_later.peer_digest(at(0), 1, digest_of({0, 1, 2}));
  agrees_later.peer_digest(at(0), 2, digest_of({2}));  // 2 does not hear everyone yet
  EXPECT_FALSE(agrees_later.poll(at(0.05)).has_value());
  agrees_later.peer_digest(at(1), 2, digest_of({0, 1, 2}));
  EXPECT_EQ(agrees_later.next_timer(), at(1.05));
  auto v = agrees_later.poll(at(1.05));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->size(), 3u);

  Membership never(3, 0, t, Duration::seconds(5));
  never.heard(at(0), 1);
  never.heard(at(0), 2);
  never.peer_digest(at(0), 1, digest_of({0, 1, 2}));
  never.peer_digest(at(0), 2, digest_of({2}));
  EXPECT_EQ(never.next_timer(), at(1.2 * 3.65));
  auto w = never.poll(at(1.2 * 3.65));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->members, (std::vector<bool>{true, true, false}));
}

} // namespace halab
