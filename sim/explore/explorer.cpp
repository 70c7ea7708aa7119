#include "sim/explore/explorer.hpp"

#include "sim/metrics/expectations.hpp"
#include "sim/metrics/summary.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/units.hpp"

#include "models/explore/ddmin.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace halab {
namespace {

using nlohmann::json;

// The explorer's own faults give times as "12.345s".
// (value(): a time it cannot read back is a bug of the explorer, reported as one, exit 70.)
double seconds_of(const json& v) { return parse_duration(v.get<std::string>()).value().to_seconds(); }

// Runs in the child: the run, its invariants and the states its faults met, as JSON.
std::string trial_output(const json& document) {
  const auto loaded = load_scenario_json(document, "explored");
  if (!loaded.scenario) return json{{"refused", loaded.errors.front().to_string()}}.dump();
  const RunResult result = simulate(*loaded.scenario, loaded.scenario->seed);
  const auto summary = summarize(result.events).to_json();
  json out = {{"broken", json::array()}, {"unmet", json::array()}, {"hits", json::array()}};
  for (const auto& [key, want] : explore_invariants().items()) {
    if (summary.at(key).is_null()) continue;  // not measured in this scenario (no shared storage)
    const auto unmet = check_expectations(summary, json{{key, want}});
    if (unmet.empty()) continue;
    out["broken"].push_back(key);
    const std::string evidence = expectation_evidence(key, summary);
    for (const auto& line : unmet) out["unmet"].push_back(evidence.empty() ? line : line + " (" + evidence + ")");
  }
  for (const FaultHit& hit : fault_hits(result.events)) out["hits"].push_back({hit.kind, hit.state, hit.at_s});
  return out.dump();
}

Trial read_trial(const ChildResult& child) {
  Trial t;
  t.exit_code = child.exit_code;
  const json out = child.exit_code == 0 ? json::parse(child.output, nullptr, false) : json();
  if (child.exit_code != 0 || !out.is_object()) {
    t.broken.push_back("crash");
    t.unmet.push_back(child.exit_code != 0 ? fmt::format("the simulator's process failed (exit code {}): {}", child.exit_code, child.output)
                                           : "the simulator's process answered nonsense");
    return t;
  }
  t.refused = out.value("refused", "");
  if (!t.refused.empty()) return t;
  t.broken = out["broken"].get<std::vector<std::string>>();
  t.unmet = out["unmet"].get<std::vector<std::string>>();
  for (const auto& h : out["hits"]) t.hits.push_back({h[0].get<std::string>(), h[1].get<std::string>(), h[2].get<double>()});
  return t;
}

std::string hosts_text(const json& group) {
  std::vector<std::string> names = group.get<std::vector<std::string>>();
  return fmt::format("{{{}}}", fmt::join(names, ", "));
}

}  // namespace

const json& explore_invariants() {
  static const json invariants = {{"split_brain", false}, {"corrupted_writes", 0}, {"quorate_partitions", {{"max", 1}}}};
  return invariants;
}

bool Trial::breaks(const std::string& invariant) const {
  return std::find(broken.begin(), broken.end(), invariant) != broken.end();
}

json Explorer::scenario_with(const std::vector<json>& added, std::uint64_t seed) const {
  json doc = base_;
  if (!doc.contains("faults")) doc["faults"] = json::array();
  for (const auto& f : added) doc["faults"].push_back(f);
  doc["seed"] = seed;
  return doc;
}

std::vector<json> Explorer::loadable(std::vector<json> added, std::uint64_t seed) const {
  const std::size_t own = base_.contains("faults") ? base_["faults"].size() : 0;
  for (int attempt = 0; attempt < 4 && !added.empty(); ++attempt) {
    const auto loaded = load_scenario_json(scenario_with(added, seed), "explored");
    if (loaded.scenario) return added;
    // Drop each added fault an error points into ("/faults/K/…"); an error elsewhere (an
    // overlap reported at the scenario's own fault) drops the last added one.
    std::set<std::size_t> refused;
    for (const auto& e : loaded.errors) {
      std::size_t k = 0;
      if (std::sscanf(e.pointer.c_str(), "/faults/%zu", &k) == 1 && k >= own && k - own < added.size()) refused.insert(k - own);
    }
    if (refused.empty()) refused.insert(added.size() - 1);
    for (auto it = refused.rbegin(); it != refused.rend(); ++it) added.erase(added.begin() + static_cast<std::ptrdiff_t>(*it));
  }
  return load_scenario_json(scenario_with(added, seed), "explored").scenario ? added : std::vector<json>{};
}

std::vector<Trial> Explorer::run(const std::vector<std::vector<json>>& schedules, const std::vector<std::uint64_t>& seeds,
                                 unsigned parallel) const {
  std::vector<ChildWork> works;
  for (std::size_t i = 0; i < schedules.size(); ++i)
    works.push_back([doc = scenario_with(schedules[i], seeds[i])] { return trial_output(doc); });
  std::vector<Trial> trials;
  for (const auto& child : run_in_children(works, parallel)) trials.push_back(read_trial(child));
  return trials;
}

Explorer::Shrunk Explorer::shrink(const std::vector<json>& faults, std::uint64_t seed, const std::string& invariant,
                                  const Trial& original) const {
  Shrunk best{faults, 0, original};
  const auto breaks = [&](const std::vector<json>& candidate) {
    const auto doc = scenario_with(candidate, seed);
    if (!load_scenario_json(doc, "explored").scenario) return false;  // e.g. a partition left with one group
    ++best.runs;
    Trial t = read_trial(run_in_child([&doc] { return trial_output(doc); }));
    if (!t.breaks(invariant)) return false;
    best.trial = std::move(t);
    return true;
  };
  // 1. Which faults: ddmin (its result is the last schedule that broke it: best.trial's).
  best.faults = ddmin(faults, breaks);
  // 2. When, and whom: for each remaining fault, whole seconds, then a shorter fault (its
  // end halved towards its start, down to a second), then fewer hosts in a partition.
  const auto try_change = [&](std::size_t i, const json& changed) {
    auto candidate = best.faults;
    candidate[i] = changed;
    if (candidate[i] == best.faults[i] || !breaks(candidate)) return false;
    best.faults = std::move(candidate);
    return true;
  };
  for (std::size_t i = 0; i < best.faults.size(); ++i) {
    const char* end_key = best.faults[i].contains("until") ? "until" : best.faults[i].contains("restart_at") ? "restart_at" : nullptr;
    json rounded = best.faults[i];
    rounded["at"] = duration_text(std::floor(seconds_of(rounded["at"])));
    if (end_key) rounded[end_key] = duration_text(std::ceil(seconds_of(rounded[end_key])));
    try_change(i, rounded);
    for (int halvings = 0; end_key && halvings < 8; ++halvings) {
      const double at = seconds_of(best.faults[i]["at"]), end = seconds_of(best.faults[i][end_key]);
      if (end - at <= 1) break;
      json shorter = best.faults[i];
      shorter[end_key] = duration_text(at + std::max(1.0, std::ceil((end - at) / 2)));
      if (!try_change(i, shorter)) break;
    }
    if (best.faults[i]["kind"] != "partition") continue;
    for (std::size_t g = 0; g < best.faults[i]["groups"].size(); ++g) {
      for (std::size_t h = 0; h < best.faults[i]["groups"][g].size();) {
        json fewer = best.faults[i];
        fewer["groups"][g].erase(h);
        if (fewer["groups"][g].empty()) fewer["groups"].erase(g);
        if (fewer["groups"].size() >= 2 && try_change(i, fewer)) {
          if (g >= best.faults[i]["groups"].size()) break;
          continue;  // the next host moved into place h
        }
        ++h;
      }
    }
  }
  return best;
}

std::string describe_fault(const json& f) {
  const std::string kind = f.value("kind", "?");
  const auto span = [&](const char* end_key) {
    return f.contains(end_key) ? fmt::format("from {} to {}", f["at"].get<std::string>(), f[end_key].get<std::string>())
                               : fmt::format("at {} for good", f["at"].get<std::string>());
  };
  if (kind == "crash") return fmt::format("crash of {} {}", f["host"].get<std::string>(), span("restart_at"));
  if (kind == "pause") return fmt::format("pause of {} {}", f["host"].get<std::string>(), span("until"));
  if (kind == "partition") {
    std::vector<std::string> groups;
    for (const auto& g : f["groups"]) groups.push_back(hosts_text(g));
    return fmt::format("{}partition {} {}", f.value("one_way", false) ? "one-way " : "", fmt::join(groups, " | "), span("until"));
  }
  if (kind == "link-down") return fmt::format("link of {} cut {}", f["link"].dump(), span("until"));
  if (kind == "degrade")
    return fmt::format("link of {} {} {}", f["link"].dump(),
                       f.contains("loss") ? fmt::format("losing {:.0f}% of messages", 100 * f["loss"].get<double>())
                                          : fmt::format("{} slower", f["extra_latency"].get<std::string>()),
                       span("until"));
  if (kind == "fence-device-failure") return fmt::format("fence device failing {}", span("until"));
  return f.dump();
}

}  // namespace halab
