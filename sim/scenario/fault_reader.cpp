// The /faults section of a scenario (docs/scenario-reference.md, "faults"): each fault's
// kind, times and target, checked against the hosts, services and tiers read before it,
// and faults that contradict each other (two crashes of one host while it is down).
#include "sim/scenario/crm_reader.hpp"
#include "sim/scenario/keepalived_reader.hpp"
#include "sim/scenario/scenario_reader.hpp"
#include "sim/service/service_kind.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace halab {

using Need = Fields::Need;

void ScenarioReader::read_faults(const Fields& f, Scenario& s) {
  const auto* faults = f.get("faults", Need::optional);
  if (!faults) return;
  if (!faults->is_array()) {
    diag_.expected("/faults", "an array of faults", faults);
    return;
  }
  for (std::size_t i = 0; i < faults->size(); ++i) {
    std::string ptr = pointer_join("/faults", i);
    if (auto fault = read_fault((*faults)[i], ptr, s)) {
      s.faults.push_back(std::move(*fault));
      fault_ptrs_.push_back(ptr);
    }
  }
  check_fault_overlaps(s);
}

// A stop names a host and, where the host runs both, which process: its cluster member
// (keepalived's graceful resignation) or its tier (a drain).
void ScenarioReader::read_stop_fault(const Fields& f, FaultSpec& fault) {
  auto host = f.string("host", Need::required);
  if (!host) return;
  fault.host = *host;
  const bool member = members_.count(*host) > 0, tier = tier_hosts_.count(*host) > 0;
  if (!member && !tier) {
    diag_.expected(f.pointer("host"), "a cluster member or a host of a /stack tier", f.get("host", Need::optional));
    return;
  }
  const auto* process = f.get("process", Need::optional);
  if (!process && member && tier) {
    diag_.expected(f.pointer("process"), "\"member\" or \"tier\": \"" + *host + "\" runs both a cluster member and a tier",
                   nullptr);
    return;
  }
  if (process && (!process->is_string() || (*process != "member" && *process != "tier"))) {
    diag_.expected(f.pointer("process"), "\"member\" or \"tier\"", process);
    return;
  }
  fault.tier_process = process ? *process == "tier" : tier;
  if (fault.tier_process && !tier)
    diag_.error(f.pointer("process"), "\"" + *host + "\" runs no tier of /stack");
  else if (!fault.tier_process && !member)
    diag_.error(f.pointer("process"), "\"" + *host + "\" runs no cluster member");
  else if (fault.tier_process && director_hosts_.count(*host))
    diag_.error(f.pointer("host"), "\"" + *host + "\" is an LVS director: it has no work to drain (crash it instead)");
}

std::optional<FaultSpec> ScenarioReader::read_fault(const nlohmann::json& v, const std::string& ptr, const Scenario& s) {
  const auto* kind_value = v.is_object() && v.contains("kind") ? &v["kind"] : nullptr;
  std::string kind = kind_value && kind_value->is_string() ? kind_value->get<std::string>() : "";
  std::vector<std::string_view> keys = {"kind", "at"};
  FaultSpec fault;
  std::string until_key;
  if (kind == "crash" || kind == "stop") {
    keys = {"kind", "at", "host", "restart_at"};
    if (kind == "stop") keys.push_back("process");
    fault.kind = kind == "crash" ? FaultSpec::Kind::crash : FaultSpec::Kind::stop;
    until_key = "restart_at";
  } else if (kind == "check-fail") {
    keys = {"kind", "at", "until", "host", "script"};
    fault.kind = FaultSpec::Kind::check_fail;
    until_key = "until";
  } else if (kind == "partition") {
    keys = {"kind", "at", "until", "groups", "one_way"};
    fault.kind = FaultSpec::Kind::partition;
    until_key = "until";
  } else if (kind == "link-down") {
    keys = {"kind", "at", "until", "link"};
    fault.kind = FaultSpec::Kind::link_down;
    until_key = "until";
  } else if (kind == "pause" || kind == "hang") {
    keys = {"kind", "at", "until", "host"};
    fault.kind = kind == "pause" ? FaultSpec::Kind::pause : FaultSpec::Kind::hang;
    until_key = "until";
  } else if (kind == "site-down") {
    keys = {"kind", "at", "restart_at", "site"};
    fault.kind = FaultSpec::Kind::site_down;
    until_key = "restart_at";
  } else if (kind == "disk-full" || kind == "replication-broken") {
    keys = {"kind", "at", "until", "host"};
    if (kind == "replication-broken") keys.push_back("thread");
    fault.kind = kind == "disk-full" ? FaultSpec::Kind::disk_full : FaultSpec::Kind::replication_broken;
    until_key = "until";
  } else if (kind == "operator-error") {
    keys = {"kind", "at", "restore_at", "tier", "share"};
    fault.kind = FaultSpec::Kind::operator_error;
    until_key = "restore_at";
  } else if (kind == "slow") {
    keys = {"kind", "at", "until", "host", "factor"};
    fault.kind = FaultSpec::Kind::slow;
    until_key = "until";
  } else if (kind == "fence-device-failure") {
    keys = {"kind", "at", "until", "service"};
    fault.kind = FaultSpec::Kind::fence_device_failure;
    until_key = "until";
  } else if (kind == "agent-fail") {
    keys = {"kind", "at", "until", "host", "resource", "operation", "rc"};
    fault.kind = FaultSpec::Kind::agent_fail;
    until_key = "until";
  } else if (kind == "degrade") {
    keys = {"kind", "at", "until", "link", "extra_latency", "loss"};
    fault.kind = FaultSpec::Kind::degrade;
    until_key = "until";
  }
  if (until_key.empty()) {
    // Without a known kind the other keys cannot be judged: report the kind alone.
    if (v.is_object()) diag_.expected(pointer_join(ptr, "kind"), "\"crash\", \"stop\", \"partition\", \"degrade\", \"link-down\", \"pause\", \"hang\", \"slow\", \"site-down\", \"fence-device-failure\", \"agent-fail\", \"check-fail\", \"disk-full\", \"replication-broken\" or \"operator-error\"", kind_value);
    else diag_.expected(ptr, "an object", &v);
    return std::nullopt;
  }
  Fields f(v, ptr, diag_, keys);
  std::size_t errors_before = diag_.errors().size();
  if (auto at = f.duration("at", Need::required)) {
    fault.at = Instant() + *at;
    check_time(f.pointer("at"), fault.at, s);
  }
  if (auto until = f.duration(until_key, Need::optional)) {
    fault.until = Instant() + *until;
    if (*fault.until <= fault.at)
      diag_.error(f.pointer(until_key), "expected a time after \"at\" (" + describe(fault.at.to_seconds()) + "s), found " +
                                            describe(fault.until->to_seconds()) + "s");
    check_time(f.pointer(until_key), *fault.until, s);
  }
  if (fault.kind == FaultSpec::Kind::pause && !fault.until)
    diag_.expected(f.pointer("until"), "the time the paused host resumes", nullptr);
  if (s.services.empty()) return std::nullopt;  // the services are too wrong to judge a fault by
  // The service a fault acts on: its host's, the one it names, or the only one.
  const ServiceSpec* service = &s.services.front();
  if (const auto* host = f.get("host", Need::optional); host && host->is_string())
    if (const ServiceSpec* of_host = s.service_of(host->get<std::string>())) service = of_host;
  if (fault.kind == FaultSpec::Kind::fence_device_failure) {
    if (auto name = f.string("service", s.services.size() > 1 ? Need::required : Need::optional)) {
      if (const ServiceSpec* named = s.service_named(*name)) service = named;
      else diag_.expected(f.pointer("service"), "the name of a service", f.get("service", Need::optional));
    }
    fault.service = service->name;
    if (service->cluster.fencing.mode != FencingMode::device)
      diag_.error(f.pointer("kind"), "needs a cluster with \"fencing\": {\"mode\": \"device\"}");
  }
  if (fault.kind == FaultSpec::Kind::agent_fail) read_agent_fault(f, service->cluster, fault);
  auto understands = [&fault](const ServiceKind* k) {
    return k && std::find(k->own_faults.begin(), k->own_faults.end(), fault.kind) != k->own_faults.end();
  };
  for (const ServiceKind& k : service_kinds())
    if (understands(&k) && !understands(service->cluster.kind))
      diag_.error(f.pointer("kind"), fmt::format("needs \"manager\": \"{}\" (a fault only its members understand)", k.name));
  if (fault.kind == FaultSpec::Kind::check_fail) read_check_fault(f, service->cluster, fault);
  if (fault.kind == FaultSpec::Kind::crash || fault.kind == FaultSpec::Kind::pause) {
    // a host's processes: its cluster member, its tier, or both
    if (auto host = f.string("host", Need::required)) {
      fault.host = *host;
      if (!members_.count(*host) && !tier_hosts_.count(*host))
        diag_.expected(f.pointer("host"), "a cluster member or a host of a /stack tier", f.get("host", Need::optional));
    }
  } else if (fault.kind == FaultSpec::Kind::stop) {
    read_stop_fault(f, fault);
  } else if (fault.kind == FaultSpec::Kind::check_fail) {
    if (auto host = f.string("host", Need::required)) {
      fault.host = *host;
      if (!members_.count(*host)) diag_.expected(f.pointer("host"), "a cluster member", f.get("host", Need::optional));
    }
  } else if (fault.kind == FaultSpec::Kind::site_down) {
    // a power cut of a datacenter or a region: its cluster members and tier hosts crash
    if (auto site = f.string("site", Need::required)) {
      fault.site = *site;
      if (!datacenter_region_.count(*site) && !regions_.count(*site)) {
        diag_.expected(f.pointer("site"), "the name of a datacenter or a region", f.get("site", Need::optional));
      } else {
        bool any = false;
        for (const auto& [host, dc] : host_site_)
          if ((dc == *site || datacenter_region_[dc] == *site) && (members_.count(host) || tier_hosts_.count(host))) any = true;
        if (!any) diag_.error(f.pointer("site"), "no cluster member or tier host runs in \"" + *site + "\"");
      }
    }
  } else if (fault.kind == FaultSpec::Kind::hang || fault.kind == FaultSpec::Kind::slow) {
    if (auto host = f.string("host", Need::required)) {
      fault.host = *host;
      if (!tier_hosts_.count(*host)) diag_.expected(f.pointer("host"), "a host of a /stack tier", f.get("host", Need::optional));
      else if (fault.kind == FaultSpec::Kind::slow && director_hosts_.count(*host))
        diag_.error(f.pointer("host"), "\"" + *host + "\" is an LVS director: it has no service time to slow");
    }
    if (fault.kind == FaultSpec::Kind::slow)
      fault.factor = f.number("factor", Need::required, 1, 1e6).value_or(1);
  } else if (fault.kind == FaultSpec::Kind::disk_full || fault.kind == FaultSpec::Kind::replication_broken) {
    if (auto host = f.string("host", Need::required)) {
      fault.host = *host;
      if (!database_hosts_.count(*host))
        diag_.expected(f.pointer("host"), "a host of a /stack tier with a \"database\"", f.get("host", Need::optional));
    }
    if (auto thread = f.string("thread", Need::optional)) {
      if (*thread == "io") fault.receiving = true;
      else if (*thread != "sql")
        diag_.expected(f.pointer("thread"), "\"sql\" (the applier stops) or \"io\" (the receiver stops)", f.get("thread", Need::optional));
    }
  } else if (fault.kind == FaultSpec::Kind::operator_error) {
    // DROP TABLE: replicated everywhere, the table's data is gone until it is restored
    if (auto tier = f.string("tier", Need::required)) {
      fault.tier = *tier;
      const TierSpec* db = nullptr;
      if (s.stack)
        for (const auto& t : s.stack->tiers)
          if (t.name == *tier && t.database) db = &t;
      if (!db) diag_.expected(f.pointer("tier"), "the name of a /stack tier with a \"database\"", f.get("tier", Need::optional));
      else if (fault.until && !db->database->backup_interval)
        diag_.error(f.pointer("restore_at"), "a restore needs backups: give the tier's database a \"backup_interval\"");
    }
    fault.share = f.number("share", Need::optional, 1e-6, 1).value_or(1);
    if (s.workload.key_count == 0 && fault.share < 1)
      diag_.error(f.pointer("share"), "a table holding part of the keys needs keys: give /workload/keys");
  } else if (fault.kind == FaultSpec::Kind::partition) {
    fault.one_way = f.boolean("one_way", Need::optional).value_or(false);
    const auto* groups = f.get("groups", Need::required);
    if (groups && (!groups->is_array() || groups->size() < 2)) {
      diag_.expected(f.pointer("groups"), "an array of at least 2 groups of hosts", groups);
    } else if (groups) {
      std::set<std::string> seen;
      for (std::size_t g = 0; g < groups->size(); ++g) {
        std::string gptr = pointer_join(f.pointer("groups"), g);
        const auto& group = (*groups)[g];
        if (!group.is_array() || group.empty()) {
          diag_.expected(gptr, "a non-empty array of host names", &group);
          continue;
        }
        std::vector<std::string> names;
        for (std::size_t h = 0; h < group.size(); ++h) {
          std::string hptr = pointer_join(gptr, h);
          if (!group[h].is_string()) {
            diag_.expected(hptr, "a host name", &group[h]);
            continue;
          }
          std::string name = group[h].get<std::string>();
          check_host(hptr, name, group[h]);
          if (!seen.insert(name).second) diag_.error(hptr, "\"" + name + "\" is in two groups of one partition");
          names.push_back(name);
        }
        fault.groups.push_back(std::move(names));
      }
    }
  } else if (fault.kind == FaultSpec::Kind::degrade || fault.kind == FaultSpec::Kind::link_down) {
    if (const auto* link = f.get("link", Need::required))
      if (auto ref = read_link_ref(*link, f.pointer("link"))) fault.link = *ref;
  }
  if (fault.kind == FaultSpec::Kind::degrade) {
    if (auto extra = f.duration("extra_latency", Need::optional)) fault.extra_latency = *extra;
    fault.loss = f.number("loss", Need::optional, 0.0, 1.0).value_or(0.0);
    if (!f.get("extra_latency", Need::optional) && !f.get("loss", Need::optional))
      diag_.expected(f.pointer(), "\"extra_latency\" or \"loss\" (a degradation that changes nothing)", &v);
  }
  if (diag_.errors().size() != errors_before) return std::nullopt;
  return fault;
}

std::string ScenarioReader::overlap_key(const FaultSpec& f) {
  if (f.kind == FaultSpec::Kind::crash || f.kind == FaultSpec::Kind::pause || f.kind == FaultSpec::Kind::stop)
    return "down:" + f.host;
  if (f.kind == FaultSpec::Kind::check_fail) return "check:" + f.host + "|" + std::to_string(f.script);
  if (f.kind == FaultSpec::Kind::hang || f.kind == FaultSpec::Kind::slow) return "tier:" + f.host;
  if (f.kind == FaultSpec::Kind::fence_device_failure) return "fence-device:" + f.service;
  if (f.kind == FaultSpec::Kind::disk_full) return "disk:" + f.host;
  if (f.kind == FaultSpec::Kind::replication_broken) return (f.receiving ? "receiver:" : "applier:") + f.host;
  if (f.kind == FaultSpec::Kind::operator_error) return "table:" + f.tier;
  std::string link = f.link.between ? f.link.between->first + "|" + f.link.between->second : f.link.host;
  if (f.kind == FaultSpec::Kind::degrade) return "degrade:" + link;
  if (f.kind == FaultSpec::Kind::link_down) return "cut:" + link;
  return "";
}

void ScenarioReader::check_fault_overlaps(const Scenario& s) {
  auto end_of = [&](const FaultSpec& f) { return f.until.value_or(Instant::never()); };
  // Per host, link or device, in time order: each fault against the one reaching furthest
  // among those before it (O(n log n), whatever the number of faults).
  std::map<std::string, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < s.faults.size(); ++i)
    if (std::string key = overlap_key(s.faults[i]); !key.empty()) by_key[key].push_back(i);
  std::vector<std::pair<std::size_t, std::size_t>> overlaps;  // (later, earlier)
  for (auto& [key, faults] : by_key) {
    std::stable_sort(faults.begin(), faults.end(), [&](std::size_t a, std::size_t b) { return s.faults[a].at < s.faults[b].at; });
    std::size_t furthest = faults.front();
    for (std::size_t k = 1; k < faults.size(); ++k) {
      const std::size_t j = faults[k];
      if (s.faults[j].at < end_of(s.faults[furthest])) overlaps.emplace_back(std::max(j, furthest), std::min(j, furthest));
      if (end_of(s.faults[j]) > end_of(s.faults[furthest])) furthest = j;
    }
  }
  std::sort(overlaps.begin(), overlaps.end());
  for (const auto& [j, i] : overlaps) {
    const FaultSpec& a = s.faults[i];
    diag_.error(fault_ptrs_[j], "overlaps " + fault_ptrs_[i] + " on the same " +
                                    (a.kind == FaultSpec::Kind::crash || a.kind == FaultSpec::Kind::pause ||
                                             a.kind == FaultSpec::Kind::stop
                                         ? "host while it is down or paused"
                                     : a.kind == FaultSpec::Kind::check_fail           ? "tracked script"
                                     : a.kind == FaultSpec::Kind::hang || a.kind == FaultSpec::Kind::slow
                                         ? "tier process (hang, slow)"
                                     : a.kind == FaultSpec::Kind::fence_device_failure ? "fence device"
                                     : a.kind == FaultSpec::Kind::disk_full            ? "database's disk"
                                     : a.kind == FaultSpec::Kind::replication_broken   ? "replication thread"
                                     : a.kind == FaultSpec::Kind::operator_error       ? "database"
                                                                                       : "link"));
  }
}

}  // namespace halab
