#include "models/detect/fixed_timeout_detector.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
}

TEST(FixedTimeoutDetector, NeverHeardPeerIsSuspectedOneTimeoutAfterStart) {
  FixedTimeoutDetector d(Duration::seconds(3), at(10));
  EXPECT_EQ(d.suspect_at(), at(13));
  EXPECT_FALSE(d.suspect(at(12.999)));
  EXPECT_TRUE(d.suspect(at(13)));
}

TEST(FixedTimeoutDetector, HeartbeatPushesTheDeadline) {
  FixedTimeoutDetector d(Duration::seconds(3), at(0));
  d.heartbeat(at(1));
  d.heartbeat(at(2));
  EXPECT_EQ(d.suspect_at(), at(5));
  EXPECT_DOUBLE_EQ(d.suspicion(at(3.5)), 0.5);
}

TEST(FixedTimeoutDetector, LateReorderedHeartbeatDoesNotMoveDeadlineBack) {
  FixedTimeoutDetector d(Duration::seconds(3), at(0));
  d.heartbeat(at(4));
  d.heartbeat(at(2));
  EXPECT_EQ(d.suspect_at(), at(7));
}

TEST(FixedTimeoutDetector, RejectsNonPositiveTimeout) {
  EXPECT_THROW(FixedTimeoutDetector(Duration::seconds(0), at(0)), std::invalid_argument);
}

} // namespace halab
