#include "models/resilience/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

bool RetryPolicy::may_retry(int retry, long active, long active_retries) const {
  if (retry > config_.num_retries) return false;
  if (!config_.budget_percent) return true;
  const double budget = std::max(static_cast<double>(config_.min_retry_concurrency), *config_.budget_percent / 100 * static_cast<double>(active));
  return static_cast<double>(active_retries) < budget;
}

Duration RetryPolicy::backoff(int retry, Rng& rng) const {
  const double base = config_.base_interval.to_seconds();
  const double cap = config_.max_interval.value_or(config_.base_interval * 10).to_seconds();
  const double upper = std::min(cap, (std::ldexp(1.0, std::min(retry, 62)) - 1) * base);
  return Duration::seconds(rng.uniform(0, upper));
}

}  // namespace halab
