#include "sim/metrics/latency_histogram.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(LatencyHistogram, ABucketStandsForItsLatencyWithin1In32) {
  for (double s : {1e-6, 3.3e-6, 1e-3, 0.0123, 0.5, 2.0, 60.0, 3600.0}) {
    const double v = LatencyHistogram::value_of(LatencyHistogram::bucket_of(s));
    EXPECT_NEAR(v / s, 1.0, 1.0 / 32) << s;
  }
}

TEST(LatencyHistogram, PercentilesAreNearestRank) {
  LatencyHistogram h;
  for (int i = 1; i <= 100; ++i) h.record(i * 1e-3);  // 1 .. 100 ms
  EXPECT_NEAR(*h.percentile(0.5), 0.050, 0.050 / 32);
  EXPECT_NEAR(*h.percentile(0.99), 0.099, 0.099 / 32);
  EXPECT_EQ(h.count(), 100u);
}

TEST(LatencyHistogram, EmptyHasNoPercentileAndBucketsAddUp) {
  LatencyHistogram h;
  EXPECT_FALSE(h.percentile(0.5));
  h.record(0.002);
  h.record(0.002);
  LatencyHistogram sum;
  for (const auto& [b, n] : h.buckets()) sum.add(b, n);
  EXPECT_EQ(sum.count(), 2u);
  EXPECT_EQ(sum.percentile(1.0), h.percentile(1.0));
}

}  // namespace halab
