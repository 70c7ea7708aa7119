// One scenario's sweep — replications at successive seeds or regenerative failure episodes
// (docs/availability.md) — run in worker processes, one per run, on every core, and the
// sweep document made of them: a header (what was run), the runs sorted by seed, and the
// estimates the method makes. Shared by `halab sweep`, `merge` and `compare`.
#pragma once

#include "sim/cli/report.hpp"
#include "sim/scenario/scenario.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace halab {

using Json = nlohmann::ordered_json;

// The figures kept of each run: the summary's, by the same names (docs/scenario-reference.md),
// and its incidents' phases (kIncidentPhases).
inline constexpr std::array<const char*, 13> kSweepFigures{"availability",     "time_availability", "down_s",
                                                           "outages",          "failovers",         "max_outage_s",
                                                           "split_brain_s",    "requests_failed",   "writes_lost",
                                                           "resources_down_s", "planned_outages",   "planned_down_s",
                                                           "false_failovers"};
// A run's recoveries (incidents caused by a fault, not by its end) keep their RTO phases,
// in this order (null: the phase did not happen), and then whether the failover was a
// false alarm (Summary: false_failovers).
inline constexpr std::array<const char*, 5> kIncidentPhases{"detect_s", "decide_s", "fence_s", "move_s", "first_success_s"};
// Of those, what a regenerative episode adds up (per year, by the renewal-reward ratio).
inline constexpr std::array<const char*, 6> kPerYear{"outages", "failovers", "false_failovers", "split_brain_s", "requests_failed", "writes_lost"};

struct SweepPlan {
  bool regenerative = false;
  double warmup_s = 30, settle_s = 30;  // regenerative: before the first failure, after every host is back
  std::uint64_t first_seed = 1, runs = 10;
  std::uint64_t shard = 1, shards = 1;  // this process runs every shards-th seed from the shard-th
};

// Reads --warmup and --settle (positive durations) into `plan`; false after a message to
// stderr, as "COMMAND: OPTION: …".
bool read_episode_times(const char* command, const std::string& warmup, const std::string& settle, SweepPlan& plan);

// The header of `scenario`'s sweep under `plan`, or nullopt after a message to `err` (a
// scenario the method cannot run, too few episodes).
std::optional<Json> sweep_header(const std::string& file, const Scenario& scenario, const SweepPlan& plan, std::ostream& err);

// Runs the header's seeds of this shard, each in a child; with `progress`, a line on stderr
// after each (runs done, ETA, the running estimate). Nullopt after a message if a run failed.
std::optional<Json> run_sweep(const Scenario& scenario, const Json& header, bool progress);

// The document: the header, the runs sorted by seed, the estimates of the header's method.
Json sweep_document(Json header, Json runs);

}  // namespace halab
