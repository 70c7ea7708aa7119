#include "models/resilience/retry_policy.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(RetryPolicy, NumRetriesBoundsOneRequest) {
  RetryPolicyConfig c;
  c.num_retries = 2;
  RetryPolicy p(c);
  EXPECT_TRUE(p.may_retry(1, 10, 0));
  EXPECT_TRUE(p.may_retry(2, 10, 0));
  EXPECT_FALSE(p.may_retry(3, 10, 0));
}

TEST(RetryPolicy, TheBudgetIsAShareOfActiveRequestsWithAFloor) {
  RetryPolicyConfig c;
  c.num_retries = 5;
  c.budget_percent = 20;
  RetryPolicy p(c);
  EXPECT_TRUE(p.may_retry(1, 100, 19));
  EXPECT_FALSE(p.may_retry(1, 100, 20));  // 20 % of 100
  EXPECT_TRUE(p.may_retry(1, 5, 2));      // min_retry_concurrency 3
  EXPECT_FALSE(p.may_retry(1, 5, 3));
}

TEST(RetryPolicy, BackoffIsFullyJitteredAndCapped) {
  RetryPolicy p({});  // base 25 ms, cap 250 ms
  Rng rng(3);
  double max1 = 0, max3 = 0, max9 = 0;
  for (int i = 0; i < 2000; ++i) {
    max1 = std::max(max1, p.backoff(1, rng).to_seconds());
    max3 = std::max(max3, p.backoff(3, rng).to_seconds());
    max9 = std::max(max9, p.backoff(9, rng).to_seconds());
  }
  EXPECT_LT(max1, 0.025);  // [0, 25 ms)
  EXPECT_GT(max1, 0.024);
  EXPECT_LT(max3, 0.175);  // [0, 175 ms)
  EXPECT_GT(max3, 0.170);
  EXPECT_LT(max9, 0.250);  // capped at 10 x base
  EXPECT_GT(max9, 0.245);
}

}  // namespace halab
