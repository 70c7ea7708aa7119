// Placement benchmark, on 32 nodes and 500 or 2,000 primitives with random location and
// colocation constraints (sim/bench/placement_workload.hpp):
// - in process: one scheduler run (placement + transition graph) against parsing the CIB
//   XML alone;
// - end to end, as CPU seconds of a child process: `halab place CIB` against Pacemaker's
//   own scheduler, `crm_simulate -x CIB -R` (the transition without simulating its
//   execution; skipped when not installed), on the CIB with every resource's probe history
//   (like for like: without it Pacemaker plans a probe per resource and node).
//   placement_bench [--benchmark_* flags]
//   placement_bench --cib PRIMITIVES probed|running_only > cib.xml   (write a workload)
#include "models/placement/scheduler.hpp"
#include "models/placement/transition.hpp"
#include "sim/bench/placement_workload.hpp"
#include "sim/placement/state_reader.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sys/resource.h>
#include <unistd.h>

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

// Runs `program CIB options` on the probed workload of range(0) primitives once per iteration and
// reports the child's CPU seconds (user + system) as the iteration's time.
void run_child(benchmark::State& st, const std::string& program, const std::string& options) {
  const auto path = std::filesystem::temp_directory_path() / ("halab-bench-" + std::to_string(getpid()) + ".xml");
  std::ofstream(path) << workload(static_cast<int>(st.range(0)), History::probed);
  const std::string command = program + " " + path.string() + options + " >/dev/null 2>&1";
  for (auto _ : st) {
    const double before = children_cpu_s();
    if (std::system(command.c_str()) != 0) {
      st.SkipWithError(("failed: " + command).c_str());
      break;
    }
    st.SetIterationTime(children_cpu_s() - before);
  }
  st.counters["cib_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove(path);
}

void BM_HalabPlace(benchmark::State& st) {
  const auto halab = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "halab";
  run_child(st, halab.string() + " place", "");
}

void BM_CrmSimulate(benchmark::State& st) {
  if (std::system("command -v crm_simulate >/dev/null 2>&1") != 0) {
    st.SkipWithError("crm_simulate is not installed");
    return;
  }
  run_child(st, "crm_simulate -x", " -R");
}

BENCHMARK(BM_ParseCib)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Schedule)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HalabPlace)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(5);
BENCHMARK(BM_CrmSimulate)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1);

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
