// `halab sweep` and `halab merge`: independent replications of one scenario — each run at
// its own seed, in a worker process of its own (one SimGrid engine per process), on every
// core — summarised as means with 95 % confidence intervals (models/availability/estimate).
// `--shard i/K` runs every K-th seed, from the i-th, so a batch scheduler spreads a sweep
// over machines; `halab merge` joins the shards' JSON into exactly what one machine's
// sweep prints (the same runs, sorted by seed; the estimates computed again from them).
#include "sim/cli/commands.hpp"
#include "sim/cli/report.hpp"
#include "sim/cli/sweep_runner.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <set>

namespace halab {
namespace {

void print_unavailability(const char* what, double u, double h) {
  std::cout << fmt::format("  {} {:.4g} ± {:.2g}: {:.2f} nines, down {} per year (from {} to {})\n", what, u, h,
                           u > 0 ? -std::log10(u) : INFINITY, readable_duration(u * kSecondsPerYear), readable_duration(std::max(0.0, u - h) * kSecondsPerYear),
                           readable_duration((u + h) * kSecondsPerYear));
}

void print_report(const Json& doc) {
  const auto& results = doc["results"];
  const bool regenerative = doc["method"] == "regenerative";
  std::cout << fmt::format("{}: {} {}{} (seeds {}–{}{})\n", doc["scenario"].get<std::string>(), results.size(),
                           regenerative ? "episode" : "run", results.size() == 1 ? "" : "s", doc["first_seed"].get<std::uint64_t>(),
                           doc["first_seed"].get<std::uint64_t>() + doc["runs"].get<std::uint64_t>() - 1,
                           doc["shards"] > 1 ? fmt::format(", shard {}/{}", doc["shard"].get<int>(), doc["shards"].get<int>()) : "");
  const Json& est = doc["estimates"];
  if (regenerative) {
    std::cout << fmt::format("  regenerative: some host fails every {} while all are up; an episode lasts {} on average\n",
                             readable_duration(1 / doc["failure_rate_per_s"].get<double>()),
                             est.contains("episode_length_s") ? readable_duration(est["episode_length_s"]["mean"].get<double>()) : "-");
    if (results.size() < 2) return;
    print_unavailability("unavailability", est["unavailability"]["mean"].get<double>(), est["unavailability"]["ci95"].get<double>());
    if (const Json& r = est["resources_unavailability"]; !r.is_null())
      print_unavailability("some resource down", r["mean"].get<double>(), r["ci95"].get<double>());
    for (const char* f : kPerYear) {
      const Json& e = est[std::string(f) + "_per_year"];
      if (e.is_null()) continue;
      std::cout << fmt::format("  {:<20} {:>12.4g} ± {:.2g} per year\n", f, e["mean"].get<double>(), e["ci95"].get<double>());
    }
    return;
  }
  std::cout << fmt::format("  {:<20} {:>14} {:>14} {:>6}\n", "figure", "mean", "95% CI ±", "runs");
  for (const auto& [name, e] : est.items()) {
    if (e["n"] == 0) {
      std::cout << fmt::format("  {:<20} {:>14} {:>14} {:>6}\n", name, "-", "-", 0);
      continue;
    }
    std::cout << fmt::format("  {:<20} {:>14.6g} {:>14} {:>6}\n", name, e["mean"].get<double>(),
                             e["ci95"].is_null() ? "-" : fmt::format("{:.3g}", e["ci95"].get<double>()), e["n"].get<int>());
  }
  const Json& ta = est["time_availability"];
  if (ta["n"] > 1) print_unavailability("unavailability", 1 - ta["mean"].get<double>(), ta["ci95"].get<double>());
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
  SweepPlan plan;
  if (!parse_shard(options.shard, plan.shard, plan.shards)) {
    std::cerr << "sweep: --shard: expected i/K with 1 ≤ i ≤ K, found \"" << options.shard << "\"\n";
    return kExitInput;
  }
  plan.regenerative = options.regenerative;
  plan.first_seed = options.first_seed;
  plan.runs = options.runs;
  if (!read_episode_times("sweep", options.warmup, options.settle, plan)) return kExitInput;
  LoadResult loaded = load_scenario_file(options.file);
  if (!loaded.scenario) {
    for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
    return kExitInput;
  }
  const auto header = sweep_header(options.file, *loaded.scenario, plan, std::cerr);
  if (!header) return kExitInput;
  const auto doc = run_sweep(*loaded.scenario, *header, isatty(STDERR_FILENO));
  if (!doc) return kExitInternal;
  if (options.json) std::cout << doc->dump() << '\n';
  else print_report(*doc);
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
          !doc["scenario"].is_string() || !doc["file"].is_string() || !doc["method"].is_string() ||
          (doc["method"] == "regenerative" && !doc["failure_rate_per_s"].is_number()))
        throw std::runtime_error("not the JSON of `halab sweep --json`");
    } catch (const std::exception& e) {
      std::cerr << file << ": " << e.what() << '\n';
      return kExitInput;
    }
    if (!first) first = doc;
    for (const auto& [key, value] : doc.items())
      if (key != "shard" && key != "results" && key != "estimates" && key != "file" && value != (*first)[key]) {
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
  Json header = *first;
  header.erase("results");
  header.erase("estimates");
  header["shard"] = 1;
  header["shards"] = 1;
  const Json doc = sweep_document(std::move(header), std::move(run_list));
  if (options.json) std::cout << doc.dump() << '\n';
  else print_report(doc);
  return kExitOk;
}

}  // namespace halab