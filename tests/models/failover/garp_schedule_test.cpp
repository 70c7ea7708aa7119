#include "models/failover/garp_schedule.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
} // namespace

TEST(GarpSchedule, KeepalivedDefaultsSendFiveAtOnceAndFiveMoreFiveSecondsLater) {
  GarpSchedule g(GarpConfig{});
  g.start(at(10));
  EXPECT_EQ(g.next(), at(10));
  EXPECT_EQ(g.take_due(at(10)), 5);
  EXPECT_EQ(g.next(), at(15));
  EXPECT_EQ(g.take_due(at(14.9)), 0);
  EXPECT_EQ(g.take_due(at(15)), 5);
  EXPECT_EQ(g.next(), Instant::never());
}

TEST(GarpSchedule, IntervalSpacesASetAndZeroDelayMeansOneSet) {
  GarpSchedule g(GarpConfig{3, Duration(), Duration::millis(100)});
  g.start(at(0));
  EXPECT_EQ(g.take_due(at(0)), 1);
  EXPECT_EQ(g.take_due(at(0.15)), 1);
  EXPECT_EQ(g.take_due(at(1)), 1);
  EXPECT_EQ(g.next(), Instant::never());
}

// A Master that hears a lower-priority Master sends both sets again (keepalived's
// garp_lower_prio_repeat and garp_lower_prio_delay default to the garp_master values),
// keeping those still due.
TEST(GarpSchedule, ALowerPriorityMasterHeardSendsBothSetsAgain) {
  GarpSchedule g(GarpConfig{});
  g.start(at(10));
  EXPECT_EQ(g.take_due(at(10)), 5);
  g.refresh(at(12));
  EXPECT_EQ(g.take_due(at(12)), 5);
  EXPECT_EQ(g.take_due(at(15)), 5);  // the first second set
  EXPECT_EQ(g.take_due(at(17)), 5);  // the refresh's
  EXPECT_EQ(g.next(), Instant::never());
}

TEST(GarpSchedule, LeavingMasterStopsIt) {
  GarpSchedule g(GarpConfig{});
  g.start(at(0));
  g.take_due(at(0));
  g.stop();
  EXPECT_EQ(g.next(), Instant::never());
}

} // namespace halab
