#include "sim/bench/heartbeat_ring.hpp"
#include "sim/cli/commands.hpp"
#include "sim/run/forked_run.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <stdexcept>

namespace halab {
namespace {

double median_rate(int nodes, const BenchCommand& options, RingSample (*variant)(int, double)) {
  std::vector<double> rates;
  for (int r = 0; r < options.repetitions; ++r) {
    ChildResult child = run_in_child([&] {
      RingSample s = variant(nodes, options.simulated_s);
      return nlohmann::json{{"messages", s.messages}, {"wall_s", s.wall_s}}.dump();
    });
    if (child.exit_code != 0) throw std::runtime_error("benchmark child failed");
    auto j = nlohmann::json::parse(child.output);
    rates.push_back(j["messages"].get<double>() / j["wall_s"].get<double>());
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

} // namespace

int command_bench(const BenchCommand& options) {
  // --nodes, --simulated and --repetitions are range-checked by the command line.
  std::cout << fmt::format("heartbeat ring + monitor, {:.0f} simulated s, median of {} runs each\n",
                           options.simulated_s, options.repetitions);
  std::cout << fmt::format("{:>6} {:>16} {:>16} {:>22}\n", "nodes", "halab msg/s", "plain msg/s",
                           "halab cost / plain");
  for (int n : options.nodes) {
    double halab = median_rate(n, options, run_ring_halab);
    double plain = median_rate(n, options, run_ring_plain);
    std::cout << fmt::format("{:>6} {:>16.0f} {:>16.0f} {:>21.2f}x\n", n, halab, plain, plain / halab);
  }
  return kExitOk;
}

} // namespace halab
