// `halab compare`: several topologies or variants of one architecture under the same
// failures — each scenario swept at the same seeds (replications) or the same episodes
// (regenerative), so a host that two variants share meets the same crashes in both (common
// random numbers: sim/fault/drawn_failures, sim/fault/episode) — side by side: nodes,
// unavailability with its interval, nines, downtime per year, RTO percentiles by phase,
// split brain, lost writes; the variants no other beats on both servers and unavailability
// (Pareto-optimal); then each variant's paired difference from the first.
#include "models/availability/estimate.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compare_chart.hpp"
#include "sim/cli/report.hpp"
#include "sim/cli/sweep_runner.hpp"
#include "sim/metrics/summary.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

namespace halab {
namespace {

// A variant's down-time share per run (replications: down_s over the run) or its strata
// of (down, cycle) per episode (regenerative), in seed order.
struct Variant {
  std::string name;
  std::size_t nodes = 0;
  Json doc;
};

std::size_t server_count(const Scenario& s) {
  std::set<std::string> clients(s.workload.clients.begin(), s.workload.clients.end());
  std::size_t n = 0;
  for (const std::string& h : s.all_hosts()) n += !clients.count(h);
  return n;
}

std::vector<Stratum> strata_of(const Json& doc, const char* figure) {
  const double up_s = 1 / doc["failure_rate_per_s"].get<double>();
  std::map<std::string, std::size_t> index;
  std::vector<Stratum> strata;
  for (const auto& [host, share] : doc["first_failure_shares"].items()) {
    index[host] = strata.size();
    strata.push_back({share.get<double>(), {}, {}});
  }
  for (const Json& r : doc["results"]) {
    Stratum& s = strata[index.at(r["first"].get<std::string>())];
    s.y.push_back(r[figure].is_number() ? r[figure].get<double>() : 0.0);
    s.x.push_back(up_s + r["length_s"].get<double>());
  }
  return strata;
}

// The unavailability by a down-time figure (down_s: as the clients saw it; resources_down_s:
// some CRM workload running nowhere): the ratio estimate of the episodes, or the mean
// down-time share of the runs; none when a run did not measure it.
std::optional<Estimate> unavailability(const Json& doc, double duration_s, const char* figure = "down_s") {
  for (const Json& r : doc["results"])
    if (!r[figure].is_number()) return std::nullopt;
  if (doc["method"] == "regenerative") return stratified_ratio_estimate(strata_of(doc, figure));
  std::vector<double> shares;
  for (const Json& r : doc["results"]) shares.push_back(r[figure].get<double>() / duration_s);
  return estimate(shares);
}

std::string seconds_or_dash(const std::optional<double>& s) { return s ? fmt::format("{:.2f}", *s) : "-"; }

}  // namespace

int command_compare(const CompareCommand& options) {
  SweepPlan plan;
  plan.regenerative = options.regenerative;
  plan.runs = options.runs;
  plan.first_seed = options.first_seed;
  if (!read_episode_times("compare", options.warmup, options.settle, plan)) return kExitInput;
  // Every file checked before anything runs.
  std::vector<Scenario> scenarios;
  std::vector<Json> headers;
  bool bad = false;
  for (const std::string& file : options.files) {
    LoadResult loaded = load_scenario_file(file);
    if (!loaded.scenario) {
      for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
      bad = true;
      continue;
    }
    const auto header = sweep_header(file, *loaded.scenario, plan, std::cerr);
    if (!header) bad = true;
    else headers.push_back(*header), scenarios.push_back(std::move(*loaded.scenario));
  }
  if (bad) return kExitInput;
  std::vector<Variant> variants;
  for (std::size_t v = 0; v < scenarios.size(); ++v) {
    if (isatty(STDERR_FILENO)) std::cerr << options.files[v] << '\n';
    auto doc = run_sweep(scenarios[v], headers[v], isatty(STDERR_FILENO));
    if (!doc) return kExitInternal;
    variants.push_back({std::filesystem::path(options.files[v]).stem().string(), server_count(scenarios[v]), std::move(*doc)});
  }

  Json out = Json::array();
  std::vector<Estimate> u;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const Json& doc = variants[v].doc;
    u.push_back(*unavailability(doc, scenarios[v].duration.to_seconds()));
    const auto workloads = unavailability(doc, scenarios[v].duration.to_seconds(), "resources_down_s");
    std::array<std::vector<double>, kIncidentPhases.size()> phases;
    double split_brain_s = 0, writes_lost = 0;
    bool writes_measured = true;
    for (const Json& r : doc["results"]) {
      for (const Json& i : r["incidents"])
        for (std::size_t p = 0; p < kIncidentPhases.size(); ++p)
          if (i[p].is_number()) phases[p].push_back(i[p].get<double>());
      split_brain_s += r["split_brain_s"].get<double>();
      if (r["writes_lost"].is_number()) writes_lost += r["writes_lost"].get<double>();
      else writes_measured = false;
    }
    Json row{{"file", options.files[v]}, {"scenario", doc["scenario"]}, {"nodes", variants[v].nodes}, {"method", doc["method"]},
             {"runs", doc["results"].size()}, {"unavailability", u.back().mean},
             {"ci95", std::isfinite(u.back().half_width) ? Json(u.back().half_width) : Json(nullptr)},
             {"downtime_per_year_s", u.back().mean * kSecondsPerYear},
             {"workloads_unavailability", workloads ? Json(workloads->mean) : Json(nullptr)},
             {"workloads_ci95", workloads && std::isfinite(workloads->half_width) ? Json(workloads->half_width) : Json(nullptr)}};
    Json rto = Json::object();
    for (std::size_t p = 0; p < kIncidentPhases.size(); ++p) {
      const bool any = !phases[p].empty();
      rto[kIncidentPhases[p]] = {{"incidents", phases[p].size()},
                                 {"p50", any ? Json(nearest_rank_percentile(phases[p], 0.5)) : Json(nullptr)},
                                 {"p99", any ? Json(nearest_rank_percentile(phases[p], 0.99)) : Json(nullptr)}};
    }
    row["rto"] = std::move(rto);
    // Every recovery's time to the first successful request, sorted: the RTO distribution.
    std::vector<double> recoveries = phases[kIncidentPhases.size() - 1];
    std::sort(recoveries.begin(), recoveries.end());
    row["recoveries_s"] = recoveries;
    if (doc["method"] == "regenerative") {
      const Estimate sb = stratified_ratio_estimate(strata_of(doc, "split_brain_s"));
      row["split_brain_s_per_year"] = sb.mean * kSecondsPerYear;
      row["writes_lost_per_year"] = writes_measured ? Json(stratified_ratio_estimate(strata_of(doc, "writes_lost")).mean * kSecondsPerYear) : Json(nullptr);
    } else {
      row["split_brain_s_per_run"] = split_brain_s / static_cast<double>(doc["results"].size());
      row["writes_lost_per_run"] = writes_measured ? Json(writes_lost / static_cast<double>(doc["results"].size())) : Json(nullptr);
    }
    // The paired difference from the first variant: the same seeds, the same failures where
    // the hosts are the same; episodes pair only when the hosts that fail (the strata) match.
    if (v > 0) {
      std::optional<Estimate> d;
      if (doc["method"] == "regenerative") {
        if (doc["first_failure_shares"] == variants[0].doc["first_failure_shares"])
          d = paired_ratio_difference(strata_of(variants[0].doc, "down_s"), strata_of(doc, "down_s"));
      } else {
        std::vector<double> diffs;
        const Json& a = variants[0].doc["results"];
        const Json& b = doc["results"];
        for (std::size_t i = 0; i < b.size(); ++i)
          diffs.push_back(b[i]["down_s"].get<double>() / scenarios[v].duration.to_seconds() -
                          a[i]["down_s"].get<double>() / scenarios[0].duration.to_seconds());
        d = estimate(diffs);
      }
      row["difference"] = d ? Json{{"paired", true}, {"unavailability", d->mean}, {"ci95", d->half_width}}
                            : Json{{"paired", false}, {"unavailability", u.back().mean - u[0].mean},
                                   {"ci95", std::hypot(u.back().half_width, u[0].half_width)}};
    }
    out.push_back(std::move(row));
  }
  // Availability against cost: a variant is Pareto-optimal unless another uses no more
  // servers and is less unavailable, or as unavailable with fewer servers.
  for (Json& row : out) {
    bool dominated = false;
    for (const Json& other : out) {
      const auto n = other["nodes"].get<std::size_t>(), my_n = row["nodes"].get<std::size_t>();
      const double u = other["unavailability"].get<double>(), my_u = row["unavailability"].get<double>();
      dominated = dominated || (n <= my_n && u <= my_u && (n < my_n || u < my_u));
    }
    row["pareto"] = !dominated;
  }
  if (!options.svg.empty()) {
    std::ofstream svg(options.svg);
    svg << compare_chart_svg(out);
    if (!svg) {
      std::cerr << "compare: --svg: cannot write " << options.svg << '\n';
      return kExitInput;
    }
  }
  if (options.json) {
    std::cout << out.dump() << '\n';
    return kExitOk;
  }
  std::size_t width = 8;
  for (const Variant& v : variants) width = std::max(width, v.name.size());
  std::cout << fmt::format("{} under the same failures: {} {} each (seeds {}–{})\n", variants.size() == 1 ? "one variant" : "variants",
                           plan.runs, plan.regenerative ? "regenerative episodes" : "runs", plan.first_seed,
                           plan.first_seed + plan.runs - 1);
  std::cout << fmt::format("  {:<{}} {:>5} {:>22} {:>6} {:>12} {:>17} {:>17} {:>22}\n", "variant", width, "nodes",
                           "unavailability ± 95%", "nines", "down/year", "RTO p50/p99 (s)", "detect p50/p99", "all workloads ± 95%");
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const Json& row = out[v];
    const double un = row["unavailability"].get<double>();
    const auto phase = [&](const char* p) {
      const Json& r = row["rto"][p];
      return fmt::format("{}/{}", seconds_or_dash(r["p50"].is_null() ? std::nullopt : std::optional(r["p50"].get<double>())),
                         seconds_or_dash(r["p99"].is_null() ? std::nullopt : std::optional(r["p99"].get<double>())));
    };
    const auto interval = [](const Json& mean, const Json& ci95) {
      if (mean.is_null()) return std::string("-");
      return fmt::format("{:.3g} ± {}", mean.get<double>(), ci95.is_null() ? "-" : fmt::format("{:.2g}", ci95.get<double>()));
    };
    std::cout << fmt::format("  {:<{}} {:>5} {:>22} {:>6} {:>12} {:>17} {:>17} {:>22}\n", variants[v].name, width, variants[v].nodes,
                             interval(row["unavailability"], row["ci95"]), un > 0 ? fmt::format("{:.2f}", -std::log10(un)) : "inf",
                             readable_duration(un * kSecondsPerYear), phase("first_success_s"), phase("detect_s"),
                             interval(row["workloads_unavailability"], row["workloads_ci95"]));
  }
  std::string optimal;
  for (std::size_t v = 0; v < variants.size(); ++v)
    if (out[v]["pareto"].get<bool>()) optimal += (optimal.empty() ? "" : ", ") + variants[v].name;
  std::cout << "  Pareto-optimal (no other variant is as available with as few servers): " << optimal << '\n';
  for (std::size_t v = 1; v < variants.size(); ++v) {
    const Json& d = out[v]["difference"];
    std::cout << fmt::format("  {} − {}: {:+.3g} ± {:.2g} unavailability ({}){}\n", variants[v].name, variants[0].name,
                             d["unavailability"].get<double>(), d["ci95"].get<double>(),
                             d["paired"].get<bool>() ? "paired: same failures" : "unpaired: the hosts that fail differ",
                             std::abs(d["unavailability"].get<double>()) > d["ci95"].get<double>() ? "" : ", not significant");
  }
  return kExitOk;
}

}  // namespace halab
