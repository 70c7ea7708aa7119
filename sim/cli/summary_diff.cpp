#include "sim/cli/summary_diff.hpp"

#include <fmt/format.h>

#include <set>

namespace halab {
namespace {

// Records of single events, long lists whose length is compared instead, and labels.
const std::set<std::string> kLists{"failovers", "incidents", "fenced", "warnings", "start_order", "dns_changes"};
const std::set<std::string> kLabels{"scenario", "seed", "expectations_unmet"};

void walk(const std::string& path, const nlohmann::ordered_json& a, const nlohmann::ordered_json& b, std::vector<FigureDelta>& out) {
  const auto text = [](const nlohmann::ordered_json& v) { return v.is_null() ? std::string("null") : v.dump(); };
  if (a.is_object() && b.is_object()) {
    std::set<std::string> keys;
    for (const auto& [k, v] : a.items()) keys.insert(k);
    for (const auto& [k, v] : b.items()) keys.insert(k);
    for (const std::string& k : keys) {
      if (path.empty() && kLabels.count(k)) continue;
      const std::string p = path.empty() ? k : path + "." + k;
      const nlohmann::ordered_json none;
      const auto& va = a.contains(k) ? a[k] : none;
      const auto& vb = b.contains(k) ? b[k] : none;
      if (kLists.count(k) && (va.is_array() || vb.is_array())) {
        const std::size_t na = va.is_array() ? va.size() : 0, nb = vb.is_array() ? vb.size() : 0;
        if (na != nb) out.push_back({p, std::to_string(na), std::to_string(nb), static_cast<double>(nb) - static_cast<double>(na)});
        else if (va != vb) out.push_back({p, std::to_string(na), std::to_string(nb) + ", not the same", std::nullopt});
        continue;
      }
      walk(p, va, vb, out);
    }
    return;
  }
  if (a == b) return;
  std::optional<double> change;
  if (a.is_number() && b.is_number()) change = b.get<double>() - a.get<double>();
  out.push_back({path, text(a), text(b), change});
}

}  // namespace

std::vector<FigureDelta> summary_deltas(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
  std::vector<FigureDelta> out;
  walk("", a, b, out);
  return out;
}

std::optional<std::size_t> first_divergence(const std::vector<TraceEvent>& a, const std::vector<TraceEvent>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  const auto same = [](const TraceEvent& x, const TraceEvent& y) {
    if (x.value("ev", "") != "run.start" || y.value("ev", "") != "run.start") return x == y;
    TraceEvent u = x, v = y;  // two seeds of one scenario part where their runs do, not at the start
    u.erase("seed"), v.erase("seed");
    return u == v;
  };
  for (std::size_t i = 0; i < n; ++i)
    if (!same(a[i], b[i])) return i;
  if (a.size() != b.size()) return n;
  return std::nullopt;
}

std::string format_deltas(const std::vector<FigureDelta>& deltas) {
  std::string out;
  for (const FigureDelta& d : deltas)
    out += fmt::format("  {:<40} {:>16} -> {:<16}{}\n", d.figure, d.a, d.b, d.change ? fmt::format(" ({:+.6g})", *d.change) : "");
  return out;
}

}  // namespace halab
