// Placement benchmark: one scheduler run (placement + transition graph) for 32 nodes and
// 500 or 2,000 primitives with random location and colocation constraints, against two
// baselines measured in the same process: parsing the CIB XML alone, and Pacemaker's
// own scheduler (`crm_simulate -x CIB -R`: the transition without simulating its
// execution, when installed) on the same file.
//   placement_bench [--benchmark_* flags]
#include "models/placement/scheduler.hpp"
#include "models/placement/transition.hpp"
#include "sim/bench/placement_workload.hpp"
#include "sim/placement/state_reader.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

namespace {

const std::string& workload(int primitives) {
  static std::map<int, std::string> cache;
  auto& cib = cache[primitives];
  if (cib.empty()) cib = halab::placement_workload_cib(32, primitives, 42);
  return cib;
}

halab::placement::ClusterState parse(const std::string& cib) {
  halab::Diagnostics diag("bench");
  auto state = halab::read_cluster_state_cib(cib, diag);
  if (!state) throw std::runtime_error("the benchmark CIB does not parse");
  return *state;
}

void BM_ParseCib(benchmark::State& st) {
  const std::string& cib = workload(static_cast<int>(st.range(0)));
  for (auto _ : st) benchmark::DoNotOptimize(parse(cib));
}

void BM_Schedule(benchmark::State& st) {
  const auto state = parse(workload(static_cast<int>(st.range(0))));
  for (auto _ : st) {
    const auto plan = halab::placement::schedule(state);
    benchmark::DoNotOptimize(halab::placement::plan_transition(state, plan));
  }
}

void BM_CrmSimulate(benchmark::State& st) {
  if (std::system("command -v crm_simulate >/dev/null 2>&1") != 0) {
    st.SkipWithError("crm_simulate is not installed");
    return;
  }
  const auto path = std::filesystem::temp_directory_path() / ("halab-bench-" + std::to_string(getpid()) + ".xml");
  std::ofstream(path) << workload(static_cast<int>(st.range(0)));
  const std::string command = "crm_simulate -x " + path.string() + " -R >/dev/null 2>&1";
  for (auto _ : st) benchmark::DoNotOptimize(std::system(command.c_str()));
  std::filesystem::remove(path);
}

BENCHMARK(BM_ParseCib)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Schedule)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CrmSimulate)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
