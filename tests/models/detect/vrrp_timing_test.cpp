#include "models/detect/vrrp_timing.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(VrrpTiming, Rfc5798MasterDownInterval) {
  // Advertisement_Interval 1 s, priority 100: Skew_Time = 156/256 s, Master_Down = 3.609375 s.
  EXPECT_DOUBLE_EQ(vrrp_skew_time(Duration::seconds(1), 100).to_seconds(), 156.0 / 256.0);
  EXPECT_DOUBLE_EQ(vrrp_master_down_interval(Duration::seconds(1), 100).to_seconds(), 3.609375);
  // The highest non-owner priority notices first.
  EXPECT_LT(vrrp_master_down_interval(Duration::seconds(1), 254), vrrp_master_down_interval(Duration::seconds(1), 1));
  EXPECT_DOUBLE_EQ(vrrp_master_down_interval(Duration::millis(100), 254).to_seconds(), 0.3 + 0.1 * 2.0 / 256.0);
}

TEST(VrrpTiming, Version2SkewIgnoresTheInterval) {
  // RFC 3768 §6.1 / keepalived: VRRPv2's Skew_Time is (256 - Priority)/256 s at any interval.
  EXPECT_DOUBLE_EQ(vrrp_skew_time(Duration::millis(100), 100, 2).to_seconds(), 156.0 / 256.0);
  EXPECT_DOUBLE_EQ(vrrp_master_down_interval(Duration::millis(100), 100, 2).to_seconds(), 0.3 + 156.0 / 256.0);
  // VRRPv3 scales it by the interval.
  EXPECT_DOUBLE_EQ(vrrp_skew_time(Duration::millis(100), 100, 3).to_seconds(), 0.1 * 156.0 / 256.0);
  // At a 1 s interval the two agree.
  EXPECT_DOUBLE_EQ(vrrp_skew_time(Duration::seconds(1), 50, 2).to_seconds(),
                   vrrp_skew_time(Duration::seconds(1), 50, 3).to_seconds());
}

} // namespace halab
