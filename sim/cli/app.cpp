// halab's command line: every subcommand, parsed with CLI11 (sim/cli/app.hpp says which
// run in the engine).
#include "sim/cli/app.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace halab {
namespace {

// Replaces this process with halab-engine, beside this program, on the same argv.
int run_in_engine(char** argv) {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto engine = (error ? std::filesystem::path(argv[0]) : self).parent_path() / "halab-engine";
  execv(engine.c_str(), argv);
  std::cerr << "halab: cannot run the simulation engine " << engine.string() << ": " << std::strerror(errno) << '\n';
  return kExitInternal;
}

}  // namespace

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

}  // namespace halab

int halab::halab_cli(int argc, char** argv, const EngineCommands* engine) {
  CLI::App app{"halab: simulate failover under injected faults and measure what clients see"};
  app.require_subcommand(1);

  std::vector<std::string> validate_files;
  auto* validate = app.add_subcommand("validate", "Check scenario files and report every error");
  validate->add_option("files", validate_files, "Scenario files")->required()->check(CLI::ExistingFile);

  halab::RunCommand run;
  auto* run_cmd = app.add_subcommand("run", "Run one scenario and report availability, failovers and split brain");
  run_cmd->add_option("scenario", run.scenario, "Scenario file")->required()->check(CLI::ExistingFile);
  run_cmd->add_option("--seed", run.seed, "Seed (default: the scenario's)")->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}));
  run_cmd->add_option("--trace", run.trace_file, "Write the trace as JSON Lines to this file ('-' for stdout)");
  run_cmd->add_flag("--json", run.json, "Print the summary as one JSON object");

  halab::SuiteCommand suite;
  auto* suite_cmd = app.add_subcommand("suite", "Run a set of scenarios (one process each) and print a table");
  suite_cmd->add_option("paths", suite.paths, "Scenario files or folders (default: scenarios)");
  suite_cmd->add_flag("--json", suite.json, "Print one JSON object per scenario, one per line");
  // --seeds FIRST-LAST for suite and check.
  const auto add_seeds = [](CLI::App* cmd, std::string& text) {
    cmd->add_option("--seeds", text, "Run every scenario at each of these seeds (FIRST-LAST, at most 1000) instead of its own")
        ->check([](const std::string& t) {
          return halab::parse_seed_range(t) ? std::string() : "expected FIRST-LAST (at most 1000 seeds) or one seed";
        });
  };
  std::string sweep;
  add_seeds(suite_cmd, sweep);

  halab::CheckCommand check;
  auto* check_cmd = app.add_subcommand("check", "CI gate: run scenarios and check each expectation, with evidence; JUnit XML with --junit");
  check_cmd->add_option("paths", check.paths, "Scenario files or folders (default: scenarios)");
  std::string check_seeds;
  add_seeds(check_cmd, check_seeds);
  check_cmd->add_option("--junit", check.junit, "Also write the verdicts as JUnit XML to this file");
  check_cmd->add_option("--golden", check.golden, "A folder of golden summaries: each run's summary must equal its own (a verdict \"golden\")");
  check_cmd->add_flag("--update-golden", check.update_golden, "Write each run's summary into the --golden folder instead of comparing");
  check_cmd->add_flag("--json", check.json, "Print one JSON object per run, one per line");

  halab::DiffCommand diff;
  auto* diff_cmd = app.add_subcommand("diff", "How two runs differ: traces by their first divergent event, summaries by their figures");
  diff_cmd->add_option("a", diff.a, "A trace (halab run --trace) or a summary (halab run --json)")->required();
  diff_cmd->add_option("b", diff.b, "Another")->required();
  diff_cmd->add_flag("--json", diff.json, "Print the divergence and the figures as one JSON object");

  halab::ExploreCommand explore;
  auto* explore_cmd = app.add_subcommand("explore", "Random fault schedules against the safety invariants; a violation shrunk to a minimal scenario");
  explore_cmd->add_option("scenario", explore.file, "Scenario file")->required()->check(CLI::ExistingFile);
  explore_cmd->add_option("--runs", explore.runs, "Random schedules to try")->check(CLI::Range(std::uint64_t{1}, halab::kMaxExploreRuns - 1));
  explore_cmd->add_option("--seed", explore.seed, "Draws the schedules (and each run's seed)")->check(CLI::Range(std::uint64_t{0}, std::uint64_t{9000000000000}));
  explore_cmd->add_option("--out", explore.out, "Write the shrunk violating schedule there, as a scenario that reproduces it");
  explore_cmd->add_option("--kinds", explore.kinds, "Draw only these fault kinds (crash, partition, one-way-partition, link-cut, lossy-link, slow-link, pause, fence-device-failure)")
      ->delimiter(',');
  explore_cmd->add_flag("--json", explore.json, "Print the exploration as one JSON object");

  halab::ImportCommand import;
  auto* import_cmd = app.add_subcommand("import", "A real configuration (Pacemaker CIB, keepalived.conf, sentinel.conf, nginx upstream) as a scenario skeleton");
  import_cmd->add_option("kind", import.kind, "cib, keepalived, sentinel or nginx")->required()->check(CLI::IsMember({"cib", "keepalived", "sentinel", "nginx"}));
  import_cmd->add_option("files", import.files, "The configuration file(s): keepalived and sentinel take one per member")->required()->check(CLI::ExistingFile);
  import_cmd->add_option("--out", import.out, "Write the scenario there instead of printing it");

  halab::SweepCommand sweep_run;
  auto* sweep_cmd = app.add_subcommand("sweep", "Run one scenario at many seeds (one process each, every core): means and 95% CIs");
  sweep_cmd->add_option("scenario", sweep_run.file, "Scenario file")->required();
  sweep_cmd->add_option("--runs", sweep_run.runs, "Replications (seeds first..first+runs-1)")->check(CLI::Range(1, 1000000));
  sweep_cmd->add_option("--seed", sweep_run.first_seed, "The first seed");
  sweep_cmd->add_option("--shard", sweep_run.shard, "i/K: run every K-th seed from the i-th (merge the shards with halab merge)");
  sweep_cmd->add_flag("--regenerative", sweep_run.regenerative,
                      "Runs are failure episodes combined by their rates (renewal-reward): years of availability from episodes");
  sweep_cmd->add_option("--warmup", sweep_run.warmup, "Regenerative: time before an episode's first failure (default 30s)");
  sweep_cmd->add_option("--settle", sweep_run.settle, "Regenerative: time after every host is back (default 30s)");
  sweep_cmd->add_flag("--json", sweep_run.json, "Print the runs and the estimates as one JSON object");
  halab::MergeCommand merge;
  auto* merge_cmd = app.add_subcommand("merge", "Join the JSON of a sweep's shards into the whole sweep's");
  merge_cmd->add_option("files", merge.files, "The shards' `halab sweep --json` output files")->required();
  merge_cmd->add_flag("--json", merge.json, "Print the merged sweep as one JSON object");

  halab::CompareCommand compare;
  auto* compare_cmd =
      app.add_subcommand("compare", "Sweep several scenarios under the same failures and print them side by side, with paired differences");
  compare_cmd->add_option("scenarios", compare.files, "Scenario files (the first is the baseline)")->required();
  compare_cmd->add_option("--runs", compare.runs, "Runs (or episodes) per scenario")->check(CLI::Range(2, 1000000));
  compare_cmd->add_option("--seed", compare.first_seed, "The first seed");
  compare_cmd->add_flag("--regenerative", compare.regenerative, "Regenerative episodes instead of replications");
  compare_cmd->add_option("--warmup", compare.warmup, "Regenerative: time before an episode's first failure (default 30s)");
  compare_cmd->add_option("--settle", compare.settle, "Regenerative: time after every host is back (default 30s)");
  compare_cmd->add_option("--svg", compare.svg, "Also write a chart (nines against servers with the Pareto-optimal ringed, RTO percentiles and distribution) as SVG to this file");
  compare_cmd->add_option("--markdown", compare.markdown, "Also write the table and findings as a Markdown report to this file");
  compare_cmd->add_option("--vary", compare.vary,
                          "POINTER=V1,V2,…: compare one scenario's settings, the value at the JSON pointer set to each (e.g. "
                          "/cluster/heartbeat_interval=0.5s,1s,2s); marks the settings with the best trade-off of false failovers "
                          "against RTO");
  compare_cmd->add_flag("--json", compare.json, "Print one JSON array, a row per scenario");

  halab::PlaceCommand place;
  auto* place_cmd = app.add_subcommand("place", "Compute where resources go (Pacemaker's scheduler) for a JSON or CIB XML cluster state");
  place_cmd->add_option("file", place.file, "Cluster state: the lab's JSON form or a CIB XML file")->required()->check(CLI::ExistingFile);
  place_cmd->add_flag("--scores", place.scores, "Also print the allocation scores (as crm_simulate -s)");
  place_cmd->add_flag("--json", place.json, "Print {placement, actions, scores} as one JSON object");
  place_cmd->add_flag("--expand", place.expand, "Print the configuration (resources, constraints) a topology template expands to");

  halab::BenchCommand bench;
  auto* bench_cmd = app.add_subcommand("bench", "Cost per message: halab vs plain SimGrid (a heartbeat ring, or --scenario: a real scenario's own messages)");
  bench_cmd->add_option("--nodes", bench.nodes, "Ring sizes")->delimiter(',')->check(CLI::Range(2, 100000));
  bench_cmd->add_option("--simulated", bench.simulated_s, "Simulated seconds per run")->check(CLI::Range(1e-3, 1e6));
  bench_cmd->add_option("--repetitions", bench.repetitions, "Runs per variant and size (the median is reported)")->check(CLI::Range(1, 1000));
  bench_cmd->add_option("--scenario", bench.scenario, "Run this scenario, and replay the messages its network accepted on raw SimGrid")
      ->check(CLI::ExistingFile);
  bench_cmd->add_option("--seed", bench.seed, "With --scenario: the seed (default: the scenario's)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}));

  halab::AvailabilityCommand availability;
  auto* availability_cmd = app.add_subcommand(
      "availability", "Steady-state availability of k-out-of-n components or a failover cluster (a Markov chain, exact)");
  availability_cmd->add_option("--topology", availability.topology, "k-of-n (default), active-passive, n+m, n-to-1 or n-to-n")
      ->check(CLI::IsMember({"k-of-n", "active-passive", "n+m", "n-to-1", "n-to-n"}));
  availability_cmd->add_option("--n", availability.n, "k-of-n, n-to-n: nodes; n+m, n-to-1: nodes running a workload")
      ->check(CLI::Range(1, 10000));
  availability_cmd->add_option("--k", availability.k, "k-of-n, n-to-n: nodes needed up")->check(CLI::Range(1, 10000));
  availability_cmd->add_option("--m", availability.m, "n+m: standby nodes")->check(CLI::Range(0, 10000));
  availability_cmd->add_option("--crews", availability.crews, "Repairs at once")->check(CLI::Range(1, 10000));
  availability_cmd->add_option("--mttf", availability.mttf, "A node's mean time to failure, e.g. 8760h or 365d")->required();
  availability_cmd->add_option("--mttr", availability.mttr, "A node's mean time to repair, e.g. 4h")->required();
  availability_cmd->add_option("--detect", availability.detect, "Failover: mean time to detect a failure and decide");
  availability_cmd->add_option("--switchover", availability.switchover, "Failover: mean time to move the workload");
  availability_cmd->add_option("--coverage", availability.coverage, "Failover: share of failures failed over automatically")
      ->check(CLI::Range(0.0, 1.0));
  availability_cmd->add_option("--manual", availability.manual, "Failover: mean time to restore by hand after an uncovered failure");
  availability_cmd->add_option("--failback", availability.failback,
                               "Failover: a repaired node takes its workload back, down meanwhile (n-to-1: the switchover time)");
  availability_cmd->add_option("--restore", availability.restore,
                               "Failover: from the repair that ends a spell with too few nodes up to service (default: detect + "
                               "switchover)");
  availability_cmd->add_option("--writes", availability.writes, "active-passive: writes per second, replicated asynchronously")
      ->check(CLI::Range(0.0, 1e12));
  availability_cmd->add_option("--lag", availability.lag, "active-passive: the replica's mean lag behind the primary, e.g. 50ms");
  availability_cmd->add_flag("--json", availability.json, "Print the figures as one JSON object");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : halab::kExitInput;
  }
  try {
    if (*validate) return engine ? engine->validate(validate_files) : run_in_engine(argv);
    if (*run_cmd) return engine ? engine->run(run) : run_in_engine(argv);
    if (*suite_cmd) {
      if (!sweep.empty()) suite.seeds = halab::parse_seed_range(sweep);
      return engine ? engine->suite(suite) : run_in_engine(argv);
    }
    if (*diff_cmd) return halab::command_diff(diff);
    if (*explore_cmd) return engine ? engine->explore(explore) : run_in_engine(argv);
    if (*import_cmd) return halab::command_import(import);
    if (*check_cmd) {
      if (!check_seeds.empty()) check.seeds = halab::parse_seed_range(check_seeds);
      return engine ? engine->check(check) : run_in_engine(argv);
    }
    if (*place_cmd) return halab::command_place(place);
    if (*sweep_cmd) return engine ? engine->sweep(sweep_run) : run_in_engine(argv);
    if (*merge_cmd) return engine ? engine->merge(merge) : run_in_engine(argv);
    if (*compare_cmd) return engine ? engine->compare(compare) : run_in_engine(argv);
    if (*bench_cmd) return engine ? engine->bench(bench) : run_in_engine(argv);
    if (*availability_cmd) {
      for (const CLI::Option* o : availability_cmd->get_options())
        if (o->count() > 0) availability.given.push_back(o->get_name());
      return halab::command_availability(availability);
    }
  } catch (const std::exception& e) {
    std::cerr << "halab: internal error: " << e.what() << '\n';
    return halab::kExitInternal;
  }
  return halab::kExitInput;
}
