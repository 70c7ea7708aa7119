// `halab explore SCENARIO --runs N [--seed S] [--out FILE] [--json]`: random fault
// schedules around the scenario (sim/explore/fault_schedule, swarm-style), each run held to
// the safety invariants (sim/explore/explorer); the first violating schedule is shrunk to
// a minimal one and written as a scenario whose `expect` is the broken invariant, so
// `halab run FILE` reproduces it (exit 1). Then the fault-coverage table: which fault kinds
// met which protocol states, and which never did. Exit 0 nothing broke, 1 a violation was
// found, 2 bad input, 70 the explorer itself failed. A pure function of (scenario, S, N).
#include "sim/cli/commands.hpp"
#include "sim/explore/explorer.hpp"
#include "sim/explore/fault_schedule.hpp"
#include "sim/scenario/loader.hpp"

#include "models/rng.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

namespace halab {
namespace {

using nlohmann::json;

std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run) { return seed * kMaxExploreRuns + run; }

std::string schedule_text(const std::vector<json>& faults) {
  std::string out;
  for (const auto& f : faults) out += "    " + describe_fault(f) + "\n";
  return out;
}

}  // namespace

int command_explore(const ExploreCommand& options) {
  Diagnostics diag(options.file);
  const auto document = read_scenario_document(options.file, diag);
  const LoadResult loaded = document ? load_scenario_json(*document, options.file) : LoadResult{std::nullopt, diag.errors()};
  if (!loaded.scenario) {
    for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
    return kExitInput;
  }
  const Explorer explorer(*document);
  const ExploreTargets targets = ExploreTargets::of(*loaded.scenario);
  const unsigned parallel = std::max(1u, std::thread::hardware_concurrency());
  const std::vector<std::string> applicable = targets.kinds();
  for (const auto& kind : options.kinds)
    if (std::find(applicable.begin(), applicable.end(), kind) == applicable.end()) {
      std::cerr << fmt::format("explore: --kinds: \"{}\" is not a fault kind this scenario can have (expected {})\n", kind,
                               fmt::join(applicable, ", "));
      return kExitInput;
    }
  const std::vector<std::string>& kinds = options.kinds.empty() ? applicable : options.kinds;

  // The scenario alone first: a violation without added faults needs no exploring.
  std::vector<std::vector<json>> schedules{{}};
  std::vector<std::uint64_t> seeds{loaded.scenario->seed};
  std::vector<SwarmKnobs> knobs{{}};
  for (std::uint64_t r = 0; r < options.runs; ++r) {
    Rng rng = Rng::stream(options.seed, fmt::format("explore:{}", r));
    FaultSchedule s = random_schedule(rng, targets, kinds);
    seeds.push_back(run_seed(options.seed, r));
    schedules.push_back(explorer.loadable(std::move(s.faults), seeds.back()));
    knobs.push_back(std::move(s.knobs));
  }
  const std::vector<Trial> trials = explorer.run(schedules, seeds, parallel);

  FaultCoverage coverage;
  std::map<std::string, std::size_t> broken;  // invariant → runs
  std::optional<std::size_t> first;
  json runs = json::array();
  for (std::size_t i = 0; i < trials.size(); ++i) {
    for (const auto& hit : trials[i].hits) coverage.add(hit);
    for (const auto& key : trials[i].broken) ++broken[key];
    if (!first && !trials[i].broken.empty()) first = i;
    if (i > 0)
      runs.push_back({{"run", i - 1}, {"seed", seeds[i]}, {"swarm", knobs[i].describe()}, {"faults", schedules[i].size()},
                      {"broken", trials[i].broken}});
    if (!trials[i].refused.empty()) {
      std::cerr << "explore: run " << i << ": the loader refused a drawn schedule: " << trials[i].refused << '\n';
      return kExitInternal;
    }
  }
  std::string invariants;
  for (const auto& [key, want] : explore_invariants().items())
    invariants += fmt::format("{}{} {}", invariants.empty() ? "" : ", ", key, want.dump());
  std::string text = fmt::format(
      "halab explore {}: {} runs from seed {}\nInvariants: {}, and every run ends (the scenario's objectives are not checked)\n",
      options.file, options.runs, options.seed, invariants);
  json out = {{"scenario", options.file}, {"runs", options.runs}, {"seed", options.seed}, {"invariants", explore_invariants()}};
  std::size_t violating = 0;
  for (std::size_t i = 1; i < trials.size(); ++i) violating += trials[i].broken.empty() ? 0 : 1;
  out["violating_runs"] = violating;
  out["broken"] = broken;

  if (first == 0) {
    text += fmt::format("The scenario breaks {} without added faults: {}\n", trials[0].broken.front(), trials[0].unmet.front());
    out["shrunk"] = {{"run", nullptr}, {"invariant", trials[0].broken.front()}, {"faults", json::array()}};
  } else if (first) {
    const std::size_t i = *first;
    const std::string invariant = trials[i].broken.front();
    text += fmt::format("Violations: {} of {} runs ({})\n", violating, options.runs, json(broken).dump());
    text += fmt::format("First: run {} (seed {}; swarm: {}) broke {}:\n{}", i - 1, seeds[i], knobs[i].describe(), invariant,
                        schedule_text(schedules[i]));
    const auto shrunk = explorer.shrink(schedules[i], seeds[i], invariant, trials[i]);
    const std::string unmet = shrunk.trial.unmet.empty() ? invariant : shrunk.trial.unmet.front();
    if (shrunk.faults.empty())
      text += fmt::format("Shrunk in {} runs from {} faults to none: the scenario alone breaks it at seed {}: {}\n", shrunk.runs,
                          schedules[i].size(), seeds[i], unmet);
    else
      text += fmt::format("Shrunk in {} runs from {} faults to {}:\n{}  {}: {}\n", shrunk.runs, schedules[i].size(),
                          shrunk.faults.size(), schedule_text(shrunk.faults),
                          shrunk.faults.size() == 1 ? "This fault alone breaks it" : "Each of these is needed (without any one of them it holds)",
                          unmet);
    for (const auto& hit : shrunk.trial.hits)
      text += fmt::format("  the {} at {:.3f} s met the cluster in state \"{}\"\n", hit.kind, hit.at_s, hit.state);
    json scenario = explorer.scenario_with(shrunk.faults, seeds[i]);
    scenario["name"] = fmt::format("{}: {} (explored)", document->value("name", options.file), invariant);
    scenario["description"] = fmt::format("Found by `halab explore {} --runs {} --seed {}` (run {}), shrunk from {} added faults to {}. {}",
                                          options.file, options.runs, options.seed, i - 1, schedules[i].size(), shrunk.faults.size(),
                                          invariant == "crash" ? "The simulator's process fails." : "The schedule breaks " + invariant + ".");
    scenario["expect"] = invariant == "crash" ? explore_invariants() : json{{invariant, explore_invariants()[invariant]}};
    out["shrunk"] = {{"run", i - 1}, {"seed", seeds[i]}, {"invariant", invariant}, {"from", schedules[i].size()},
                     {"faults", shrunk.faults}, {"runs", shrunk.runs}, {"unmet", shrunk.trial.unmet}};
    if (!options.out.empty()) {
      std::ofstream file(options.out);
      file << scenario.dump(2) << '\n';
      if (!file) {
        std::cerr << "explore: cannot write " << options.out << '\n';
        return kExitInput;
      }
      text += fmt::format("Written to {}: `halab run {}` reproduces it (exit 1).\n", options.out, options.out);
    } else {
      text += "(--out FILE writes it as a scenario that reproduces it)\n";
    }
  } else {
    text += fmt::format("No invariant broken in {} runs.\n", options.runs);
  }
  text += "\nFault coverage (faults injected, by the state they met):\n" + coverage.table(kinds);
  out["coverage"] = coverage.to_json(kinds);
  out["swarm"] = runs;
  std::cout << (options.json ? out.dump() + "\n" : text);
  return first ? kExitUnmet : kExitOk;
}

}  // namespace halab
