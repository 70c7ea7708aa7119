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

TEST(Membership, CorosyncWaitsForConsensusBeforeTheNewRing) {
  MembershipTiming t;
  t.kind = MembershipTiming::Kind::corosync;
  Membership m(2, 0, t);
  m.heard(at(0), 1);
  ASSERT_FALSE(m.poll(at(3.5)).has_value());
  ASSERT_TRUE(m.poll(at(3.6)).has_value());  // the first ring forms after consensus too
  m.lost(at(10), 1);
  EXPECT_FALSE(m.poll(at(13.5)).has_value());
  EXPECT_EQ(m.next_timer(), at(13.6));
  auto v = m.poll(at(13.6));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->size(), 1u);
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
