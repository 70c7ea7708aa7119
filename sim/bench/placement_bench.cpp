// Placement benchmark, on 32 nodes and 500 or 2,000 primitives with random location and
// colocation constraints (sim/bench/placement_workload.hpp):
// - in process: one scheduler run (placement + transition graph) against parsing the CIB
//   XML alone;
// - end to end, as CPU seconds of child processes run in turn: `halab place CIB` against
//   Pacemaker's own scheduler, `crm_simulate -x CIB -R` (the transition without simulating
//   its execution; skipped when not installed), on the CIB with every resource's probe
//   history (like for like: without it Pacemaker plans a probe per resource and node).
//   placement_bench [--benchmark_* flags]
//   placement_bench --cib PRIMITIVES probed|running_only > cib.xml   (write a workload)
#include "models/placement/scheduler.hpp"
#include "models/placement/transition.hpp"
#include "sim/bench/placement_workload.hpp"
#include "sim/placement/state_reader.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace {

using halab::History;

const std::string& workload(int primitives, History history) {
  static std::map<std::pair<int, History>, std::string> cache;
  auto& cib = cache[{primitives, history}];
  if (cib.empty()) cib = halab::placement_workload_cib(32, primitives, 42, history);
  return cib;
}

halab::placement::ClusterState parse(const std::string& cib) {
  halab::Diagnostics diag("bench");
  auto state = halab::read_cluster_state_cib(cib, diag);
  if (!state) throw std::runtime_error("the benchmark CIB does not parse");
  return *state;
}

void BM_ParseCib(benchmark::State& st) {
  const std::string& cib = workload(static_cast<int>(st.range(0)), History::running_only);
  for (auto _ : st) benchmark::DoNotOptimize(parse(cib));
}

void BM_Schedule(benchmark::State& st) {
  const auto state = parse(workload(static_cast<int>(st.range(0)), History::running_only));
  for (auto _ : st) {
    const auto plan = halab::placement::schedule(state);
    benchmark::DoNotOptimize(halab::placement::plan_transition(state, plan));
  }
}

double children_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// The child's CPU seconds (user + system) running `command`, or nullopt if it failed.
std::optional<double> child_cpu_s(const std::string& command) {
  const double before = children_cpu_s();
  if (std::system(command.c_str()) != 0) return std::nullopt;
  return children_cpu_s() - before;
}

// `halab place CIB` against `crm_simulate -x CIB -R` on the probed workload of range(0)
// primitives, in pairs, as the machine's load changes from minute to minute: each
// iteration runs halab, crm_simulate, then halab twice more, and its time is the median
// of halab's three runs; its ratio is crm_simulate's run over that median. The counters
// give crm_simulate's mean and the smallest and median ratios of the iterations.
void BM_PlaceVsCrmSimulate(benchmark::State& st) {
  if (std::system("command -v crm_simulate >/dev/null 2>&1") != 0) {
    st.SkipWithError("crm_simulate is not installed");
    return;
  }
  const auto path = std::filesystem::temp_directory_path() / ("halab-bench-" + std::to_string(getpid()) + ".xml");
  std::ofstream(path) << workload(static_cast<int>(st.range(0)), History::probed);
  const auto halab = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "halab";
  const std::string quiet = " >/dev/null 2>&1";
  const std::string place = halab.string() + " place " + path.string() + quiet;
  const std::string crm = "crm_simulate -x " + path.string() + " -R" + quiet;
  std::vector<double> ratios;
  double crm_total = 0;
  for (auto _ : st) {
    std::vector<std::optional<double>> runs{child_cpu_s(place)};
    const auto crm_s = child_cpu_s(crm);
    runs.push_back(child_cpu_s(place));
    runs.push_back(child_cpu_s(place));
    if (!crm_s || std::any_of(runs.begin(), runs.end(), [](const auto& r) { return !r; })) {
      st.SkipWithError("halab place or crm_simulate failed");
      break;
    }
    std::vector<double> halab_s{*runs[0], *runs[1], *runs[2]};
    std::sort(halab_s.begin(), halab_s.end());
    st.SetIterationTime(halab_s[1]);
    crm_total += *crm_s;
    ratios.push_back(*crm_s / halab_s[1]);
  }
  std::filesystem::remove(path);
  if (ratios.empty()) return;
  std::sort(ratios.begin(), ratios.end());
  st.counters["crm_simulate_ms"] = 1e3 * crm_total / static_cast<double>(ratios.size());
  st.counters["ratio_min"] = ratios.front();
  st.counters["ratio_median"] = ratios[ratios.size() / 2];
  st.counters["cib_MB"] = static_cast<double>(workload(static_cast<int>(st.range(0)), History::probed).size()) / 1e6;
}

BENCHMARK(BM_ParseCib)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Schedule)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlaceVsCrmSimulate)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(5);

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--cib") == 0) {
    const History history = std::strcmp(argv[3], "probed") == 0 ? History::probed : History::running_only;
    std::cout << halab::placement_workload_cib(32, std::atoi(argv[2]), 42, history);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
