#include "models/balance/health_check.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(HealthCheck, StartsUpAndFallsAtTheFirstFailure) {
  HealthCheck check({});  // rise 2, fall 3: starts at health 2
  EXPECT_TRUE(check.up());
  EXPECT_EQ(check.record(false), false);
  EXPECT_EQ(check.health(), 0);
}

TEST(HealthCheck, FullyUpItTakesFallFailuresToGoDown) {
  HealthCheck check({});
  check.record(true);  // reaching rise jumps to the top: 4
  EXPECT_EQ(check.health(), 4);
  EXPECT_FALSE(check.record(false));
  EXPECT_FALSE(check.record(false));
  EXPECT_EQ(check.record(false), false);  // the third consecutive failure
}

TEST(HealthCheck, DownItTakesRisePassesToComeBack) {
  HealthCheckConfig c;
  c.rise = 3;
  HealthCheck check(c);
  check.record(false);
  EXPECT_FALSE(check.record(true));
  EXPECT_FALSE(check.record(true));
  EXPECT_EQ(check.record(true), true);
  EXPECT_EQ(check.health(), 5);  // rise + fall - 1
}

TEST(HealthCheck, AFailureWhileRisingStartsOver) {
  HealthCheck check({});
  check.record(false);
  check.record(true);  // 1 of 2
  check.record(false);
  EXPECT_EQ(check.health(), 0);
  EXPECT_FALSE(check.up());
}

TEST(HealthCheck, IntervalsFollowTheState) {
  HealthCheckConfig c;
  c.inter = Duration::seconds(2);
  c.fastinter = Duration::millis(500);
  c.downinter = Duration::seconds(5);
  HealthCheck check(c);
  EXPECT_EQ(check.interval(), Duration::millis(500));  // starting at rise: in transition
  check.record(true);
  EXPECT_EQ(check.interval(), Duration::seconds(2));   // fully up
  check.record(false);
  EXPECT_EQ(check.interval(), Duration::millis(500));  // failing
  check.record(false);
  check.record(false);
  EXPECT_EQ(check.interval(), Duration::seconds(5));   // down
}

}  // namespace halab
