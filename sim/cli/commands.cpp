#include "sim/cli/commands.hpp"

#include "sim/cli/report.hpp"
#include "sim/cli/scenario_runs.hpp"
#include "sim/metrics/expectations.hpp"
#include "sim/metrics/summary.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace halab {
namespace {

bool report_errors(const LoadResult& loaded) {
  for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
  return !loaded.errors.empty();
}

} // namespace

int command_validate(const std::vector<std::string>& files) {
  bool bad = false;
  for (const auto& f : files) {
    LoadResult loaded = load_scenario_file(f);
    if (report_errors(loaded)) {
      bad = true;
      continue;
    }
    for (const auto& w : loaded.scenario->warnings) std::cerr << "warning: " << w.to_string() << "\n";
    std::cout << f << ": ok\n";
  }
  return bad ? kExitInput : kExitOk;
}

int command_run(const RunCommand& options) {
  LoadResult loaded = load_scenario_file(options.scenario);
  if (report_errors(loaded)) return kExitInput;
  const Scenario& scenario = *loaded.scenario;

  std::ofstream trace_file;
  std::ostream* trace_stream = nullptr;
  if (options.trace_file == "-") {
    trace_stream = &std::cout;
  } else if (!options.trace_file.empty()) {
    trace_file.open(options.trace_file);
    if (!trace_file) {
      std::cerr << options.trace_file << ": cannot write the trace\n";
      return kExitInput;
    }
    trace_stream = &trace_file;
  }
  Summary summary = simulate_and_summarize(scenario, options.seed.value_or(scenario.seed), trace_stream);
  auto json = summary.to_json();
  std::vector<std::string> unmet = check_expectations(json, scenario.expect);
  if (options.trace_file == "-") {
    // The trace owns stdout; the report goes to stderr.
    std::cerr << format_run_report(summary, scenario.expect.size(), unmet);
  } else if (options.json) {
    json["expectations_unmet"] = unmet;
    std::cout << json.dump() << '\n';
  } else {
    std::cout << format_run_report(summary, scenario.expect.size(), unmet);
  }
  return unmet.empty() ? kExitOk : kExitUnmet;
}

int command_suite(const SuiteCommand& options) {
  auto [rows, invalid, crashed] = run_scenarios(options.paths, options.seeds);
  if (options.json) {
    for (const auto& row : rows) {
      if (!row.error.empty()) continue;
      auto json = row.summary;
      json["file"] = row.file;
      json["seed"] = row.seed;
      json["expectations_unmet"] = row.unmet;
      std::cout << json.dump() << '\n';
    }
  } else {
    std::cout << (options.seeds ? format_sweep_report(rows) : format_suite_report(rows));
  }
  if (crashed) return kExitInternal;
  if (invalid) return kExitInput;
  bool unmet = std::any_of(rows.begin(), rows.end(), [](const SuiteRow& r) { return !r.unmet.empty(); });
  return unmet ? kExitUnmet : kExitOk;
}

} // namespace halab
