#include "sim/metrics/latency_sample.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(LatencySample, PercentilesAreTheValuesThemselvesWhileFew) {
  LatencySample sample;
  EXPECT_EQ(sample.percentile(0.5), 0);
  for (int i = 100; i >= 1; --i) sample.record(i * 1e-3);  // 100 .. 1 ms, unsorted
  EXPECT_TRUE(sample.exact());
  EXPECT_DOUBLE_EQ(sample.percentile(0.5), 0.050);
  EXPECT_DOUBLE_EQ(sample.percentile(0.99), 0.099);
  EXPECT_DOUBLE_EQ(sample.percentile(1.0), 0.100);
}

TEST(LatencySample, BeyondItsLimitEveryValueIsCountedInBucketsWithin1In32) {
  LatencySample sample;
  const std::size_t n = 2 * LatencySample::kExact;
  for (std::size_t i = 1; i <= n; ++i) sample.record(static_cast<double>(i) * 1e-6);  // 1 us .. n us
  EXPECT_FALSE(sample.exact());
  // The nearest ranks over all n values, not over the first kExact only.
  EXPECT_NEAR(sample.percentile(0.5), 0.5 * static_cast<double>(n) * 1e-6, 0.5 * static_cast<double>(n) * 1e-6 / 32);
  EXPECT_NEAR(sample.percentile(0.99), 0.99 * static_cast<double>(n) * 1e-6, 0.99 * static_cast<double>(n) * 1e-6 / 32);
}

TEST(NearestRankPercentile, RankIsTheCeilingOfPTimesCount) {
  EXPECT_EQ(nearest_rank_percentile({}, 0.5), 0);
  EXPECT_EQ(nearest_rank_percentile({3, 1, 2, 4}, 0.5), 2);
  EXPECT_EQ(nearest_rank_percentile({3, 1, 2, 4}, 0.51), 3);
  EXPECT_EQ(nearest_rank_percentile({7}, 0.01), 7);
}

}  // namespace halab
