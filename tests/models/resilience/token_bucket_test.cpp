#include "models/resilience/token_bucket.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
}  // namespace

TEST(TokenBucket, StartsFullAndRefusesWhenEmpty) {
  TokenBucket b({3, 1, Duration::seconds(1)});
  EXPECT_TRUE(b.try_take(at(0)));
  EXPECT_TRUE(b.try_take(at(0.1)));
  EXPECT_TRUE(b.try_take(at(0.2)));
  EXPECT_FALSE(b.try_take(at(0.9)));
}

TEST(TokenBucket, FillsInWholeIntervalsUpToMax) {
  TokenBucket b({4, 2, Duration::seconds(1)});
  for (int i = 0; i < 4; ++i) b.try_take(at(0));
  EXPECT_EQ(b.tokens(at(0.99)), 0);
  EXPECT_EQ(b.tokens(at(1.0)), 2);
  EXPECT_EQ(b.tokens(at(1.5)), 2);
  EXPECT_EQ(b.tokens(at(10)), 4);  // never above max_tokens
}

TEST(TokenBucket, FillBoundariesDoNotDrift) {
  TokenBucket b({1, 1, Duration::seconds(1)});
  b.try_take(at(0));
  EXPECT_TRUE(b.try_take(at(1.7)));   // the fill of second 1
  EXPECT_TRUE(b.try_take(at(2.0)));   // the fill of second 2, not 2.7
  EXPECT_FALSE(b.try_take(at(2.9)));
}

}  // namespace halab
