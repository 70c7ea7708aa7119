#include "models/balance/real_server_check.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(RealServerCheck, AnUpServerFailingIsRetriedThenRemoved) {
  RealServerCheckConfig c;  // keepalived's defaults: retry 1, delay_before_retry 1 s, delay_loop 60 s
  RealServerCheck check(c);
  EXPECT_TRUE(check.up());
  auto first = check.record(false);
  EXPECT_FALSE(first.changed);
  EXPECT_EQ(first.next_in, Duration::seconds(1));  // the retry comes delay_before_retry later
  auto second = check.record(false);
  EXPECT_EQ(second.changed, false);  // "failed after 1 retries": removed
  EXPECT_EQ(second.next_in, Duration::seconds(60));
  EXPECT_FALSE(check.up());
}

TEST(RealServerCheck, ASuccessBetweenFailuresStartsTheRetriesAgain) {
  RealServerCheckConfig c;
  c.retry = 2;
  c.delay_loop = Duration::seconds(6);
  RealServerCheck check(c);
  check.record(false);
  check.record(false);
  auto ok = check.record(true);
  EXPECT_FALSE(ok.changed);
  EXPECT_EQ(ok.next_in, Duration::seconds(6));
  EXPECT_FALSE(check.record(false).changed);
  EXPECT_FALSE(check.record(false).changed);
  EXPECT_EQ(check.record(false).changed, false);  // three in a row: retry 2
}

TEST(RealServerCheck, ADownServerComesBackAtItsFirstSuccess) {
  RealServerCheckConfig c;
  c.retry = 0;
  RealServerCheck check(c);
  EXPECT_EQ(check.record(false).changed, false);  // no retry: the first failure removes it
  auto failing = check.record(false);
  EXPECT_FALSE(failing.changed);
  EXPECT_EQ(failing.next_in, c.delay_loop);  // a down server is checked every delay_loop
  EXPECT_EQ(check.record(true).changed, true);
  EXPECT_TRUE(check.up());
}

}  // namespace halab
