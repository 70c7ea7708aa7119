// `halab sweep` and `halab merge`: independent replications of one scenario — each run at
// its own seed, in a worker process of its own (one SimGrid engine per process), on every
// core — summarised as means with 95 % confidence intervals (models/availability/estimate).
// `--shard i/K` runs every K-th seed, from the i-th, so a batch scheduler spreads a sweep
// over machines; `halab merge` joins the shards' JSON into exactly what one machine's
// sweep prints (the same runs, sorted by seed; the estimates computed again from them).
#include "models/availability/estimate.hpp"
#include "sim/cli/commands.hpp"
#include "sim/fault/episode.hpp"
#include "sim/run/episode_run.hpp"
#include "sim/scenario/units.hpp"
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
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

namespace halab {
namespace {

using Json = nlohmann::ordered_json;
constexpr double kYear = 365.25 * 86400;

// The figures kept of each run: the summary's, by the same names (docs/scenario-reference.md).
constexpr std::array<const char*, 9> kFigures{"availability", "time_availability", "down_s",        "outages",
                                              "failovers",    "max_outage_s",      "split_brain_s", "requests_failed",
                                              "writes_lost"};
// Of those, what a regenerative episode adds up (per year, by the renewal-reward ratio).
constexpr std::array<const char*, 5> kPerYear{"outages", "failovers", "split_brain_s", "requests_failed", "writes_lost"};

Json run_figures(std::uint64_t seed, const Json& summary) {
  Json run{{"seed", seed}};
  for (const char* f : kFigures) {
    const Json& v = summary.at(f);
    run[f] = v.is_array() ? Json(v.size()) : v;  // failovers: their number
  }
  return run;
}

Json interval(const Estimate& e, double scale = 1) {
  return {{"n", e.n},
          {"mean", e.n ? Json(e.mean * scale) : Json(nullptr)},
          {"ci95", e.n > 1 ? Json(e.half_width * scale) : Json(nullptr)}};
}

// Replications: each figure's mean over the runs, with its Student interval.
Json replication_estimates(const Json& runs) {
  Json estimates = Json::object();
  for (const char* f : kFigures) {
    std::vector<double> xs;
    for (const Json& r : runs)
      if (r[f].is_number()) xs.push_back(r[f].get<double>());
    estimates[f] = interval(estimate(xs));
  }
  return estimates;
}

// Regenerative episodes: each cycle an up time of mean 1/Λ and the episode, stratified by
// the host that failed first (weighed by its share of first failures); the unavailability
// and the yearly figures are ratios of the cycles' sums. Every host must have started two
// episodes (command_sweep asks for enough).
Json regenerative_estimates(const Json& header, const Json& runs) {
  const double up_s = 1 / header["failure_rate_per_s"].get<double>();
  const Json& shares = header["first_failure_shares"];
  std::map<std::string, std::size_t> stratum_of_host;
  std::vector<Stratum> strata;
  for (const auto& [host, share] : shares.items()) {
    stratum_of_host[host] = strata.size();
    strata.push_back({share.get<double>(), {}, {}});
  }
  Json estimates = Json::object();
  const auto ratio = [&](const char* figure) -> std::optional<Estimate> {
    for (Stratum& s : strata) s.y.clear(), s.x.clear();
    for (const Json& r : runs) {
      if (!r[figure].is_number()) return std::nullopt;  // not measured in some run: not guessed
      Stratum& s = strata.at(stratum_of_host.at(r["first"].get<std::string>()));
      s.y.push_back(r[figure].get<double>());
      s.x.push_back(up_s + r["length_s"].get<double>());
    }
    return stratified_ratio_estimate(strata);
  };
  std::map<std::string, std::size_t> started;
  for (const Json& r : runs) ++started[r["first"].get<std::string>()];
  for (const auto& [host, share] : shares.items())
    if (started[host] < 2) return estimates;  // a shard: its runs alone, no estimate
  estimates["unavailability"] = interval(*ratio("down_s"));
  for (const char* f : kPerYear) {
    const auto e = ratio(f);
    estimates[std::string(f) + "_per_year"] = e ? interval(*e, kYear) : Json(nullptr);
  }
  std::vector<double> length;
  for (const Json& r : runs) length.push_back(r["length_s"].get<double>());
  estimates["episode_length_s"] = interval(estimate(length));
  return estimates;
}

// The sweep document: its header, the runs sorted by seed, the estimates its method makes.
Json sweep_document(Json header, Json runs) {
  std::sort(runs.begin(), runs.end(), [](const Json& a, const Json& b) { return a["seed"] < b["seed"]; });
  Json estimates = header["method"] == "regenerative" ? regenerative_estimates(header, runs) : replication_estimates(runs);
  header["results"] = std::move(runs);
  header["estimates"] = std::move(estimates);
  return header;
}

std::string readable(double s) {
  if (s >= 2 * 86400) return fmt::format("{:.1f} days", s / 86400);
  if (s >= 2 * 3600) return fmt::format("{:.1f} h", s / 3600);
  if (s >= 120) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.1f} s", s);
}

void print_unavailability(double u, double h) {
  std::cout << fmt::format("  unavailability {:.4g} ± {:.2g}: {:.2f} nines, down {} per year (from {} to {})\n", u, h,
                           u > 0 ? -std::log10(u) : INFINITY, readable(u * kYear), readable(std::max(0.0, u - h) * kYear),
                           readable((u + h) * kYear));
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
                             readable(1 / doc["failure_rate_per_s"].get<double>()),
                             est.contains("episode_length_s") ? readable(est["episode_length_s"]["mean"].get<double>()) : "-");
    if (results.size() < 2) return;
    print_unavailability(est["unavailability"]["mean"].get<double>(), est["unavailability"]["ci95"].get<double>());
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
  if (ta["n"] > 1) print_unavailability(1 - ta["mean"].get<double>(), ta["ci95"].get<double>());
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

// One replication, or one episode: the run's figures (and the episode's) as JSON.
struct Method {
  bool regenerative = false;
  double warmup_s = 0, settle_s = 0;
  std::uint64_t first_seed = 1, runs = 0;
  std::vector<FirstFailure> strata;
};

std::string one_run(const Scenario& scenario, std::uint64_t seed, const Method& method) {
  if (!method.regenerative) return run_figures(seed, simulate_and_summarize(scenario, seed).to_json()).dump();
  const std::size_t first = stratum_of(seed - method.first_seed, method.runs, method.strata);
  const EpisodeRun episode = simulate_episode(scenario, seed, first, method.warmup_s, method.settle_s);
  const Episode& e = episode.episode;
  Json run = run_figures(seed, episode.summary.to_json());
  run["first"] = e.first_host;
  run["crashes"] = e.crashes;
  run["length_s"] = e.regenerated_s - e.start_s;
  return run.dump();
}

}  // namespace

int command_sweep(const SweepCommand& options) {
  std::uint64_t shard = 1, shards = 1;
  if (!parse_shard(options.shard, shard, shards)) {
    std::cerr << "sweep: --shard: expected i/K with 1 ≤ i ≤ K, found \"" << options.shard << "\"\n";
    return kExitInput;
  }
  Method method;
  method.regenerative = options.regenerative;
  for (auto [option, text, out] : {std::tuple{"--warmup", &options.warmup, &method.warmup_s}, {"--settle", &options.settle, &method.settle_s}}) {
    const auto d = parse_duration(*text);
    if (!d || !(d->to_seconds() > 0)) {
      std::cerr << "sweep: " << option << ": expected a positive duration such as \"30s\", found \"" << *text << "\"\n";
      return kExitInput;
    }
    *out = d->to_seconds();
  }
  LoadResult loaded = load_scenario_file(options.file);
  if (!loaded.scenario) {
    for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
    return kExitInput;
  }
  const Scenario& scenario = *loaded.scenario;
  Json header{{"sweep", 1}, {"method", method.regenerative ? "regenerative" : "replications"}, {"file", options.file},
              {"scenario", scenario.name}, {"first_seed", options.first_seed}, {"runs", options.runs}};
  if (method.regenerative) {
    if (const auto why = episodes_unsupported(scenario)) {
      std::cerr << options.file << ": " << *why << '\n';
      return kExitInput;
    }
    header["failure_rate_per_s"] = total_failure_rate(scenario);
    method.strata = first_failures(scenario);
    method.first_seed = options.first_seed;
    method.runs = options.runs;
    if (options.runs < 2 * method.strata.size()) {
      std::cerr << "sweep: --runs: the regenerative method needs two episodes per host that fails (at least "
                << 2 * method.strata.size() << " here), found " << options.runs << "\n";
      return kExitInput;
    }
    Json shares = Json::object();
    for (const FirstFailure& f : method.strata) shares[f.host] = f.share;
    header["first_failure_shares"] = std::move(shares);
    header["warmup_s"] = method.warmup_s;
    header["settle_s"] = method.settle_s;
  }
  header["shard"] = shard;
  header["shards"] = shards;
  std::vector<std::uint64_t> seeds;
  for (std::uint64_t k = shard - 1; k < options.runs; k += shards) seeds.push_back(options.first_seed + k);
  std::vector<ChildWork> works;
  for (std::uint64_t seed : seeds) works.push_back([&scenario, seed, &method] { return one_run(scenario, seed, method); });
  const bool progress = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  Json runs = Json::array();
  bool failed = false;
  run_in_children(works, std::max(1u, std::thread::hardware_concurrency()), [&](std::size_t i, const ChildResult& r) {
    if (r.exit_code != 0) {
      std::cerr << "sweep: the run at seed " << seeds[i] << " failed (exit " << r.exit_code << ")\n";
      failed = true;
      return;
    }
    runs.push_back(Json::parse(r.output));
    if (!progress) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double eta = elapsed / static_cast<double>(i + 1) * static_cast<double>(seeds.size() - i - 1);
    const Json est = sweep_document(header, runs)["estimates"];
    const Json& u = method.regenerative ? est["unavailability"] : est["time_availability"];
    std::cerr << fmt::format("\r  {} {}/{}, ETA {:.0f} s, {} {}   ", method.regenerative ? "episodes" : "runs", i + 1, seeds.size(), eta,
                             method.regenerative ? "unavailability" : "time_availability",
                             u["ci95"].is_null() ? "-" : fmt::format("{:.6g} ± {:.2g}", u["mean"].get<double>(), u["ci95"].get<double>()))
              << std::flush;
  });
  if (progress) std::cerr << '\n';
  if (failed) return kExitInternal;
  const Json doc = sweep_document(std::move(header), std::move(runs));
  if (options.json) std::cout << doc.dump() << '\n';
  else print_report(doc);
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
