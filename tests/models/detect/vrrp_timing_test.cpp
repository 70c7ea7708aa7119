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

} // namespace halab
