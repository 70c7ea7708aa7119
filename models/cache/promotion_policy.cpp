#include "models/cache/promotion_policy.hpp"

namespace halab {

std::optional<std::size_t> RedisPromotion::choose(const std::vector<ReplicaInfo>& replicas, const std::vector<bool>& usable) const {
  const auto better = [](const ReplicaInfo& a, const ReplicaInfo& b) {  // compareSlavesForPromotion
    if (a.priority != b.priority) return a.priority < b.priority;
    if (a.offset != b.offset) return a.offset > b.offset;
    return a.run_id < b.run_id;
  };
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < replicas.size(); ++i)
    if (usable[i] && (!best || better(replicas[i], replicas[*best]))) best = i;
  return best;
}

}  // namespace halab
