#include "models/resilience/circuit_breaker.hpp"

#include <algorithm>

namespace halab {

const char* to_string(BreakerState s) {
  switch (s) {
    case BreakerState::closed: return "closed";
    case BreakerState::open: return "open";
    case BreakerState::half_open: return "half-open";
  }
  return "?";
}

BreakerState CircuitBreaker::state_at(Instant now) const {
  if (state_ == BreakerState::open && now >= opened_at_ + config_.wait_in_open) return BreakerState::half_open;
  return state_;
}

void CircuitBreaker::enter(BreakerState s, Instant now) {
  state_ = s;
  window_.clear();
  trials_started_ = 0;
  if (s == BreakerState::open) opened_at_ = now;
}

bool CircuitBreaker::allow(Instant now) {
  if (state_ == BreakerState::open) {
    if (now < opened_at_ + config_.wait_in_open) return false;
    enter(BreakerState::half_open, now);
  }
  if (state_ == BreakerState::half_open) {
    if (trials_started_ >= config_.permitted_in_half_open) return false;
    ++trials_started_;
  }
  return true;
}

bool CircuitBreaker::tripped(const std::deque<Outcome>& calls) const {
  const auto n = static_cast<double>(calls.size());
  const auto failed = static_cast<double>(std::count_if(calls.begin(), calls.end(), [](Outcome o) { return o.failed; }));
  const auto slow = static_cast<double>(std::count_if(calls.begin(), calls.end(), [](Outcome o) { return o.slow; }));
  return 100 * failed / n >= config_.failure_rate_threshold || 100 * slow / n >= config_.slow_call_rate_threshold;
}

std::optional<BreakerState> CircuitBreaker::record(Instant now, bool failed, Duration took) {
  if (state_ == BreakerState::open) return std::nullopt;  // a call permitted before the breaker opened
  window_.push_back({failed, took > config_.slow_call_duration});
  if (state_ == BreakerState::closed) {
    if (static_cast<int>(window_.size()) > config_.window) window_.pop_front();
    if (static_cast<int>(window_.size()) < config_.minimum_calls || !tripped(window_)) return std::nullopt;
    enter(BreakerState::open, now);
    return state_;
  }
  if (static_cast<int>(window_.size()) < config_.permitted_in_half_open) return std::nullopt;
  enter(tripped(window_) ? BreakerState::open : BreakerState::closed, now);
  return state_;
}

}  // namespace halab
