// The halab command-line commands. Exit codes: 0 success; 1 a run did not meet its
// scenario's expectations; 2 bad input (a scenario or trace with errors, a bad option);
// 70 an internal error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace halab {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUnmet = 1;
inline constexpr int kExitInput = 2;
inline constexpr int kExitInternal = 70;

int command_validate(const std::vector<std::string>& files);

struct RunCommand {
  std::string scenario;
  std::optional<std::uint64_t> seed;
  std::string trace_file;
  bool json = false;
};
int command_run(const RunCommand& options);

struct SuiteCommand {
  std::vector<std::string> paths;  // files or folders of *.json
  bool json = false;
  // A seed sweep: every scenario at every seed from first to last (instead of its own seed).
  std::optional<std::pair<std::uint64_t, std::uint64_t>> seeds;
};
// Reads "FIRST-LAST" or "SEED" (at most kMaxSweepSeeds seeds); nothing if malformed.
inline constexpr std::uint64_t kMaxSweepSeeds = 1000;
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_seed_range(const std::string& text);
int command_suite(const SuiteCommand& options);

struct CheckCommand {
  std::vector<std::string> paths;  // files or folders of *.json
  std::optional<std::pair<std::uint64_t, std::uint64_t>> seeds;
  std::string junit;  // write JUnit XML there
  std::string golden;  // compare each run's summary with the one kept in this folder
  bool update_golden = false;  // write them there instead
  bool json = false;
};
int command_check(const CheckCommand& options);

struct DiffCommand {
  std::string a, b;  // traces (JSON Lines) or summaries (halab run --json)
  bool json = false;
};
int command_diff(const DiffCommand& options);

// Random fault schedules around a scenario held to the safety invariants; the first
// violating one shrunk and written out as a scenario (sim/explore/explorer).
inline constexpr std::uint64_t kMaxExploreRuns = 1000000;
struct ExploreCommand {
  std::string file;
  std::uint64_t runs = 100;
  std::uint64_t seed = 1;
  std::string out;  // the shrunk schedule as a scenario
  std::vector<std::string> kinds;  // the fault kinds to draw from (empty: every one that applies)
  bool json = false;
};
int command_explore(const ExploreCommand& options);

// A daemon's configuration as a scenario skeleton (sim/import/importer.hpp).
struct ImportCommand {
  std::string kind;  // cib, keepalived, sentinel, nginx
  std::vector<std::string> files;
  std::string out;
};
int command_import(const ImportCommand& options);

// Independent replications of one scenario at seeds first..first+runs−1 (every K-th of them
// from the i-th with shard "i/K"), means with 95 % intervals; merge joins shards' JSON.
struct SweepCommand {
  std::string file;
  std::uint64_t runs = 10;
  std::uint64_t first_seed = 1;
  std::string shard = "1/1";
  bool regenerative = false;     // runs are failure episodes (sim/fault/episode)
  std::string warmup = "30s";    // regenerative: before the first failure
  std::string settle = "30s";    // regenerative: after every host is back
  bool json = false;
};
int command_sweep(const SweepCommand& options);
struct MergeCommand {
  std::vector<std::string> files;
  bool json = false;
};
int command_merge(const MergeCommand& options);

// Several scenarios swept at the same seeds (same failures where hosts are shared), side by
// side, with each one's paired difference from the first.
struct CompareCommand {
  std::vector<std::string> files;
  std::uint64_t runs = 20;
  std::uint64_t first_seed = 1;
  bool regenerative = false;
  std::string warmup = "30s";
  std::string settle = "30s";
  std::string svg;       // write the chart there too
  std::string markdown;  // and the report
  // "POINTER=V1,V2,…": the variants are the one scenario with each value at POINTER.
  std::string vary;
  bool json = false;
};
int command_compare(const CompareCommand& options);

struct PlaceCommand {
  std::string file;  // the lab's JSON cluster state, or a CIB XML file
  bool scores = false;
  bool json = false;
  bool expand = false;  // print the configuration (a topology template expanded) instead
};
// One scheduler run over a cluster state, as `crm_simulate -S` does.
int command_place(const PlaceCommand& options);

struct BenchCommand {
  std::vector<int> nodes{10, 100, 1000};
  double simulated_s = 20;
  int repetitions = 3;
  std::string scenario;  // set: halab on this scenario against raw SimGrid on its messages
  std::optional<std::uint64_t> seed;
};
int command_bench(const BenchCommand& options);

// The steady-state availability of a k-out-of-n system (models/availability/k_of_n) or a
// failover cluster — active/passive, N+M, N-to-1, N-to-N (failover_cluster) — with the
// data an asynchronous replica loses at each failover (async_rpo).
struct AvailabilityCommand {
  std::string topology = "k-of-n";  // k-of-n, active-passive, n+m, n-to-1, n-to-n
  int n = 1;
  int k = 1;
  int m = 1;
  int crews = 1;
  std::string mttf;  // durations as in scenarios: "720h", "30d"
  std::string mttr;
  std::string detect = "0s";
  std::string switchover = "0s";
  double coverage = 1;
  std::string manual;    // needed when coverage < 1
  std::string failback;  // n-to-1: defaults to the switchover time
  std::string restore;   // after too few nodes were up; defaults to detect + switchover
  double writes = 0;     // active-passive: writes per second, for the RPO
  std::string lag;       // active-passive: the replica's mean lag
  bool json = false;
  std::vector<std::string> given;  // the options on the command line ("--n", "--lag", …)
};
int command_availability(const AvailabilityCommand& options);

} // namespace halab
