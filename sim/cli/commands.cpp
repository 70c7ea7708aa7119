#include "sim/cli/commands.hpp"

#include "sim/cli/report.hpp"
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

std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_seed_range(const std::string& text) {
  std::uint64_t first = 0, last = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, first);
  if (ec != std::errc{}) return std::nullopt;
  last = first;
  if (p != end) {
    if (*p != '-') return std::nullopt;
    auto [q, ec2] = std::from_chars(p + 1, end, last);
    if (ec2 != std::errc{} || q != end) return std::nullopt;
  }
  if (last < first || last - first >= kMaxSweepSeeds || last > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return std::pair{first, last};
}

int command_suite(const SuiteCommand& options) {
  std::vector<SuiteRow> rows;
  std::vector<Scenario> scenarios;
  struct Run {
    std::size_t scenario;
    std::size_t row;
  };
  std::vector<Run> runs;
  bool invalid = false, crashed = false;
  for (const auto& file : scenario_files(options.paths)) {
    LoadResult loaded = load_scenario_file(file);
    if (report_errors(loaded)) {
      rows.push_back({file, 0, "invalid scenario (see errors above)", {}, 0, {}});
      invalid = true;
      continue;
    }
    scenarios.push_back(std::move(*loaded.scenario));
    const auto [first, last] = options.seeds.value_or(std::pair{scenarios.back().seed, scenarios.back().seed});
    for (std::uint64_t seed = first; seed <= last; ++seed) {
      rows.push_back({file, seed, "", {}, 0, {}});
      runs.push_back({scenarios.size() - 1, rows.size() - 1});
    }
  }
  std::vector<ChildWork> works;
  for (const Run& run : runs)
    works.push_back([&scenario = scenarios[run.scenario], seed = rows[run.row].seed] {
      return simulate_and_summarize(scenario, seed).to_json().dump();
    });
  std::vector<ChildResult> results = run_in_children(works, std::max(1u, std::thread::hardware_concurrency()));

  for (std::size_t i = 0; i < results.size(); ++i) {
    SuiteRow& row = rows[runs[i].row];
    if (results[i].exit_code != 0) {
      row.error = "the simulation failed (exit " + std::to_string(results[i].exit_code) + ")";
      crashed = true;
      continue;
    }
    auto json = nlohmann::ordered_json::parse(results[i].output);
    row.expectations = scenarios[runs[i].scenario].expect.size();
    row.unmet = check_expectations(json, scenarios[runs[i].scenario].expect);
    row.summary = json;
  }
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
