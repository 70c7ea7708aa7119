#include "models/availability/async_rpo.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace halab {
namespace {

// 200 writes/s and 50 ms of lag: 10 writes in flight, lost at each of 4 failovers a year.
TEST(AsyncRpo, LosesTheWritesInFlightAtEachFailover) {
  const double year = 365.25 * 86400;
  const AsyncRpo r = async_rpo({200, 0.05, 4 / year});
  EXPECT_DOUBLE_EQ(r.writes_lost_per_failover, 10);
  EXPECT_DOUBLE_EQ(r.window_s, 0.05);
  EXPECT_NEAR(r.writes_lost_per_s * year, 40, 1e-9);
}

TEST(AsyncRpo, RefusesNegativeOrInfiniteFigures) {
  EXPECT_THROW(async_rpo({-1, 0.05, 0}), std::invalid_argument);
  EXPECT_THROW(async_rpo({1, INFINITY, 0}), std::invalid_argument);
  EXPECT_THROW(async_rpo({1, 0.05, -1}), std::invalid_argument);
}

}  // namespace
}  // namespace halab
