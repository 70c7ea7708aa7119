#include "models/crm/action_timers.hpp"

#include <gtest/gtest.h>

namespace halab::crm {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
}  // namespace

TEST(ActionTimers, AnOperationTimesOutAfterItsTimeoutPlusClusterDelay) {
  ActionTimers timers;
  timers.start(3, at(10), Duration::seconds(20));
  EXPECT_EQ(timers.next(), at(90));  // 10 + 20 + cluster-delay 60
  EXPECT_FALSE(timers.take_expired(at(89.9)));
  EXPECT_EQ(timers.take_expired(at(90)), 3);
  EXPECT_FALSE(timers.next());
}

TEST(ActionTimers, AResultStopsItsTimer) {
  ActionTimers timers;
  timers.start(1, at(0), Duration::seconds(20));
  timers.start(2, at(0), Duration::seconds(5));
  timers.done(2);
  EXPECT_EQ(timers.next(), at(80));
}

TEST(ActionTimers, ExpiredActionsComeLowestNumberFirstEachOnce) {
  ActionTimers timers;
  timers.start(7, at(0), Duration::seconds(1));
  timers.start(4, at(0), Duration::seconds(2));
  EXPECT_EQ(timers.take_expired(at(100)), 4);
  EXPECT_EQ(timers.take_expired(at(100)), 7);
  EXPECT_FALSE(timers.take_expired(at(100)));
}

TEST(ActionTimers, ANewTransitionClearsTheOldTimers) {
  ActionTimers timers;
  timers.start(1, at(0), Duration::seconds(1));
  timers.clear();
  EXPECT_FALSE(timers.next());
}

}  // namespace halab::crm
