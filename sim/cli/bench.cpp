#include "sim/bench/delivery_replay.hpp"
#include "sim/bench/heartbeat_ring.hpp"
#include "sim/cli/commands.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string_view>

namespace halab {
namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// A benchmark's child printed why it failed (forked_run); this says which one it was.
ChildResult succeeded(ChildResult child, std::string_view what) {
  if (child.exit_code != 0)
    throw std::runtime_error(fmt::format("{} failed (exit status {}; its own message, if any, is above)", what, child.exit_code));
  return child;
}

double median_rate(int nodes, const BenchCommand& options, RingSample (*variant)(int, double)) {
  std::vector<double> rates;
  for (int r = 0; r < options.repetitions; ++r) {
    const ChildResult child = succeeded(run_in_child([&] {
      RingSample s = variant(nodes, options.simulated_s);
      return nlohmann::json{{"messages", s.messages}, {"wall_s", s.wall_s}}.dump();
    }), "a timed ring run");
    auto j = nlohmann::json::parse(child.output);
    rates.push_back(j["messages"].get<double>() / j["wall_s"].get<double>());
  }
  return median(rates);
}

ReplaySample sample_in_child(const std::function<ReplaySample()>& work, std::string_view what) {
  const ChildResult child = succeeded(run_in_child([&] {
    const ReplaySample s = work();
    return nlohmann::json{{"messages", s.messages}, {"loop_cpu_s", s.loop_cpu_s}}.dump();
  }), what);
  const auto j = nlohmann::json::parse(child.output);
  return {j["messages"].get<std::uint64_t>(), j["loop_cpu_s"].get<double>()};
}

int bench_scenario(const BenchCommand& options) {
  LoadResult loaded = load_scenario_file(options.scenario);
  for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
  if (!loaded.errors.empty()) return kExitInput;
  const Scenario& scenario = *loaded.scenario;
  const std::uint64_t seed = options.seed.value_or(scenario.seed);
  // The messages, recorded once in a run of their own (not timed).
  const ChildResult recorded = succeeded(run_in_child([&] {
    std::vector<Delivery> log;
    run_scenario_halab(scenario, seed, &log);
    return std::string(reinterpret_cast<const char*>(log.data()), log.size() * sizeof(Delivery));
  }), "the run recording the messages");
  if (recorded.output.empty()) {
    std::cerr << options.scenario << ": the run sent no message: nothing to compare\n";
    return kExitInput;
  }
  std::vector<Delivery> log(recorded.output.size() / sizeof(Delivery));
  std::memcpy(log.data(), recorded.output.data(), log.size() * sizeof(Delivery));
  std::vector<double> halab_s, plain_s;
  for (int r = 0; r < options.repetitions; ++r) {  // alternated
    const ReplaySample h = sample_in_child([&] { return run_scenario_halab(scenario, seed, nullptr); }, "a timed halab run");
    const ReplaySample p = sample_in_child([&] { return run_deliveries_plain(scenario, log); }, "a timed raw SimGrid run");
    halab_s.push_back(h.loop_cpu_s);
    plain_s.push_back(p.loop_cpu_s);
    // The same run at the same seed accepts the same messages, and the replay delivers them all.
    if (h.messages != log.size() || p.messages != log.size())
      throw std::runtime_error(fmt::format("the runs did not carry the same messages: recorded {}, halab {}, raw SimGrid {}",
                                           log.size(), h.messages, p.messages));
  }
  const double h = median(halab_s), p = median(plain_s);
  std::cout << fmt::format(
      "{} at seed {}: {} messages accepted by the network over {:.0f} simulated s\n"
      "halab: the scenario as `halab run` runs it (every agent and fault, the summary built as it goes)\n"
      "raw SimGrid: the same {} messages on the same platform, a sender and a receiver actor per host,\n"
      "  each a detached 0-byte Mailbox put (the route's latency, as halab's latency-only delivery)\n"
      "CPU seconds of the engine's run (setup excluded), median of {} alternated runs each\n",
      options.scenario, seed, log.size(), scenario.duration.to_seconds(), log.size(), options.repetitions);
  std::cout << fmt::format("{:>12} {:>10} {:>14}\n", "", "CPU s", "µs per message");
  const auto messages = static_cast<double>(log.size());
  std::cout << fmt::format("{:>12} {:>10.3f} {:>14.3f}\n", "halab", h, 1e6 * h / messages);
  std::cout << fmt::format("{:>12} {:>10.3f} {:>14.3f}\n", "raw SimGrid", p, 1e6 * p / messages);
  std::cout << fmt::format("halab cost per message / raw SimGrid: {:.2f}x\n", h / p);
  return kExitOk;
}

} // namespace

int command_bench(const BenchCommand& options) {
  if (!options.scenario.empty()) return bench_scenario(options);
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
