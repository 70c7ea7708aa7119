// The /failures section of a scenario (docs/scenario-reference.md, "failures"): failure
// processes — hosts crashing and being repaired at random, by their time-to-failure and
// time-to-repair distributions — checked for impossible parameters and against the
// explicit faults they would contradict (a host crashed both by a process and by hand).
#include "sim/scenario/scenario_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
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

}  // namespace

void ScenarioReader::read_failures(const Fields& f, Scenario& s) {
  const auto* failures = f.get("failures", Need::optional);
  if (!failures) return;
  if (!failures->is_array()) {
    diag_.expected("/failures", "an array of failure processes", failures);
    return;
  }
  std::map<std::string, std::string> process_of;  // host -> pointer of its process
  for (std::size_t i = 0; i < failures->size(); ++i) {
    const std::string ptr = pointer_join("/failures", i);
    Fields pf((*failures)[i], ptr, diag_, {"hosts", "sites", "time_to_failure", "time_to_repair"});
    if (!pf.is_object()) continue;
    FailureProcessSpec process;
    const bool by_site = pf.get("sites", Need::optional) != nullptr;
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
        if (!members_.count(host) && !tier_hosts_.count(host))
          diag_.expected(hptr, "a cluster member or a host of a /stack tier", &(*pf.get("hosts", Need::optional))[h]);
        else if (auto [it, fresh] = process_of.emplace(host, hptr); !fresh)
          diag_.error(hptr, "\"" + host + "\" already fails by " + it->second + " (one failure process per host)");
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
  for (const auto& [site, ptr] : site_process_)
    for (const auto& [host, dc] : host_site_)
      if ((dc == site || datacenter_region_[dc] == site) && (members_.count(host) || tier_hosts_.count(host)))
        process_of.emplace(host, ptr);
  for (std::size_t i = 0; i < s.faults.size() && i < fault_ptrs_.size(); ++i) {
    const FaultSpec& fault = s.faults[i];
    const bool down = fault.kind == FaultSpec::Kind::crash || fault.kind == FaultSpec::Kind::stop || fault.kind == FaultSpec::Kind::pause;
    for (const auto& [host, ptr] : process_of) {
      const bool hit = down ? fault.host == host
                            : fault.kind == FaultSpec::Kind::site_down &&
                                  (host_site_[host] == fault.site || datacenter_region_[host_site_[host]] == fault.site);
      if (hit) {
        diag_.error(fault_ptrs_[i], "takes down \"" + host + "\", which fails at random by " + ptr +
                                        " (the two would overlap at times no one chose)");
        break;
      }
    }
  }
}

}  // namespace halab
