// Retries as Envoy's router does them (envoy.config.route.v3.RetryPolicy and
// envoy.config.cluster.v3.CircuitBreakers.Thresholds.RetryBudget; "Router: retry
// semantics" in Envoy's architecture overview):
// - back-off is exponential and fully jittered: before retry N (1, 2, …) the wait is
//   drawn uniformly from [0, (2^N − 1) × base_interval], the upper end capped at
//   `max_interval` (by default 10 × base_interval; base 25 ms);
// - a retry budget caps concurrent retries at `budget_percent` of the active requests,
//   but always allows `min_retry_concurrency` (defaults 20 % and 3);
// - `num_retries` (default 1) bounds the retries of one request.
#pragma once

#include "models/rng.hpp"
#include "models/time.hpp"

#include <optional>

namespace halab {

struct RetryPolicyConfig {
  int num_retries = 1;
  Duration base_interval = Duration::millis(25);
  std::optional<Duration> max_interval;  // default 10 × base_interval
  // The budget; none: only num_retries limits retries (Envoy's max_retries threshold aside).
  std::optional<double> budget_percent;
  int min_retry_concurrency = 3;
};

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryPolicyConfig config) : config_(config) {}

  // Whether retry number `retry` (1 for the first) of a request may go, with `active`
  // requests and `active_retries` retries in flight to the upstream.
  bool may_retry(int retry, long active, long active_retries) const;
  // The wait before retry number `retry`.
  Duration backoff(int retry, Rng& rng) const;

  const RetryPolicyConfig& config() const { return config_; }

 private:
  RetryPolicyConfig config_;
};

}  // namespace halab
