// Random fault schedules around a scenario, swarm-style (Groce et al., "Swarm Testing",
// ISSTA 2012): each run first draws its own configuration — which fault kinds it may use
// at all, how many faults, how long they last — and then the faults. A run that never
// crashes anything but partitions often tries states a uniform mix would rarely reach.
//
// Besides kinds, counts and durations, a run may strike early (before the first holder is
// chosen) or in a burst (every fault within 10 s, so that faults meet failovers and
// fencing under way). The kinds: crashes (with or without a restart), symmetric and one-way partitions (a host
// may be in no group: every side still reaches it), link cuts, lossy links, slow links
// (message delays), process pauses, and fence device failures (when a cluster fences
// through a device). They strike the scenario's cluster members and the hosts of its
// /stack tiers; the clients are placed in partitions too. Faults are drawn as scenario
// JSON, so a schedule is what a user would write and the loader validates it.
#pragma once

#include "sim/scenario/scenario.hpp"

#include "models/rng.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace halab {

// What a schedule may strike and when.
struct ExploreTargets {
  std::vector<std::string> processes;  // cluster members and tier hosts: crash, pause, NIC faults
  std::vector<std::string> hosts;      // every host placed in partitions (clients included)
  std::vector<std::string> fenced_services;  // services with a fence device ("" for the only one)
  double from_s = 0;                   // faults start in [from_s, until_s]
  double until_s = 0;
  double last_end_s = 0;               // and are over by then
  static ExploreTargets of(const Scenario& scenario);
  // The fault kinds that apply (a fence device failure needs a fence device).
  std::vector<std::string> kinds() const;
};

// A run's swarm configuration.
struct SwarmKnobs {
  std::vector<std::string> kinds;  // the fault kinds this run may use ("crash", "one-way-partition", …)
  int faults = 0;                  // how many it draws
  double max_duration_s = 0;       // the longest a fault lasts
  bool early = false;              // faults may strike before the first holder is chosen
  bool burst = false;              // every fault strikes within 10 s (faults during failovers)
  std::string describe() const;
};

struct FaultSchedule {
  SwarmKnobs knobs;
  std::vector<nlohmann::json> faults;  // scenario faults ("kind", "at", …)
};

// Every kind the explorer knows, in the coverage report's order.
const std::vector<std::string>& explore_fault_kinds();

// `kinds`: the kinds a run may draw from (empty: all of explore_fault_kinds()).
FaultSchedule random_schedule(Rng& rng, const ExploreTargets& targets, const std::vector<std::string>& kinds = {});

}  // namespace halab
