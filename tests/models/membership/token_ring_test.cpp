// Totem's token on an idle ring (totemsrp.c), one test per rule.
#include "models/membership/token_ring.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
const std::vector<bool> kRing{true, false, true, true};  // members 0, 2, 3
} // namespace

TEST(TokenRing, DefaultHoldIsFourFifthsOfTheRetransmitTimeLessATick) {
  // totemconfig.c: token_retransmit = token / (4 + 0.2); hold = retransmit * 0.8 - 1000/HZ ms.
  EXPECT_NEAR(TokenRing::default_hold(Duration::millis(3000)).to_seconds(), 3.0 / 4.2 * 0.8 - 0.010, 1e-12);
}

TEST(TokenRing, TheRepresentativeStartsTheTokenAndHoldsIt) {
  TokenRing rep(0, Duration::seconds(3), Duration::millis(500));
  TokenStep first = rep.install(at(1), kRing);
  EXPECT_TRUE(rep.representative());
  EXPECT_EQ(first.send_to, 2u);  // the next member in index order
  TokenStep back = rep.receive(at(1.01), rep.ring());
  EXPECT_TRUE(back.accepted);
  EXPECT_FALSE(back.send_to);  // held on an idle ring
  EXPECT_DOUBLE_EQ(rep.deadline().to_seconds(), 1.51);
  EXPECT_EQ(rep.on_timer(at(1.51)).send_to, 2u);
}

TEST(TokenRing, OthersForwardAtOnceAndTheLastWrapsRound) {
  TokenRing mid(2, Duration::seconds(3), Duration::millis(500));
  mid.install(at(1), kRing);
  EXPECT_FALSE(mid.representative());
  EXPECT_EQ(mid.receive(at(2), mid.ring()).send_to, 3u);
  TokenRing last(3, Duration::seconds(3), Duration::millis(500));
  last.install(at(1), kRing);
  EXPECT_EQ(last.receive(at(2), last.ring()).send_to, 0u);
}

TEST(TokenRing, LossIsATokenTimeoutAfterTheTokenLastCame) {
  TokenRing n(2, Duration::seconds(3), Duration::millis(500));
  n.install(at(0), kRing);
  n.receive(at(4), n.ring());
  EXPECT_FALSE(n.on_timer(at(6.9)).lost);
  EXPECT_DOUBLE_EQ(n.deadline().to_seconds(), 7);
  EXPECT_TRUE(n.on_timer(at(7)).lost);
  n.lost_elsewhere(at(7.5));  // another member's join: the timeout starts again
  EXPECT_DOUBLE_EQ(n.deadline().to_seconds(), 10.5);
}

TEST(TokenRing, AnEarlyTokenWaitsForItsRing) {
  TokenRing a(0, Duration::seconds(3), Duration::millis(500));
  a.install(at(0), kRing);
  TokenRing b(3, Duration::seconds(3), Duration::millis(500));
  // b's view forms after its predecessor sent the token on the new ring.
  EXPECT_FALSE(b.receive(at(1), a.ring()).accepted);
  TokenStep step = b.install(at(1.2), kRing);
  EXPECT_TRUE(step.accepted);
  EXPECT_EQ(step.send_to, 0u);
  // A token of another ring is ignored.
  EXPECT_FALSE(b.receive(at(2), a.ring() + 1).accepted);
}

TEST(TokenRing, ARingOfOneHasNoToken) {
  TokenRing alone(1, Duration::seconds(3), Duration::millis(500));
  EXPECT_FALSE(alone.install(at(0), {false, true}).send_to);
  EXPECT_EQ(alone.deadline(), Instant::never());
}

TEST(TokenRing, OnlyTheRepresentativeRestartsTheToken) {
  TokenRing rep(0, Duration::seconds(3), Duration::millis(500));
  rep.install(at(0), kRing);
  EXPECT_EQ(rep.restart(at(5)).send_to, 2u);
  TokenRing other(3, Duration::seconds(3), Duration::millis(500));
  other.install(at(0), kRing);
  EXPECT_FALSE(other.restart(at(5)).send_to);
}

} // namespace halab
