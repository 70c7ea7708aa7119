// The /failures section of a scenario (docs/scenario-reference.md, "failures"): failure
// processes — hosts crashing and being repaired at random, by their time-to-failure and
// time-to-repair distributions — checked for impossible parameters and against the
// explicit faults they would contradict (a host crashed both by a process and by hand).
#include "sim/scenario/scenario_reader.hpp"

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace halab {

using Need = Fields::Need;

namespace {

// {"distribution": "exponential" | "fixed", "mean": D}, {"distribution": "weibull",
// "shape": β, "scale": D}, {"distribution": "log-normal", "median": D, "sigma": σ}.
std::optional<Lifetime> read_lifetime(const nlohmann::json& v, const std::string& ptr, Diagnostics& diag) {
  using D = Lifetime::Distribution;
  const nlohmann::json* name = v.is_object() && v.contains("distribution") ? &v["distribution"] : nullptr;
  const std::string d = name && name->is_string() ? name->get<std::string>() : "";
  Lifetime l;
  std::vector<std::string_view> keys;
  if (d == "exponential" || d == "fixed") {
    l.distribution = d == "fixed" ? D::fixed : D::exponential;
    keys = {"distribution", "mean"};
  } else if (d == "weibull") {
    l.distribution = D::weibull;
    keys = {"distribution", "shape", "scale"};
  } else if (d == "log-normal") {
    l.distribution = D::log_normal;
    keys = {"distribution", "median", "sigma"};
  } else {
    if (v.is_object()) diag.expected(pointer_join(ptr, "distribution"), "\"exponential\", \"weibull\", \"log-normal\" or \"fixed\"", name);
    else diag.expected(ptr, "an object such as {\"distribution\": \"exponential\", \"mean\": \"30d\"}", &v);
    return std::nullopt;
  }
  Fields f(v, ptr, diag, keys);
  const std::size_t errors = diag.errors().size();
  const auto time = [&](std::string_view key, double& out) {
    if (auto t = f.duration(key, Need::required)) out = t->to_seconds();
  };
  switch (l.distribution) {
    case D::exponential:
    case D::fixed: time("mean", l.mean_s); break;
    case D::weibull:
      time("scale", l.scale_s);
      l.shape = f.number("shape", Need::required, 0.1, 100).value_or(1);
      break;
    case D::log_normal:
      time("median", l.median_s);
      l.sigma = f.number("sigma", Need::required, 0, 10).value_or(0);
      break;
  }
  if (diag.errors().size() != errors) return std::nullopt;
  if (const char* expected = l.invalid()) {  // a zero time: the only impossibility left
    const std::string key = l.distribution == D::weibull ? "scale" : l.distribution == D::log_normal ? "median" : "mean";
    diag.expected(pointer_join(ptr, key), expected, f.get(key, Need::optional));
    return std::nullopt;
  }
  return l;
}

using Kind = FaultSpec::Kind;

// The kinds a failure process may draw, by their names in /faults.
constexpr std::pair<std::string_view, Kind> kDrawable[] = {
    {"crash", Kind::crash},         {"pause", Kind::pause},
    {"hang", Kind::hang},           {"slow", Kind::slow},
    {"disk-full", Kind::disk_full}, {"replication-broken", Kind::replication_broken},
    {"operator-error", Kind::operator_error}};

std::optional<Kind> drawable_kind(const std::string& name) {
  for (const auto& [n, k] : kDrawable)
    if (n == name) return k;
  return std::nullopt;
}

std::string_view name_of(Kind kind) {
  for (const auto& [n, k] : kDrawable)
    if (k == kind) return n;
  return "";
}

// The causes of outages seen in practice (docs/concepts.md, 11): the runtime environment
// ~35 % (a full disk the most common), performance ~35 % (bad SQL, bugs: the server slows
// down), replication ~20 % (primary and replica diverge), data loss ~10 % (a DROP TABLE).
const std::vector<FailureProcessSpec::Weighted> kOutageMix = {
    {Kind::disk_full, 0.35}, {Kind::slow, 0.35}, {Kind::replication_broken, 0.20}, {Kind::operator_error, 0.10}};

constexpr std::string_view kKindNames =
    "\"crash\", \"pause\", \"hang\", \"slow\", \"disk-full\", \"replication-broken\" or \"operator-error\"";
constexpr std::string_view kFaultNames =
    "\"crash\", \"pause\", \"hang\", \"slow\", \"disk-full\", \"replication-broken\", \"operator-error\", \"outage-mix\" or an "
    "object of weights such as {\"crash\": 0.2, \"pause\": 0.8}";

// /failures/i/fault: one kind, the outage-mix preset, or {kind: weight} (weights > 0,
// normalised to sum to 1).
std::optional<std::vector<FailureProcessSpec::Weighted>> read_fault_kinds(const nlohmann::json& v, const std::string& ptr,
                                                                          Diagnostics& diag) {
  if (v.is_string()) {
    const std::string name = v.get<std::string>();
    if (name == "outage-mix") return kOutageMix;
    if (auto kind = drawable_kind(name)) return std::vector<FailureProcessSpec::Weighted>{{*kind, 1.0}};
  } else if (v.is_object() && !v.empty()) {
    std::vector<FailureProcessSpec::Weighted> out;
    double total = 0;
    bool ok = true;
    for (const auto& [name, weight] : v.items()) {
      const auto kind = drawable_kind(name);
      if (!kind) {
        diag.error(pointer_join(ptr, name), "unknown fault kind \"" + name + "\" (expected " + std::string(kKindNames) + ")");
        ok = false;
      } else if (!weight.is_number() || !(weight.get<double>() > 0) || !std::isfinite(weight.get<double>())) {
        diag.expected(pointer_join(ptr, name), "a positive weight", &weight);
        ok = false;
      } else {
        out.push_back({*kind, weight.get<double>()});
        total += weight.get<double>();
      }
    }
    if (!ok) return std::nullopt;
    for (auto& w : out) w.weight /= total;
    return out;
  }
  diag.expected(ptr, std::string(kFaultNames), &v);
  return std::nullopt;
}

}  // namespace

void ScenarioReader::read_failures(const Fields& f, Scenario& s) {
  const auto* failures = f.get("failures", Need::optional);
  if (!failures) return;
  if (!failures->is_array()) {
    diag_.expected("/failures", "an array of failure processes", failures);
    return;
  }
  std::map<std::string, std::string> process_of;  // "kind:host" -> pointer of the host in its process
  std::map<std::string, std::string> drawn;       // overlap key of a drawn fault -> that pointer
  for (std::size_t i = 0; i < failures->size(); ++i) {
    const std::string ptr = pointer_join("/failures", i);
    Fields pf((*failures)[i], ptr, diag_, {"hosts", "sites", "time_to_failure", "time_to_repair", "fault", "factor"});
    if (!pf.is_object()) continue;
    FailureProcessSpec process;
    if (const auto* v = pf.get("fault", Need::optional)) {
      auto kinds = read_fault_kinds(*v, pf.pointer("fault"), diag_);
      if (!kinds) continue;
      process.faults = std::move(*kinds);
      if (!(process.faults.size() == 1 && process.faults[0].kind == Kind::crash)) {
        std::vector<std::string_view> names;
        for (const auto& w : process.faults) names.push_back(name_of(w.kind));
        std::sort(names.begin(), names.end());
        process.stream = fmt::format("{}", fmt::join(names, "+"));
      }
    }
    const auto draws = [&process](Kind kind) {
      return std::any_of(process.faults.begin(), process.faults.end(), [kind](const auto& w) { return w.kind == kind; });
    };
    if (pf.get("factor", Need::optional)) {
      if (!draws(Kind::slow)) diag_.error(pf.pointer("factor"), "only a process that draws \"slow\" faults has a factor");
      else process.factor = pf.number("factor", Need::optional, 1, 1e6).value_or(process.factor);
    }
    const bool by_site = pf.get("sites", Need::optional) != nullptr;
    if (by_site && process.stream != "")
      diag_.error(pf.pointer("fault"), "a site fails as a whole by crashing: its process draws crashes only");
    if (by_site && pf.get("hosts", Need::optional))
      diag_.error(pf.pointer("sites"), "a process fails either \"hosts\" one by one or \"sites\" as a whole, not both");
    if (auto sites = by_site ? pf.strings("sites", Need::required) : std::nullopt) {
      if (sites->empty()) diag_.expected(pf.pointer("sites"), "a non-empty array of datacenters or regions", pf.get("sites", Need::optional));
      for (std::size_t k = 0; k < sites->size(); ++k) {
        const std::string& site = (*sites)[k];
        const std::string sptr = pointer_join(pf.pointer("sites"), k);
        if (!datacenter_region_.count(site) && !regions_.count(site))
          diag_.expected(sptr, "the name of a datacenter or a region", &(*pf.get("sites", Need::optional))[k]);
        else if (std::none_of(host_site_.begin(), host_site_.end(), [&](const auto& hs) {
                   return (hs.second == site || datacenter_region_[hs.second] == site) &&
                          (members_.count(hs.first) || tier_hosts_.count(hs.first));
                 }))
          diag_.error(sptr, "no cluster member or tier host runs in \"" + site + "\"");
        else if (auto [it, fresh] = site_process_.emplace(site, sptr); !fresh)
          diag_.error(sptr, "\"" + site + "\" already fails by " + it->second + " (one failure process per site)");
      }
      process.sites = *sites;
    }
    if (auto hosts = by_site ? std::nullopt : pf.strings("hosts", Need::required)) {
      if (hosts->empty()) diag_.expected(pf.pointer("hosts"), "a non-empty array of hosts", pf.get("hosts", Need::optional));
      for (std::size_t h = 0; h < hosts->size(); ++h) {
        const std::string& host = (*hosts)[h];
        const std::string hptr = pointer_join(pf.pointer("hosts"), h);
        if (!members_.count(host) && !tier_hosts_.count(host)) {
          diag_.expected(hptr, "a cluster member or a host of a /stack tier", &(*pf.get("hosts", Need::optional))[h]);
          continue;
        }
        for (const auto& [kind, weight] : process.faults) {
          const std::string kind_name(name_of(kind));
          const TierSpec* tier = s.tier_on(host);
          const bool database = database_hosts_.count(host) > 0;
          const char* cannot = (kind == Kind::hang || kind == Kind::slow) && !tier_hosts_.count(host) ? "it runs no /stack tier"
                               : kind == Kind::slow && director_hosts_.count(host)                    ? "it is an LVS director, with no service time to slow"
                               : (kind == Kind::disk_full || kind == Kind::replication_broken || kind == Kind::operator_error) && !database
                                   ? "it runs no database"
                               : kind == Kind::operator_error && !tier->database->backup_interval
                                   ? "a dropped table is restored from a backup at the repair: give the tier's database a \"backup_interval\""
                                   : nullptr;
          if (cannot) {
            diag_.error(hptr, "\"" + host + "\" cannot fail by \"" + kind_name + "\": " + cannot);
            continue;
          }
          if (auto [it, fresh] = process_of.emplace(kind_name + ":" + host, hptr); !fresh) {
            diag_.error(hptr, "\"" + host + "\" already fails by " + it->second + " (one failure process per host and kind of fault)");
            continue;
          }
          FaultSpec like;
          like.kind = kind;
          like.host = host;
          if (kind == Kind::operator_error) like.tier = tier->name;
          drawn.emplace(overlap_key(like), hptr);
        }
      }
      process.hosts = *hosts;
    }
    std::optional<Lifetime> ttf, ttr;
    if (const auto* v = pf.get("time_to_failure", Need::required)) ttf = read_lifetime(*v, pf.pointer("time_to_failure"), diag_);
    if (const auto* v = pf.get("time_to_repair", Need::required)) ttr = read_lifetime(*v, pf.pointer("time_to_repair"), diag_);
    if (!ttf || !ttr) continue;
    process.time_to_failure = *ttf;
    process.time_to_repair = *ttr;
    s.failures.push_back(std::move(process));
  }
  // Years of a large architecture cannot be simulated message by message (the reference
  // six tiers, 42 hosts, take 4.5e-4 CPU s per simulated second: 400 days would take four
  // hours); the regenerative method estimates them from episodes.
  constexpr double kMaxHostSeconds = 1e9;
  const double host_seconds = s.duration.to_seconds() * static_cast<double>(s.all_hosts().size());
  if (!s.failures.empty() && host_seconds > kMaxHostSeconds)
    diag_.error("/duration", fmt::format("{:.0f} days of {} hosts is too long to simulate message by message (at most {:.0e} "
                                         "host-seconds with failure processes); estimate long horizons from failure episodes: "
                                         "halab sweep --regenerative (episodes do not use /duration)",
                                         s.duration.to_seconds() / 86400, s.all_hosts().size(), kMaxHostSeconds));
  // A host that fails at random, alone or with its site, cannot also be crashed, stopped,
  // paused or cut off with its site by hand: the two would overlap at times the scenario
  // cannot foresee. (A host's own failures and its site's may overlap: it comes back when
  // both are over.)
  // Likewise a table dropped by hand where one is dropped at random, a disk filled, a tier
  // process slowed or hung, a replication thread broken: any fault on what a process strikes.
  const auto down_key = [](const std::string& host) {
    FaultSpec crash;
    crash.host = host;
    return overlap_key(crash);
  };
  for (const auto& [site, ptr] : site_process_)
    for (const auto& [host, dc] : host_site_)
      if ((dc == site || datacenter_region_[dc] == site) && (members_.count(host) || tier_hosts_.count(host)))
        drawn.emplace(down_key(host), ptr);
  for (std::size_t i = 0; i < s.faults.size() && i < fault_ptrs_.size(); ++i) {
    const FaultSpec& fault = s.faults[i];
    if (fault.kind == Kind::site_down) {
      for (const auto& [host, dc] : host_site_)
        if (dc == fault.site || datacenter_region_[dc] == fault.site)
          if (auto it = drawn.find(down_key(host)); it != drawn.end()) {
            diag_.error(fault_ptrs_[i], "takes down \"" + host + "\", which fails at random by " + it->second +
                                            " (the two would overlap at times no one chose)");
            break;
          }
    } else if (auto it = drawn.find(overlap_key(fault)); it != drawn.end()) {
      const bool down = fault.kind == Kind::crash || fault.kind == Kind::stop || fault.kind == Kind::pause;
      diag_.error(fault_ptrs_[i], (down ? "takes down \"" + fault.host + "\", which fails at random by " + it->second
                                        : "strikes what " + it->second + " strikes at random") +
                                      " (the two would overlap at times no one chose)");
    }
  }
}

}  // namespace halab
