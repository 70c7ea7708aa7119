// A `halab` with one more failover policy: "most-data-first", a Sentinel promotion rule
// that picks the replica with the largest replication offset whatever its
// replica-priority (Redis's own rule puts the priority first). Registered before the
// command line runs, it is there for every scenario, `halab check` and `halab explore`:
//
//   promotion_policy_halab run examples/promotion-policy/lagging-replica.json
//
// A scenario chooses it at /stack/tiers/i/store/sentinel/promotion.
#include "models/cache/promotion_policy.hpp"
#include "sim/cli/app.hpp"
#include "sim/plugin/policy_registry.hpp"

#include <memory>

namespace {

class MostDataFirst final : public halab::PromotionPolicy {
 public:
  std::optional<std::size_t> choose(const std::vector<halab::ReplicaInfo>& replicas, const std::vector<bool>& usable) const override {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < replicas.size(); ++i) {
      if (!usable[i]) continue;
      const bool more = best && (replicas[i].offset > replicas[*best].offset ||
                                 (replicas[i].offset == replicas[*best].offset && replicas[i].run_id < replicas[*best].run_id));
      if (!best || more) best = i;
    }
    return best;
  }
};

}  // namespace

int main(int argc, char** argv) {
  halab::register_promotion_policy("most-data-first", std::make_unique<MostDataFirst>());
  return halab::halab_main(argc, argv);
}
