// A run summarised online — each event handed to SummaryBuilder as it is emitted, none kept,
// request outcomes counted as they come (summary_builder_for) — gives exactly the summary of
// the same run's kept trace. Each run in a child of its own
// (one SimGrid engine per process). Usage: online_summary_check SCENARIO…
#include "sim/metrics/summary.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  int failed = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string file = argv[i];
    const auto kept = halab::run_in_child([&] {
      const auto loaded = halab::load_scenario_file(file);
      const auto result = halab::simulate(*loaded.scenario, loaded.scenario->seed);
      return halab::summarize(result.events).to_json().dump();
    });
    const auto online = halab::run_in_child([&] {
      const auto loaded = halab::load_scenario_file(file);
      halab::SummaryBuilder builder = halab::summary_builder_for(*loaded.scenario);
      const auto result = halab::simulate(*loaded.scenario, loaded.scenario->seed, nullptr,
                                          [&builder](const halab::TraceEvent& e) { builder.observe(e); });
      if (!result.events.empty()) return std::string("events were kept");
      return std::move(builder).finish().to_json().dump();
    });
    if (kept.exit_code != 0 || online.exit_code != 0 || kept.output != online.output || kept.output.empty()) {
      std::cerr << file << ": kept trace gives\n" << kept.output << "\nonline gives\n" << online.output << '\n';
      ++failed;
    } else {
      std::cout << file << ": the same summary (" << kept.output.size() << " bytes)\n";
    }
  }
  return failed == 0 ? 0 : 1;
}
