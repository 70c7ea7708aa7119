#include "sim/plugin/policy_registry.hpp"

#include <map>

namespace halab {
namespace {

std::map<std::string, std::unique_ptr<PromotionPolicy>>& promotion_policies() {
  static std::map<std::string, std::unique_ptr<PromotionPolicy>> policies = [] {
    std::map<std::string, std::unique_ptr<PromotionPolicy>> m;
    m.emplace("redis", std::make_unique<RedisPromotion>());
    return m;
  }();
  return policies;
}

}  // namespace

void register_promotion_policy(const std::string& name, std::unique_ptr<PromotionPolicy> policy) {
  promotion_policies()[name] = std::move(policy);
}

const PromotionPolicy* find_promotion_policy(const std::string& name) {
  const auto it = promotion_policies().find(name);
  return it == promotion_policies().end() ? nullptr : it->second.get();
}

std::vector<std::string> promotion_policy_names() {
  std::vector<std::string> names;
  for (const auto& [name, policy] : promotion_policies()) names.push_back(name);
  return names;
}

}  // namespace halab
