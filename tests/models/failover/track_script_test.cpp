#include "models/failover/track_script.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
TrackScriptConfig script(int fall, int rise, int weight) { return {"chk", Duration::seconds(2), fall, rise, weight}; }
} // namespace

TEST(TrackScript, OneResultDecidesAtStartUp) {
  // keepalived starts the count at rise - 1: one success is enough, one failure fails it.
  TrackScript ok(script(3, 2, -20));
  EXPECT_FALSE(ok.decided());
  EXPECT_TRUE(ok.record(true));
  EXPECT_TRUE(ok.good());
  TrackScript bad(script(3, 2, -20));
  EXPECT_TRUE(bad.record(false));
  EXPECT_FALSE(bad.good());
  EXPECT_EQ(bad.priority_offset(), -20);
}

TEST(TrackScript, FailsAfterFallFailuresAndRecoversAfterRiseSuccesses) {
  TrackScript s(script(3, 2, -20));
  s.record(true);
  EXPECT_FALSE(s.record(false));
  EXPECT_FALSE(s.record(false));
  EXPECT_TRUE(s.good());
  EXPECT_TRUE(s.record(false));  // the third consecutive failure
  EXPECT_FALSE(s.good());
  EXPECT_FALSE(s.record(true));
  EXPECT_TRUE(s.record(true));   // the second consecutive success
  EXPECT_TRUE(s.good());
  // A success between failures starts the fall count again.
  s.record(false);
  s.record(false);
  s.record(true);
  s.record(false);
  s.record(false);
  EXPECT_TRUE(s.good());
}

TEST(TrackScript, WeightsMoveThePriorityOrFaultTheInstance) {
  TrackScript plus(script(1, 1, 30));
  plus.record(true);
  EXPECT_EQ(plus.priority_offset(), 30);  // positive: added while it succeeds
  plus.record(false);
  EXPECT_EQ(plus.priority_offset(), 0);
  TrackScript zero(script(1, 1, 0));
  zero.record(false);
  EXPECT_TRUE(zero.faults());  // weight 0: the instance goes to Fault
  EXPECT_EQ(zero.priority_offset(), 0);
  zero.record(true);
  EXPECT_FALSE(zero.faults());
}

} // namespace halab
