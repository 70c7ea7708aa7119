// `halab explore`: random fault schedules (sim/explore/fault_schedule) added to a scenario,
// each run in its own process and held to the safety invariants; a violating schedule is
// shrunk — delta debugging over its faults (models/explore/ddmin), then over their times
// and partitions' members — to a minimal schedule that still breaks the same invariant.
//
// The invariants are the promises a failover design makes whatever the faults:
//   split_brain = false        never two holders of one floating IP at once;
//   corrupted_writes = 0       no write accepted while another writer's session overlapped
//                              (only where the run writes to shared storage);
//   quorate_partitions <= 1    never two partitions holding quorum at once;
// and the run itself ends (no crash, no stall: a failed process is a violation too).
// The scenario's own objectives (failovers, availability, RTO, …) are not checked: added
// faults change them by design.
#pragma once

#include "sim/explore/fault_coverage.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace halab {

// The invariants as an `expect` section.
const nlohmann::json& explore_invariants();

// One run of the scenario with faults added.
struct Trial {
  std::string refused;              // the loader refused the schedule (why); nothing ran
  int exit_code = 0;                // the run's process: 0 it ran to the end
  std::vector<std::string> broken;  // the invariants it broke ("crash" for a failed process)
  std::vector<std::string> unmet;   // what each says, with the run's evidence
  std::vector<FaultHit> hits;       // the faults and the states they met
  bool breaks(const std::string& invariant) const;
};

class Explorer {
 public:
  // `document`: a scenario that loads (its faults are kept; the added ones come after them).
  explicit Explorer(nlohmann::json document) : base_(std::move(document)) {}

  // The scenario with `added` after its own faults, run at `seed`.
  nlohmann::json scenario_with(const std::vector<nlohmann::json>& added, std::uint64_t seed) const;
  // `added` without the faults the loader refuses next to the scenario's own (overlaps).
  std::vector<nlohmann::json> loadable(std::vector<nlohmann::json> added, std::uint64_t seed) const;

  // Each schedule run at its seed, in children, `parallel` at a time; results in order.
  std::vector<Trial> run(const std::vector<std::vector<nlohmann::json>>& schedules, const std::vector<std::uint64_t>& seeds,
                         unsigned parallel) const;

  struct Shrunk {
    std::vector<nlohmann::json> faults;  // a 1-minimal schedule that still breaks the invariant
    std::size_t runs = 0;                // simulations it took
    Trial trial;                         // the last run that broke it
  };
  // `faults` broke `invariant` at `seed`: the smallest schedule found that still does.
  Shrunk shrink(const std::vector<nlohmann::json>& faults, std::uint64_t seed, const std::string& invariant,
                const Trial& original) const;

 private:
  nlohmann::json base_;
};

// "partition {n1} | {n2, c1} from 30 s to 34 s": a fault as a person reads it.
std::string describe_fault(const nlohmann::json& fault);

}  // namespace halab
