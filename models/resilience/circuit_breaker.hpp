// A circuit breaker as Resilience4j's CircuitBreaker documents it (count-based sliding
// window; resilience4j.readme.io/docs/circuitbreaker): CLOSED records the outcome of the
// last `window` calls and, once at least `minimum_calls` are recorded, opens when the
// failure rate or the slow-call rate reaches its threshold; OPEN refuses every call for
// `wait_in_open` and then lets the next call through as HALF_OPEN, which permits
// `permitted_in_half_open` trial calls and refuses the rest; when those have all finished
// it closes if both rates are below their thresholds, else opens again. The defaults are
// Resilience4j's.
#pragma once

#include "models/time.hpp"

#include <deque>
#include <optional>

namespace halab {

enum class BreakerState { closed, open, half_open };
const char* to_string(BreakerState s);

struct CircuitBreakerConfig {
  double failure_rate_threshold = 50;  // percent
  double slow_call_rate_threshold = 100;
  Duration slow_call_duration = Duration::seconds(60);
  int window = 100;
  int minimum_calls = 100;
  Duration wait_in_open = Duration::seconds(60);
  int permitted_in_half_open = 10;
};

class CircuitBreaker {
 public:
  explicit CircuitBreaker(CircuitBreakerConfig config) : config_(config) {}

  // Whether a call may go ahead now (a permitted call must be recorded later).
  bool allow(Instant now);
  // A permitted call ended after `took`; returns the new state when it changed.
  std::optional<BreakerState> record(Instant now, bool failed, Duration took);
  BreakerState state() const { return state_; }
  // The state `allow(now)` would find (OPEN turns HALF_OPEN once its wait is over).
  BreakerState state_at(Instant now) const;

 private:
  struct Outcome {
    bool failed;
    bool slow;
  };
  bool tripped(const std::deque<Outcome>& calls) const;
  void enter(BreakerState s, Instant now);

  CircuitBreakerConfig config_;
  BreakerState state_ = BreakerState::closed;
  std::deque<Outcome> window_;  // closed: the last `window` outcomes; half-open: the trials'
  Instant opened_at_;
  int trials_started_ = 0;
};

}  // namespace halab
