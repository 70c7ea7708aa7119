// Named failover policies a scenario may choose — the way a user runs their own logic under
// the lab's scenarios, `check` and `explore`: register it before the command line runs
// (examples/promotion-policy builds a `halab` with one). One kind of policy so far:
//   promotion — how an elected Sentinel leader picks the replica to promote
//               (models/cache/promotion_policy.hpp); "redis" (Redis's own rule) is built in;
//               a scenario names one at /stack/tiers/i/store/sentinel/promotion.
// Runs fork after registration, so every child has the parent's policies.
#pragma once

#include "models/cache/promotion_policy.hpp"

#include <memory>
#include <string>
#include <vector>

namespace halab {

// Adds (or replaces) the policy called `name`.
void register_promotion_policy(const std::string& name, std::unique_ptr<PromotionPolicy> policy);
// The policy called `name`, or null.
const PromotionPolicy* find_promotion_policy(const std::string& name);
std::vector<std::string> promotion_policy_names();

}  // namespace halab
