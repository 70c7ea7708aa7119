#include "models/resilience/circuit_breaker.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
const Duration kFast = Duration::millis(10);

CircuitBreakerConfig small() {
  CircuitBreakerConfig c;
  c.window = 10;
  c.minimum_calls = 4;
  c.wait_in_open = Duration::seconds(5);
  c.permitted_in_half_open = 2;
  return c;
}
}  // namespace

TEST(CircuitBreaker, NoVerdictBeforeMinimumCalls) {
  CircuitBreaker b(small());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(b.allow(at(0)));
    EXPECT_FALSE(b.record(at(0), true, kFast));  // 3 failures of 3: not enough calls yet
  }
  ASSERT_TRUE(b.allow(at(0)));
  EXPECT_EQ(b.record(at(0), true, kFast), BreakerState::open);
}

TEST(CircuitBreaker, OpensAtTheFailureRateThreshold) {
  CircuitBreaker b(small());
  for (bool failed : {false, true, false}) {
    b.allow(at(0));
    b.record(at(0), failed, kFast);
  }
  b.allow(at(0));
  EXPECT_EQ(b.record(at(0), true, kFast), BreakerState::open);  // 2 of 4 = 50 %: equal opens
}

TEST(CircuitBreaker, TheWindowForgetsOldCalls) {
  CircuitBreakerConfig c = small();
  c.window = 4;
  CircuitBreaker b(c);
  for (bool failed : {true, false, false, false, false, true, false}) {
    b.allow(at(0));
    EXPECT_FALSE(b.record(at(0), failed, kFast));  // never 2 failures among the last 4
  }
}

TEST(CircuitBreaker, OpenRefusesUntilTheWaitThenTrials) {
  CircuitBreaker b(small());
  for (int i = 0; i < 4; ++i) {
    b.allow(at(0));
    b.record(at(0), true, kFast);
  }
  EXPECT_FALSE(b.allow(at(4.9)));
  EXPECT_EQ(b.state_at(at(5)), BreakerState::half_open);
  EXPECT_TRUE(b.allow(at(5)));
  EXPECT_TRUE(b.allow(at(5)));
  EXPECT_FALSE(b.allow(at(5)));  // only the permitted trials
  EXPECT_FALSE(b.record(at(5.1), false, kFast));
  EXPECT_EQ(b.record(at(5.2), false, kFast), BreakerState::closed);
}

TEST(CircuitBreaker, AFailingTrialOpensAgain) {
  CircuitBreaker b(small());
  for (int i = 0; i < 4; ++i) {
    b.allow(at(0));
    b.record(at(0), true, kFast);
  }
  b.allow(at(6));
  b.allow(at(6));
  b.record(at(6), false, kFast);
  EXPECT_EQ(b.record(at(6.5), true, kFast), BreakerState::open);  // 1 of 2 failed: 50 %
  EXPECT_FALSE(b.allow(at(11)));
  EXPECT_TRUE(b.allow(at(11.5)));
}

TEST(CircuitBreaker, SlowCallsCountAgainstTheirOwnThreshold) {
  CircuitBreakerConfig c = small();
  c.slow_call_rate_threshold = 50;
  c.slow_call_duration = Duration::seconds(1);
  CircuitBreaker b(c);
  for (int i = 0; i < 3; ++i) {
    b.allow(at(0));
    b.record(at(0), false, i == 0 ? Duration::seconds(2) : kFast);
  }
  b.allow(at(0));
  EXPECT_EQ(b.record(at(0), false, Duration::seconds(3)), BreakerState::open);  // 2 of 4 slow
}

}  // namespace halab
