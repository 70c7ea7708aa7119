// The frame of a timing sweep: many runs of generated scenarios, each in its own process
// (one SimGrid engine per process), each checked against the published rule; every
// violation is printed with the run it came from, and the exit code says whether any was.
#pragma once

#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>

#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace halab::sweep {

// `--seeds N` (default 50); 0 when the command line is wrong.
inline int seeds_from(int argc, char** argv, const char* program) {
  if (argc == 1) return 50;
  if (argc == 3 && std::string(argv[1]) == "--seeds") return std::stoi(argv[2]);
  std::cerr << "usage: " << program << " [--seeds N]\n";
  return 0;
}

template <class Run>
struct Sweep {
  std::function<nlohmann::json(const Run&)> scenario;  // the run's scenario document
  std::function<std::uint64_t(const Run&)> seed;
  std::function<std::vector<std::string>(const Run&, const std::vector<TraceEvent>&)> check;  // violations
  std::function<std::string(const Run&)> label;  // names a run in a report line
  const char* rule;                              // "kept RFC 5798's timings"
};

template <class Run>
int run_sweep(const std::vector<Run>& runs, const Sweep<Run>& sweep) {
  std::vector<ChildWork> works;
  for (const Run& r : runs)
    works.push_back([r, &sweep] {
      const auto loaded = load_scenario_json(sweep.scenario(r), "sweep");
      if (!loaded.scenario) return nlohmann::json::array({"invalid scenario: " + loaded.errors.front().to_string()}).dump();
      return nlohmann::json(sweep.check(r, simulate(*loaded.scenario, sweep.seed(r)).events)).dump();
    });
  const auto results = run_in_children(works, 2);
  std::size_t failures = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::vector<std::string> wrong;
    if (results[i].exit_code != 0) wrong.push_back(fmt::format("exit code {}", results[i].exit_code));
    else wrong = nlohmann::json::parse(results[i].output).get<std::vector<std::string>>();
    for (const auto& w : wrong) std::cout << sweep.label(runs[i]) << ": " << w << "\n";
    failures += !wrong.empty();
  }
  std::cout << fmt::format("{} of {} runs {}\n", runs.size() - failures, runs.size(), sweep.rule);
  return failures == 0 ? 0 : 1;
}

} // namespace halab::sweep
