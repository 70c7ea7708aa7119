#include "sim/cli/scenario_runs.hpp"

#include "sim/metrics/expectations.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

namespace halab {
namespace {

std::vector<std::string> scenario_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths.empty() ? std::vector<std::string>{"scenarios"} : paths) {
    if (std::filesystem::is_directory(p)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::directory_iterator(p))
        if (entry.path().extension() == ".json") found.push_back(entry.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  return files;
}

}  // namespace

ScenarioRuns run_scenarios(const std::vector<std::string>& paths, const std::optional<std::pair<std::uint64_t, std::uint64_t>>& seeds) {
  ScenarioRuns out;
  std::vector<Scenario> scenarios;
  struct Run {
    std::size_t scenario;
    std::size_t row;
  };
  std::vector<Run> runs;
  for (const auto& file : scenario_files(paths)) {
    LoadResult loaded = load_scenario_file(file);
    if (!loaded.scenario) {
      for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
      SuiteRow row;
      row.file = file;
      row.error = "invalid scenario (see errors above)";
      for (const auto& e : loaded.errors) row.load_errors.push_back(e.to_string());
      out.rows.push_back(std::move(row));
      out.invalid = true;
      continue;
    }
    scenarios.push_back(std::move(*loaded.scenario));
    const auto [first, last] = seeds.value_or(std::pair{scenarios.back().seed, scenarios.back().seed});
    for (std::uint64_t seed = first; seed <= last; ++seed) {
      SuiteRow row;
      row.file = file;
      row.seed = seed;
      out.rows.push_back(std::move(row));
      runs.push_back({scenarios.size() - 1, out.rows.size() - 1});
    }
  }
  std::vector<ChildWork> works;
  for (const Run& run : runs)
    works.push_back([&scenario = scenarios[run.scenario], seed = out.rows[run.row].seed] {
      return simulate_and_summarize(scenario, seed).to_json().dump();
    });
  std::vector<ChildResult> results = run_in_children(works, std::max(1u, std::thread::hardware_concurrency()));
  for (std::size_t i = 0; i < results.size(); ++i) {
    SuiteRow& row = out.rows[runs[i].row];
    const Scenario& scenario = scenarios[runs[i].scenario];
    row.expect = scenario.expect;
    if (results[i].exit_code != 0) {
      row.error = "the simulation failed (exit " + std::to_string(results[i].exit_code) + ")";
      out.crashed = true;
      continue;
    }
    row.summary = nlohmann::ordered_json::parse(results[i].output);
    row.expectations = scenario.expect.size();
    row.unmet = check_expectations(row.summary, scenario.expect);
  }
  return out;
}

}  // namespace halab
