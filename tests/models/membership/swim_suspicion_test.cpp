// Lifeguard's suspicion timeout (memberlist/suspicion.go), one test per rule.
#include "models/membership/swim_suspicion.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
}  // namespace

TEST(SwimSuspicion, StartsAtTheMaximumTimeout) {
  SwimSuspicion s(7, 1, at(10), 2, Duration::seconds(4), Duration::seconds(24));
  EXPECT_DOUBLE_EQ(s.deadline().to_seconds(), 34.0);
}

TEST(SwimSuspicion, WithoutConfirmationsWantedItIsTheMinimum) {
  SwimSuspicion s(7, 1, at(10), 0, Duration::seconds(4), Duration::seconds(24));
  EXPECT_DOUBLE_EQ(s.deadline().to_seconds(), 14.0);
  EXPECT_FALSE(s.confirm(2));
}

TEST(SwimSuspicion, EachNewAccuserShrinksItLogarithmically) {
  SwimSuspicion s(7, 1, at(10), 2, Duration::seconds(4), Duration::seconds(24));
  EXPECT_TRUE(s.confirm(2));
  // 24 − 20 × log 2 / log 3 = 11.381… s, to the millisecond below.
  EXPECT_NEAR(s.deadline().to_seconds(), 10 + std::floor(1000 * (24 - 20 * std::log(2.0) / std::log(3.0))) / 1000, 1e-9);
  EXPECT_TRUE(s.confirm(3));
  EXPECT_DOUBLE_EQ(s.deadline().to_seconds(), 14.0);  // k confirmations: the minimum
  EXPECT_FALSE(s.confirm(4));                          // no more than k count
  EXPECT_EQ(s.confirmations(), 2);
}

TEST(SwimSuspicion, TheSameAccuserCountsOnce) {
  SwimSuspicion s(7, 1, at(0), 2, Duration::seconds(4), Duration::seconds(24));
  EXPECT_FALSE(s.confirm(1));  // the first accuser
  EXPECT_TRUE(s.confirm(2));
  EXPECT_FALSE(s.confirm(2));
  EXPECT_EQ(s.confirmations(), 1);
}

}  // namespace halab
