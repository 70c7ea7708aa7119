#include "models/fencing/fence_device.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(FenceDevice, StaticDelayPerTargetAndLatency) {
  FenceDeviceConfig d;
  d.latency_min = d.latency_max = Duration::seconds(2);
  d.delay_base_for[0] = Duration::seconds(5);  // pcmk_delay_base=n1:5s
  Rng rng(1);
  FenceOperation to_0 = plan_fence(d, 0, Instant::at_seconds(10), rng);
  FenceOperation to_1 = plan_fence(d, 1, Instant::at_seconds(10), rng);
  EXPECT_EQ(to_0.fires_at, Instant::at_seconds(15));
  EXPECT_EQ(to_0.completes_at, Instant::at_seconds(17));
  EXPECT_EQ(to_1.fires_at, Instant::at_seconds(10));
  EXPECT_TRUE(to_1.succeeds);
}

TEST(FenceDevice, RandomDelayStaysWithinMax) {
  FenceDeviceConfig d;
  d.delay_max = Duration::seconds(4);
  Rng rng(3);
  double lo = 99, hi = -1;
  for (int i = 0; i < 1000; ++i) {
    double delay = (plan_fence(d, 0, Instant(), rng).fires_at - Instant()).to_seconds();
    lo = std::min(lo, delay);
    hi = std::max(hi, delay);
  }
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 4.0);
  EXPECT_GT(hi - lo, 3.0);
}

TEST(FenceDevice, FailureIsReportedAtTheTimeout) {
  FenceDeviceConfig d;
  d.failure_probability = 1;
  d.timeout = Duration::seconds(20);
  Rng rng(1);
  FenceOperation op = plan_fence(d, 0, Instant::at_seconds(1), rng);
  EXPECT_FALSE(op.succeeds);
  EXPECT_EQ(op.completes_at, Instant::at_seconds(21));
}

} // namespace halab
