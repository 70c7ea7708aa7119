// `halab compare`: several topologies or variants of one architecture under the same
// failures — each scenario swept at the same seeds (replications) or the same episodes
// (regenerative), so a host that two variants share meets the same crashes in both (common
// random numbers: sim/fault/drawn_failures, sim/fault/episode) — side by side: nodes,
// unavailability with its interval, nines, downtime per year, RTO percentiles by phase,
// split brain, lost writes, false failovers; the variants no other beats on both servers and
// unavailability (Pareto-optimal); then each variant's paired difference from the first.
// With --vary, the variants are one scenario's settings (a heartbeat timeout, say), and
// those no other beats on both false failovers and RTO are marked too: the trade-off.
#include "models/availability/estimate.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compare_chart.hpp"
#include "sim/cli/compare_report.hpp"
#include "sim/cli/report.hpp"
#include "sim/cli/sweep_runner.hpp"
#include "sim/metrics/latency_sample.hpp"
#include "sim/metrics/summary.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
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

// Per year: the ratio estimate of the episodes, or the runs' mean count over their duration.
Estimate per_year(const Json& doc, double duration_s, const char* figure) {
  Estimate e;
  if (doc["method"] == "regenerative") {
    e = stratified_ratio_estimate(strata_of(doc, figure));
  } else {
    std::vector<double> rates;
    for (const Json& r : doc["results"]) rates.push_back(r[figure].get<double>() / duration_s);
    e = estimate(rates);
  }
  e.mean *= kSecondsPerYear, e.half_width *= kSecondsPerYear;
  return e;
}

// A row is dominated when another is no worse on both figures and better on one.
void mark_pareto(Json& rows, const char* flag, const std::function<std::pair<double, double>(const Json&)>& figures) {
  for (Json& row : rows) {
    const auto [a, b] = figures(row);
    bool dominated = false;
    for (const Json& other : rows) {
      const auto [oa, ob] = figures(other);
      dominated = dominated || (oa <= a && ob <= b && (oa < a || ob < b));
    }
    row[flag] = !dominated;
  }
}

// "POINTER=V1,V2,…" into the pointer and its values (each JSON if it parses, else a string:
// 2 is a number, 2s a duration), or an error.
std::optional<std::pair<std::string, std::vector<Json>>> parse_vary(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || text[0] != '/') return std::nullopt;
  std::vector<Json> values;
  std::size_t from = eq + 1;
  while (from <= text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    const std::string v = text.substr(from, comma - from);
    if (v.empty()) return std::nullopt;
    values.push_back(Json::accept(v) ? Json::parse(v) : Json(v));
    from = comma + 1;
  }
  if (values.size() < 2) return std::nullopt;
  return std::pair{text.substr(0, eq), std::move(values)};
}

}  // namespace

int command_compare(const CompareCommand& options) {
  SweepPlan plan;
  plan.regenerative = options.regenerative;
  plan.runs = options.runs;
  plan.first_seed = options.first_seed;
  if (!read_episode_times("compare", options.warmup, options.settle, plan)) return kExitInput;
  // The variants: the files, or one file's settings. Every one checked before anything runs.
  std::vector<std::string> names, labels;
  std::vector<LoadResult> loads;
  std::string varied;
  if (!options.vary.empty()) {
    const auto vary = parse_vary(options.vary);
    if (!vary) {
      std::cerr << "compare: --vary: expected POINTER=V1,V2,… with a JSON pointer and at least two values, found \"" << options.vary << "\"\n";
      return kExitInput;
    }
    if (options.files.size() != 1) {
      std::cerr << "compare: --vary varies one scenario, found " << options.files.size() << " files\n";
      return kExitInput;
    }
    varied = vary->first;
    const std::string key = varied.substr(varied.find_last_of('/') + 1);
    for (const Json& v : vary->second) {
      const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
      names.push_back(key + "=" + text);
      labels.push_back(options.files[0] + " with " + varied + "=" + text);
      loads.push_back(load_scenario_file_with(options.files[0], varied, v));
    }
  } else {
    for (const std::string& file : options.files) {
      names.push_back(std::filesystem::path(file).stem().string());
      labels.push_back(file);
      loads.push_back(load_scenario_file(file));
    }
  }
  std::vector<Scenario> scenarios;
  std::vector<Json> headers;
  bool bad = false;
  for (std::size_t v = 0; v < loads.size(); ++v) {
    LoadResult& loaded = loads[v];
    const std::string& file = options.files[options.vary.empty() ? v : 0];
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
    if (isatty(STDERR_FILENO)) std::cerr << labels[v] << '\n';
    auto doc = run_sweep(scenarios[v], headers[v], isatty(STDERR_FILENO));
    if (!doc) return kExitInternal;
    variants.push_back({names[v], server_count(scenarios[v]), std::move(*doc)});
  }

  Json out = Json::array();
  std::vector<Estimate> u;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const Json& doc = variants[v].doc;
    u.push_back(*unavailability(doc, scenarios[v].duration.to_seconds()));
    const auto workloads = unavailability(doc, scenarios[v].duration.to_seconds(), "resources_down_s");
    std::array<std::vector<double>, kIncidentPhases.size()> phases;
    for (const Json& r : doc["results"]) {
      for (const Json& i : r["incidents"]) {
        if (i.size() > kIncidentPhases.size() && i[kIncidentPhases.size()] == true) continue;  // a false alarm: no recovery
        for (std::size_t p = 0; p < kIncidentPhases.size(); ++p)
          if (i[p].is_number()) phases[p].push_back(i[p].get<double>());
      }
    }
    const Estimate false_failovers = per_year(doc, scenarios[v].duration.to_seconds(), "false_failovers");
    Json row{{"name", variants[v].name}, {"file", labels[v]}, {"scenario", doc["scenario"]}, {"nodes", variants[v].nodes}, {"method", doc["method"]},
             {"runs", doc["results"].size()}, {"unavailability", u.back().mean},
             {"ci95", std::isfinite(u.back().half_width) ? Json(u.back().half_width) : Json(nullptr)},
             {"downtime_per_year_s", u.back().mean * kSecondsPerYear},
             {"workloads_unavailability", workloads ? Json(workloads->mean) : Json(nullptr)},
             {"workloads_ci95", workloads && std::isfinite(workloads->half_width) ? Json(workloads->half_width) : Json(nullptr)},
             {"false_failovers_per_year", false_failovers.mean},
             {"false_failovers_ci95", std::isfinite(false_failovers.half_width) ? Json(false_failovers.half_width) : Json(nullptr)}};
    if (!varied.empty()) row["setting"] = Json{{"pointer", varied}, {"value", names[v].substr(names[v].find('=') + 1)}};
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
    // Split brain and the RPO per year; the RPO's longest span of lost writes in any run.
    const Estimate split_brain = per_year(doc, scenarios[v].duration.to_seconds(), "split_brain_s");
    row["split_brain_s_per_year"] = split_brain.mean;
    bool writes = true;
    double window = 0;
    for (const Json& r : doc["results"]) {
      writes = writes && r["acked_writes_lost"].is_number();
      if (r["lost_window_s"].is_number()) window = std::max(window, r["lost_window_s"].get<double>());
    }
    row["writes_lost_per_year"] = writes ? Json(per_year(doc, scenarios[v].duration.to_seconds(), "acked_writes_lost").mean) : Json(nullptr);
    row["max_lost_window_s"] = writes ? Json(window) : Json(nullptr);
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
  // servers and is less unavailable, or as unavailable with fewer servers. Settings of one
  // scenario: false failovers against the RTO (a failover no failure called for against
  // the time to recover from one that did; no recovery measured counts as the worst).
  mark_pareto(out, "pareto", [](const Json& r) {
    return std::pair{r["nodes"].get<double>(), r["unavailability"].get<double>()};
  });
  if (!varied.empty())
    mark_pareto(out, "tradeoff_pareto", [](const Json& r) {
      const Json& p50 = r["rto"]["first_success_s"]["p50"];
      return std::pair{r["false_failovers_per_year"].get<double>(), p50.is_number() ? p50.get<double>() : INFINITY};
    });
  const CompareHeading heading{plan.runs, plan.first_seed, plan.regenerative, varied};
  for (const auto& [file, text] : {std::pair{options.svg, options.svg.empty() ? "" : compare_chart_svg(out)},
                                   std::pair{options.markdown, options.markdown.empty() ? "" : compare_markdown(out, heading, options.svg)}}) {
    if (file.empty()) continue;
    std::ofstream f(file);
    f << text;
    if (!f) {
      std::cerr << "compare: cannot write " << file << '\n';
      return kExitInput;
    }
  }
  if (options.json) {
    std::cout << out.dump() << '\n';
    return kExitOk;
  }
  std::cout << compare_text(out, heading);
  return kExitOk;
}

}  // namespace halab
