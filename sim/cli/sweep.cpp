// `halab sweep` and `halab merge`: independent replications of one scenario — each run at
// its own seed, in a worker process of its own (one SimGrid engine per process), on every
// core — summarised as means with 95 % confidence intervals (models/availability/estimate).
// `--shard i/K` runs every K-th seed, from the i-th, so a batch scheduler spreads a sweep
// over machines; `halab merge` joins the shards' JSON into exactly what one machine's
// sweep prints (the same runs, sorted by seed; the estimates computed again from them).
#include "models/availability/estimate.hpp"
#include "sim/cli/commands.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

namespace halab {
namespace {

using Json = nlohmann::ordered_json;
constexpr double kYear = 365.25 * 86400;

// The figures kept of each run: the summary's, by the same names (docs/scenario-reference.md).
constexpr std::array<const char*, 9> kFigures{"availability", "time_availability", "down_s",        "outages",
                                              "failovers",    "max_outage_s",      "split_brain_s", "requests_failed",
                                              "writes_lost"};

Json run_figures(std::uint64_t seed, const Json& summary) {
  Json run{{"seed", seed}};
  for (const char* f : kFigures) {
    const Json& v = summary.at(f);
    run[f] = v.is_array() ? Json(v.size()) : v;  // failovers: their number
  }
  return run;
}

// The sweep document for these runs (sorted by seed), shard i of K.
Json sweep_document(const std::string& file, const std::string& scenario, std::uint64_t first, std::uint64_t runs, Json run_list,
                    std::uint64_t shard, std::uint64_t shards) {
  std::sort(run_list.begin(), run_list.end(), [](const Json& a, const Json& b) { return a["seed"] < b["seed"]; });
  Json estimates = Json::object();
  for (const char* f : kFigures) {
    std::vector<double> xs;
    for (const Json& r : run_list)
      if (r[f].is_number()) xs.push_back(r[f].get<double>());
    const Estimate e = estimate(xs);
    estimates[f] = {{"n", e.n},
                    {"mean", e.n ? Json(e.mean) : Json(nullptr)},
                    {"sd", e.n > 1 ? Json(e.sd) : Json(nullptr)},
                    {"ci95", e.n > 1 ? Json(e.half_width) : Json(nullptr)}};
  }
  return {{"sweep", 1},         {"file", file},   {"scenario", scenario}, {"first_seed", first}, {"runs", runs},
          {"shard", shard},     {"shards", shards}, {"results", std::move(run_list)}, {"estimates", std::move(estimates)}};
}

std::string readable(double s) {
  if (s >= 2 * 86400) return fmt::format("{:.1f} days", s / 86400);
  if (s >= 2 * 3600) return fmt::format("{:.1f} h", s / 3600);
  if (s >= 120) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.1f} s", s);
}

void print_report(const Json& doc, double duration_s) {
  const auto& results = doc["results"];
  std::cout << fmt::format("{}: {} run{} (seeds {}–{}{})\n", doc["scenario"].get<std::string>(), results.size(),
                           results.size() == 1 ? "" : "s", doc["first_seed"].get<std::uint64_t>(),
                           doc["first_seed"].get<std::uint64_t>() + doc["runs"].get<std::uint64_t>() - 1,
                           doc["shards"] > 1 ? fmt::format(", shard {}/{}", doc["shard"].get<int>(), doc["shards"].get<int>()) : "");
  std::cout << fmt::format("  {:<20} {:>14} {:>14} {:>6}\n", "figure", "mean", "95% CI ±", "runs");
  for (const auto& [name, e] : doc["estimates"].items()) {
    if (e["n"] == 0) {
      std::cout << fmt::format("  {:<20} {:>14} {:>14} {:>6}\n", name, "-", "-", 0);
      continue;
    }
    std::cout << fmt::format("  {:<20} {:>14.6g} {:>14} {:>6}\n", name, e["mean"].get<double>(),
                             e["ci95"].is_null() ? "-" : fmt::format("{:.3g}", e["ci95"].get<double>()), e["n"].get<int>());
  }
  const Json& ta = doc["estimates"]["time_availability"];
  if (ta["n"] > 1 && duration_s > 0) {
    const double u = 1 - ta["mean"].get<double>(), h = ta["ci95"].get<double>();
    std::cout << fmt::format("  unavailability {:.4g} ± {:.2g}: {:.2f} nines, down {} per year (from {} to {})\n", u, h,
                             u > 0 ? -std::log10(u) : INFINITY, readable(u * kYear), readable(std::max(0.0, u - h) * kYear),
                             readable((u + h) * kYear));
  }
}

// "i/K" with 1 ≤ i ≤ K.
bool parse_shard(const std::string& text, std::uint64_t& i, std::uint64_t& k) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    std::size_t used = 0;
    i = std::stoull(text.substr(0, slash), &used);
    if (used != slash) return false;
    k = std::stoull(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) return false;
  } catch (const std::exception&) {
    return false;
  }
  return k >= 1 && i >= 1 && i <= k && k <= 100000;
}

}  // namespace

int command_sweep(const SweepCommand& options) {
  std::uint64_t shard = 1, shards = 1;
  if (!parse_shard(options.shard, shard, shards)) {
    std::cerr << "sweep: --shard: expected i/K with 1 ≤ i ≤ K, found \"" << options.shard << "\"\n";
    return kExitInput;
  }
  LoadResult loaded = load_scenario_file(options.file);
  if (!loaded.scenario) {
    for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
    return kExitInput;
  }
  const Scenario& scenario = *loaded.scenario;
  std::vector<std::uint64_t> seeds;
  for (std::uint64_t k = shard - 1; k < options.runs; k += shards) seeds.push_back(options.first_seed + k);
  std::vector<ChildWork> works;
  for (std::uint64_t seed : seeds)
    works.push_back([&scenario, seed] { return simulate_and_summarize(scenario, seed).to_json().dump(); });
  const bool progress = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  std::vector<double> so_far;
  Json run_list = Json::array();
  bool failed = false;
  run_in_children(works, std::max(1u, std::thread::hardware_concurrency()), [&](std::size_t i, const ChildResult& r) {
    if (r.exit_code != 0) {
      std::cerr << "sweep: the run at seed " << seeds[i] << " failed (exit " << r.exit_code << ")\n";
      failed = true;
      return;
    }
    Json run = run_figures(seeds[i], Json::parse(r.output));
    if (run["time_availability"].is_number()) so_far.push_back(run["time_availability"].get<double>());
    run_list.push_back(std::move(run));
    if (!progress) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double eta = elapsed / static_cast<double>(i + 1) * static_cast<double>(seeds.size() - i - 1);
    const Estimate e = estimate(so_far);
    std::cerr << fmt::format("\r  runs {}/{}, ETA {:.0f} s, time_availability {:.6f} ± {:.2g}   ", i + 1, seeds.size(), eta, e.mean,
                             e.n > 1 ? e.half_width : INFINITY)
              << std::flush;
  });
  if (progress) std::cerr << '\n';
  if (failed) return kExitInternal;
  const Json doc = sweep_document(options.file, scenario.name, options.first_seed, options.runs, std::move(run_list), shard, shards);
  if (options.json) std::cout << doc.dump() << '\n';
  else print_report(doc, scenario.duration.to_seconds());
  return kExitOk;
}

int command_merge(const MergeCommand& options) {
  std::optional<Json> first;
  std::set<std::uint64_t> shards_seen, seeds_seen;
  Json run_list = Json::array();
  for (const std::string& file : options.files) {
    std::ifstream in(file);
    Json doc;
    try {
      if (!in) throw std::runtime_error("cannot be read");
      doc = Json::parse(in);
      if (!doc.is_object() || doc.value("sweep", 0) != 1 || !doc["results"].is_array() || !doc["shard"].is_number_unsigned() ||
          !doc["shards"].is_number_unsigned() || !doc["runs"].is_number_unsigned() || !doc["first_seed"].is_number_unsigned() ||
          !doc["scenario"].is_string() || !doc["file"].is_string())
        throw std::runtime_error("not the JSON of `halab sweep --json`");
    } catch (const std::exception& e) {
      std::cerr << file << ": " << e.what() << '\n';
      return kExitInput;
    }
    if (!first) first = doc;
    for (const char* key : {"scenario", "first_seed", "runs", "shards"})
      if (doc[key] != (*first)[key]) {
        std::cerr << file << ": /" << key << ": " << doc[key].dump() << ", where " << options.files.front() << " has "
                  << (*first)[key].dump() << " (shards of one sweep only)\n";
        return kExitInput;
      }
    if (!shards_seen.insert(doc["shard"].get<std::uint64_t>()).second) {
      std::cerr << file << ": /shard: shard " << doc["shard"] << " is given twice\n";
      return kExitInput;
    }
    for (const Json& r : doc["results"]) {
      if (!r.contains("seed") || !r["seed"].is_number_unsigned() || !seeds_seen.insert(r["seed"].get<std::uint64_t>()).second) {
        std::cerr << file << ": /results: a run without a seed, or a seed given twice\n";
        return kExitInput;
      }
      run_list.push_back(r);
    }
  }
  const auto shards = (*first)["shards"].get<std::uint64_t>();
  if (shards_seen.size() != shards) {
    std::cerr << "merge: " << shards_seen.size() << " of " << shards << " shards given; missing:";
    for (std::uint64_t i = 1; i <= shards; ++i)
      if (!shards_seen.count(i)) std::cerr << ' ' << i << '/' << shards;
    std::cerr << '\n';
    return kExitInput;
  }
  const Json doc = sweep_document((*first)["file"], (*first)["scenario"], (*first)["first_seed"], (*first)["runs"],
                                  std::move(run_list), 1, 1);
  if (options.json) std::cout << doc.dump() << '\n';
  else print_report(doc, 0);
  return kExitOk;
}

}  // namespace halab
