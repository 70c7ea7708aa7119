#include "sim/metrics/expectations.hpp"

#include "sim/net/message.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

namespace halab {
namespace {

constexpr std::array<std::string_view, 33> kNumeric{
    "availability",   "requests_total",   "requests_failed", "failovers",          "max_ip_holders",
    "split_brain_s",  "max_outage_s",     "latency_p50_s",   "latency_p99_s",      "faults",
    "no_service_s",   "writes_accepted",  "corrupted_writes", "writes_lost", "writes_refused",    "fenced",
    "fence_failures", "quorate_partitions", "crm_transitions", "crm_failed_operations",
    "max_failover_s", "max_detection_s", "time_availability", "requests_degraded", "down_s", "degraded_s", "outages", "mean_outage_s", "mean_time_between_outages_s",
    "resources_down_s", "planned_outages", "planned_down_s", "false_failovers"};
constexpr std::array<std::string_view, 1> kBoolean{"split_brain"};
// Where resources end up: {resource: node, "stopped", or a list of nodes}.
constexpr std::array<std::string_view, 2> kPlacements{"placement", "promoted"};
// Counts by name: {cause or tier: number or range}; a name the run never counted is 0.
constexpr std::array<std::string_view, 2> kCounts{"failures", "blame"};
// Per tier of the stack: {tier: {figure: number or range}}.
// Figures per name: {name: {figure: number or range}}, for tiers (an LVS director's has
// requests, forwarded and no_backend only), services, clients and their datacenters.
struct PerName {
  std::string_view key;
  std::string_view what;
  std::vector<std::string_view> figures;
  std::string_view undefined = "nothing answered";  // why a figure of it can be null
};
std::vector<std::string_view> tier_figures() {
  std::vector<std::string_view> out{"requests", "ok", "failed", "success_rate"};
  for (CallFailure f : kCallFailures) out.emplace_back(to_string(f));
  for (std::string_view f : {"degraded", "retried", "max_busy", "max_queue", "writes_applied", "writes_duplicated",
                             "writes_deduplicated", "latency_p50_s", "latency_p99_s", "forwarded", "buffered", "delivered",
                             "redelivered", "buffer_lost", "undelivered", "max_buffer", "max_buffer_wait_s", "reads", "reads_stale",
                             "max_stale_s", "promotions", "writes_lost", "unacknowledged_lost", "lost_window_s",
                             "semi_sync_fallbacks", "view_evictions", "cache_lookups", "cache_hits", "cache_timeouts",
                             "cache_hit_rate", "gets", "get_hits", "sets", "sets_readonly", "sets_noreplicas", "sets_discarded",
                             "failover_s", "drops",
                             "drop_writes_lost"})
    out.push_back(f);
  return out;
}
const std::vector<PerName>& per_name() {
  static const std::vector<PerName> kPerName{
      {"tiers", "tier", tier_figures()},
      {"services", "service", {"failovers", "max_ip_holders", "split_brain_s", "no_service_s"}},
      {"clients", "client", {"availability", "time_availability", "unserved_s", "requests_total", "requests_failed"}},
      {"datacenters", "datacenter of clients",
       {"availability", "time_availability", "unserved_s", "requests_total", "requests_failed"}},
      {"membership", "membership-only service (memberlist, zookeeper)",
       {"crashes", "detected", "max_detection_s", "max_convergence_s", "false_deaths", "apart_at_end"},
       "no crash detected, or none declared dead by all"},
  };
  return kPerName;
}
const PerName* per_name(std::string_view key) {
  for (const auto& p : per_name())
    if (p.key == key) return &p;
  return nullptr;
}
std::string figure_list(const std::vector<std::string_view>& figures) {
  std::string out;
  for (std::size_t i = 0; i < figures.size(); ++i)
    out += (i == 0 ? "" : i + 1 == figures.size() ? " or " : ", ") + std::string(figures[i]);
  return out;
}

// A node name, "stopped", or a list of node names (clones; compared sorted).
bool is_placement_value(const nlohmann::json& v) {
  if (v.is_string()) return true;
  if (!v.is_array()) return false;
  return std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_string(); });
}

nlohmann::json sorted(nlohmann::json v) {
  if (v.is_array()) std::sort(v.begin(), v.end());
  return v;
}

// Whether `want` appears in `have` in this order (other entries may come between).
bool in_order(const nlohmann::json& have, const nlohmann::json& want) {
  std::size_t i = 0;
  for (const auto& x : have)
    if (i < want.size() && x == want[i]) ++i;
  return i == want.size();
}

template <std::size_t N>
bool among(const std::array<std::string_view, N>& keys, std::string_view key) {
  for (auto k : keys)
    if (k == key) return true;
  return false;
}

std::string known_keys() {
  std::string out;
  for (auto k : kNumeric) out += (out.empty() ? "" : ", ") + std::string(k);
  for (auto k : kBoolean) out += ", " + std::string(k);
  for (auto k : kPlacements) out += ", " + std::string(k);
  for (auto k : kCounts) out += ", " + std::string(k);
  for (const auto& p : per_name()) out += ", " + std::string(p.key);
  return out + ", start_order";
}

std::string number_text(double v) {
  return nlohmann::json(v).dump();
}

bool is_number_or_range(const nlohmann::json& value) {
  if (value.is_number()) return true;
  bool range = value.is_object() && !value.empty();
  if (range)
    for (const auto& [bound, b] : value.items()) range = range && (bound == "min" || bound == "max") && b.is_number();
  return range;
}

// `have` against a number (equal) or a {min, max} range; the failure text, if any.
std::optional<std::string> compare(const std::string& key, double have, const nlohmann::json& want) {
  std::string shown = key + " = " + number_text(have);
  if (want.is_number()) {
    double w = want.get<double>();
    if (std::fabs(have - w) > 1e-9 * std::max(1.0, std::fabs(w))) return shown + ", expected " + number_text(w);
    return std::nullopt;
  }
  if (want.contains("min") && have < want["min"].get<double>())
    return shown + ", expected >= " + number_text(want["min"].get<double>());
  if (want.contains("max") && have > want["max"].get<double>())
    return shown + ", expected <= " + number_text(want["max"].get<double>());
  return std::nullopt;
}

} // namespace

void check_expectations_shape(const nlohmann::json& expect, const std::string& pointer, Diagnostics& diag) {
  if (!expect.is_object()) {
    diag.expected(pointer, "an object of expectations", &expect);
    return;
  }
  for (const auto& [key, value] : expect.items()) {
    std::string ptr = pointer_join(pointer, key);
    if (among(kBoolean, key)) {
      if (!value.is_boolean()) diag.expected(ptr, "true or false", &value);
    } else if (among(kPlacements, key)) {
      if (!value.is_object()) diag.expected(ptr, "an object of resource ids to a node, \"stopped\" or a list of nodes", &value);
      else
        for (const auto& [rsc, where] : value.items())
          if (!is_placement_value(where))
            diag.expected(pointer_join(ptr, rsc), "a node, \"stopped\" or a list of nodes", &where);
    } else if (key == "start_order") {
      if (!value.is_array() || value.empty() || !is_placement_value(value))
        diag.expected(ptr, "a non-empty list of resource ids, in the order they must first start", &value);
    } else if (among(kCounts, key)) {
      if (!value.is_object()) diag.expected(ptr, "an object of names to a number or {\"min\": x, \"max\": y}", &value);
      else
        for (const auto& [name, v] : value.items())
          if (!is_number_or_range(v)) diag.expected(pointer_join(ptr, name), "a number or {\"min\": x, \"max\": y}", &v);
    } else if (const PerName* p = per_name(key)) {
      const std::string what(p->what);
      const std::string known = figure_list(p->figures);
      if (!value.is_object()) {
        diag.expected(ptr, "an object of " + what + " names to their expected figures", &value);
        continue;
      }
      for (const auto& [name, figures] : value.items()) {
        const std::string nptr = pointer_join(ptr, name);
        if (!figures.is_object()) {
          diag.expected(nptr, "an object of figures (" + known + ")", &figures);
          continue;
        }
        for (const auto& [figure, v] : figures.items()) {
          if (std::find(p->figures.begin(), p->figures.end(), figure) == p->figures.end())
            diag.error(pointer_join(nptr, figure), "unknown " + what + " figure \"" + figure + "\" (expected " + known + ")");
          else if (!is_number_or_range(v))
            diag.expected(pointer_join(nptr, figure), "a number or {\"min\": x, \"max\": y}", &v);
        }
      }
    } else if (among(kNumeric, key)) {
      if (!is_number_or_range(value)) diag.expected(ptr, "a number or {\"min\": x, \"max\": y}", &value);
    } else {
      diag.error(ptr, "unknown expectation \"" + key + "\" (expected one of: " + known_keys() + ")");
    }
  }
}

namespace {
// Seconds to the millisecond; a shorter overlap (an advert's round trip) with its digits.
std::string split_seconds(double s) { return s > 0 && s < 1e-3 ? fmt::format("{:.2g}", s) : fmt::format("{:.3f}", s); }
}  // namespace

std::string expectation_evidence(const std::string& key, const nlohmann::ordered_json& s) {
  std::vector<std::string> items;
  if (key == "failovers" || key == "false_failovers" || key == "max_failover_s" || key == "split_brain" || key == "split_brain_s" ||
      key == "max_ip_holders") {
    for (const auto& f : s["failovers"]) {
      if (key == "false_failovers" && !f.value("false", false)) continue;
      items.push_back(fmt::format("{} -> {} at {:.3f} s ({})", f["from"].is_string() ? f["from"].get<std::string>() : "nobody",
                                  f["node"].get<std::string>(), f["ip_moved_at_s"].get<double>(),
                                  f["cause"].is_string() ? f["cause"].get<std::string>() : "no fault caused it"));
    }
    if (key.rfind("split_brain", 0) == 0 || key == "max_ip_holders")
      items.insert(items.begin(), fmt::format("{} s with more than one holder, at most {}", split_seconds(s["split_brain_s"].get<double>()),
                                              s["max_ip_holders"].get<std::uint64_t>()));
  } else if (key == "fenced" || key == "fence_failures") {
    for (const auto& f : s["fenced"])
      items.push_back(fmt::format("{} fenced by {} at {:.3f} s", f["node"].get<std::string>(), f["by"].get<std::string>(), f["at_s"].get<double>()));
  } else if (key == "availability" || key == "time_availability" || key == "max_outage_s" || key == "down_s" || key == "outages" ||
             key == "requests_failed") {
    items.push_back(fmt::format("{} requests failed of {}; down {:.3f} s in {} outages, the longest {:.3f} s",
                                s["requests_failed"].get<std::uint64_t>(), s["requests_total"].get<std::uint64_t>(),
                                s["down_s"].get<double>(), s["outages"].get<std::uint64_t>(), s["max_outage_s"].get<double>()));
  }
  if (items.size() > 12) items.resize(12), items.push_back("…");
  return fmt::format("{}", fmt::join(items, "; "));
}

std::vector<std::string> check_expectations(const nlohmann::ordered_json& summary, const nlohmann::json& expect) {
  std::vector<std::string> failures;
  for (const auto& [key, want] : expect.items()) {
    if (!summary.contains(key)) {  // "membership" is there only with a membership-only service
      failures.push_back(key + " is not measured in this run (it has no membership-only service: memberlist or zookeeper)");
      continue;
    }
    const auto& have_json = summary.at(key);
    if (among(kPlacements, key)) {
      for (const auto& [rsc, where] : want.items()) {
        const nlohmann::json have = have_json.contains(rsc) ? nlohmann::json(have_json[rsc]) : nlohmann::json("stopped");
        if (sorted(have) != sorted(where))
          failures.push_back(key + "." + rsc + " = " + have.dump() + ", expected " + sorted(where).dump());
      }
      continue;
    }
    if (key == "start_order") {
      if (!in_order(have_json, want)) failures.push_back("start_order = " + have_json.dump() + ", expected " + want.dump() + " in this order");
      continue;
    }
    if (among(kCounts, key)) {
      for (const auto& [name, w] : want.items()) {
        const double have = have_json.contains(name) ? have_json[name].get<double>() : 0.0;
        if (auto f = compare(key + "." + name, have, w)) failures.push_back(*f);
      }
      continue;
    }
    if (const PerName* p = per_name(key)) {
      for (const auto& [tier, figures] : want.items()) {
        if (!have_json.contains(tier)) {
          failures.push_back(key + "." + tier + " is not a " + std::string(p->what) + " of this run");
          continue;
        }
        for (const auto& [figure, w] : figures.items()) {
          if (!have_json[tier].contains(figure)) {
            failures.push_back(key + "." + tier + "." + figure + " is not counted for " +
                               (have_json[tier].contains("forwarded") ? "an LVS director (answers bypass it)"
                                                                      : "a tier whose calls down are not buffered"));
            continue;
          }
          const auto& have = have_json[tier][figure];
          if (have.is_null())
            failures.push_back(key + "." + tier + "." + figure + " is undefined for this run (" + std::string(p->undefined) + ")");
          else if (auto f = compare(key + "." + tier + "." + figure, have.get<double>(), w)) failures.push_back(*f);
        }
      }
      continue;
    }
    if (want.is_boolean()) {
      if (!have_json.is_boolean() || have_json.get<bool>() != want.get<bool>()) failures.push_back(key + " = " + have_json.dump() + ", expected " + want.dump());
      continue;
    }
    if (have_json.is_null()) {
      failures.push_back(key + " is undefined for this run, expected " + want.dump());
      continue;
    }
    // Lists ("failovers", "fenced") are compared by their length.
    double have = have_json.is_array() ? static_cast<double>(have_json.size()) : have_json.get<double>();
    if (auto f = compare(key, have, want)) failures.push_back(*f);
  }
  return failures;
}

} // namespace halab
