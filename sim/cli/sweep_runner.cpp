#include "sim/cli/sweep_runner.hpp"

#include "models/availability/estimate.hpp"
#include "sim/fault/episode.hpp"
#include "sim/run/episode_run.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <thread>
#include <tuple>

namespace halab {
namespace {

Json run_figures(std::uint64_t seed, const Json& summary) {
  Json run{{"seed", seed}};
  for (const char* f : kSweepFigures) {
    const Json& v = summary.at(f);
    run[f] = v.is_array() ? Json(v.size()) : v;  // failovers: their number
  }
  // The RPO: acknowledged writes lost — to a shared storage's resync, a database's failover
  // or a dropped table's restore — and the longest span of them a failover lost; null
  // when nothing in the run writes.
  std::optional<double> lost, window;
  if (summary.at("writes_lost").is_number()) lost = summary.at("writes_lost").get<double>();
  for (const auto& [name, tier] : summary.at("tiers").items()) {
    if (!tier.contains("drop_writes_lost")) continue;  // no database
    lost = lost.value_or(0) + tier["writes_lost"].get<double>() + tier["drop_writes_lost"].get<double>();
    window = std::max(window.value_or(0), tier["lost_window_s"].get<double>());
  }
  run["acked_writes_lost"] = lost ? Json(*lost) : Json(nullptr);
  run["lost_window_s"] = window ? Json(*window) : Json(nullptr);
  // Each recovery's phases, from its fault: [detect, decide, fence, move, first success,
  // false alarm]. A failback, caused by a fault's end, recovers nothing: not kept.
  Json incidents = Json::array();
  for (const Json& i : summary.at("incidents"))
    if (i["cause"].get<std::string>().rfind("end of ", 0) != 0)
      incidents.push_back(Json::array({i["detect_s"], i["decide_s"], i["fence_s"], i["move_s"], i["first_success_s"], i["false"]}));
  run["incidents"] = std::move(incidents);
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
  for (const char* f : kSweepFigures) {
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
  // A CRM's: the share of time some resource of its configuration ran nowhere.
  const auto resources = ratio("resources_down_s");
  estimates["resources_unavailability"] = resources ? interval(*resources) : Json(nullptr);
  for (const char* f : kPerYear) {
    const auto e = ratio(f);
    estimates[std::string(f) + "_per_year"] = e ? interval(*e, kSecondsPerYear) : Json(nullptr);
  }
  std::vector<double> length;
  for (const Json& r : runs) length.push_back(r["length_s"].get<double>());
  estimates["episode_length_s"] = interval(estimate(length));
  return estimates;
}

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

Json sweep_document(Json header, Json runs) {
  std::sort(runs.begin(), runs.end(), [](const Json& a, const Json& b) { return a["seed"] < b["seed"]; });
  Json estimates = header["method"] == "regenerative" ? regenerative_estimates(header, runs) : replication_estimates(runs);
  header["results"] = std::move(runs);
  header["estimates"] = std::move(estimates);
  return header;
}

bool read_episode_times(const char* command, const std::string& warmup, const std::string& settle, SweepPlan& plan) {
  for (auto [option, text, out] : {std::tuple{"--warmup", &warmup, &plan.warmup_s}, {"--settle", &settle, &plan.settle_s}}) {
    const auto d = parse_duration(*text);
    if (!d || !(d->to_seconds() > 0)) {
      std::cerr << command << ": " << option << ": expected a positive duration such as \"30s\", found \"" << *text << "\"\n";
      return false;
    }
    *out = d->to_seconds();
  }
  return true;
}

std::optional<Json> sweep_header(const std::string& file, const Scenario& scenario, const SweepPlan& plan, std::ostream& err) {
  Json header{{"sweep", 1}, {"method", plan.regenerative ? "regenerative" : "replications"}, {"file", file},
              {"scenario", scenario.name}, {"first_seed", plan.first_seed}, {"runs", plan.runs}};
  if (plan.regenerative) {
    if (const auto why = episodes_unsupported(scenario)) {
      err << file << ": " << *why << '\n';
      return std::nullopt;
    }
    const std::vector<FirstFailure> strata = first_failures(scenario);
    if (plan.runs < 2 * strata.size()) {
      err << "--runs: the regenerative method needs two episodes per host that fails (at least " << 2 * strata.size()
          << " here), found " << plan.runs << "\n";
      return std::nullopt;
    }
    header["failure_rate_per_s"] = total_failure_rate(scenario);
    Json shares = Json::object();
    for (const FirstFailure& f : strata) shares[f.host] = f.share;
    header["first_failure_shares"] = std::move(shares);
    header["warmup_s"] = plan.warmup_s;
    header["settle_s"] = plan.settle_s;
  }
  header["shard"] = plan.shard;
  header["shards"] = plan.shards;
  return header;
}

std::optional<Json> run_sweep(const Scenario& scenario, const Json& header, bool progress) {
  Method method;
  method.regenerative = header["method"] == "regenerative";
  method.first_seed = header["first_seed"].get<std::uint64_t>();
  method.runs = header["runs"].get<std::uint64_t>();
  if (method.regenerative) {
    method.warmup_s = header["warmup_s"].get<double>();
    method.settle_s = header["settle_s"].get<double>();
    method.strata = first_failures(scenario);
  }
  const auto shard = header["shard"].get<std::uint64_t>(), shards = header["shards"].get<std::uint64_t>();
  std::vector<std::uint64_t> seeds;
  for (std::uint64_t k = shard - 1; k < method.runs; k += shards) seeds.push_back(method.first_seed + k);
  std::vector<ChildWork> works;
  for (std::uint64_t seed : seeds) works.push_back([&scenario, seed, &method] { return one_run(scenario, seed, method); });
  const auto start = std::chrono::steady_clock::now();
  Json runs = Json::array();
  bool failed = false;
  run_in_children(works, std::max(1u, std::thread::hardware_concurrency()), [&](std::size_t i, const ChildResult& r) {
    if (r.exit_code != 0) {
      std::cerr << scenario.file << ": the run at seed " << seeds[i] << " failed (exit " << r.exit_code << ")\n";
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
                             u.is_null() || u["ci95"].is_null() ? "-"
                                                                : fmt::format("{:.6g} ± {:.2g}", u["mean"].get<double>(), u["ci95"].get<double>()))
              << std::flush;
  });
  if (progress) std::cerr << '\n';
  if (failed) return std::nullopt;
  return sweep_document(header, std::move(runs));
}

}  // namespace halab
