#include "sim/scenario/zookeeper_reader.hpp"

#include "sim/scenario/units.hpp"

#include "sim/service/service_kind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace halab {
namespace {

// A zoo.cfg time in whole milliseconds (ZooKeeper reads them as integers).
void millis(const Fields& f, std::string_view key, int& out) {
  Duration d = Duration::seconds(out / 1e3);
  f.positive_duration(key, Fields::optional, d);
  const double ms = d.to_seconds() * 1e3;
  if (ms != std::floor(ms) || ms > 86400e3)
    f.diagnostics().error(f.pointer(key), "a whole number of milliseconds, at most a day (zoo.cfg's times are integers)");
  else out = static_cast<int>(ms);
}

}  // namespace

void read_zookeeper_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup) {
  refuse_failover_keys(cluster, "zookeeper", "its clients ping every third of the session timeout: /cluster/zookeeper/session_timeout",
                       "the ensemble's session expiry is its detector");
  const auto* z = cluster.get("zookeeper", Fields::required);
  if (!z) return;
  Fields f(*z, cluster.pointer("zookeeper"), cluster.diagnostics(),
           {"ensemble", "tick_time", "sync_limit", "session_timeout", "min_session_timeout", "max_session_timeout"});
  if (!f.is_object()) return;
  ZkConfig& c = spec.zookeeper;
  millis(f, "tick_time", c.tick_ms);
  millis(f, "session_timeout", c.session_timeout_ms);
  millis(f, "min_session_timeout", c.min_session_timeout_ms);
  millis(f, "max_session_timeout", c.max_session_timeout_ms);
  c.sync_limit = static_cast<int>(f.integer("sync_limit", Fields::optional, 1, 1000).value_or(c.sync_limit));
  if (c.min_timeout() > c.max_timeout())
    f.diagnostics().error(f.pointer("min_session_timeout"),
                          fmt::format("{} ms is above max_session_timeout ({} ms)", c.min_timeout(), c.max_timeout()));
  const auto ensemble = f.strings("ensemble", Fields::required);
  if (!ensemble) return;
  if (ensemble->empty()) {
    f.diagnostics().expected(f.pointer("ensemble"), "the hosts of at least one server", f.get("ensemble", Fields::optional));
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ensemble->size(); ++i) {
    const std::string& h = (*ensemble)[i];
    const std::string ptr = pointer_join(f.pointer("ensemble"), i);
    if (!lookup.known_host(h)) f.diagnostics().error(ptr, "\"" + h + "\" is not a host of /topology");
    else if (lookup.member_index(h) >= 0)
      f.diagnostics().error(ptr, "\"" + h + "\" is a client of the group (/cluster/members): servers run on hosts of their own");
    else if (!seen.insert(h).second) f.diagnostics().error(ptr, "\"" + h + "\" is listed twice");
    else lookup.claim_host(ptr, h);
  }
  c.servers = static_cast<std::uint32_t>(ensemble->size());
  // The client's readTimeout / 2 and connectTimeout (timeout / servers) are whole
  // milliseconds: neither may come to nothing.
  const int least = std::max(4, static_cast<int>(c.servers));
  if (c.min_timeout() <= c.max_timeout() && c.negotiated_timeout() < least)
    f.diagnostics().error(f.pointer("session_timeout"),
                          fmt::format("the negotiated session timeout is {} ms; at least {} ms are needed (its thirds and "
                                      "its share per server are whole milliseconds)",
                                      c.negotiated_timeout(), least));
  spec.ensemble = ensemble->size();
  for (const std::string& h : *ensemble) {
    spec.members.push_back(FailoverMember{h});
    spec.votes.push_back(1);
  }
  // A run too short for any session to expire gets a warning, not a silent run.
  const Duration session = Duration::millis(c.negotiated_timeout());
  if (c.min_timeout() <= c.max_timeout())
    warn_if_no_loss_shows(f.diagnostics(), f.pointer("session_timeout"), session, lookup.run,
                          fmt::format("a lost client leaves the group only when its session expires ({})",
                                      duration_text(session.to_seconds())));
}

void check_zookeeper_faults(const Scenario& s, const std::vector<std::string>& fault_pointers, Diagnostics& diag) {
  std::map<std::string, std::vector<std::string>> sites;  // datacenter or region -> its hosts
  for (const auto& r : s.topology.regions)
    for (const auto& d : r.datacenters) {
      sites[d.name] = d.hosts;
      sites[r.name].insert(sites[r.name].end(), d.hosts.begin(), d.hosts.end());
    }
  for (const ServiceSpec& svc : s.services) {
    const ClusterSpec& c = svc.cluster;
    if (!c.kind || c.kind->name != "zookeeper" || c.ensemble == 0 || c.members.size() < c.ensemble) continue;
    const std::string& leader = c.members.back().name;
    const std::string why = fmt::format(
        "\"{}\" leads service \"{}\"'s ZooKeeper ensemble (its highest id); electing another leader is not modelled, so no fault may",
        leader, svc.name);
    auto in_site = [&](const std::string& site) {
      const auto& hosts = sites[site];
      return std::find(hosts.begin(), hosts.end(), leader) != hosts.end();
    };
    for (std::size_t i = 0; i < s.faults.size() && i < fault_pointers.size(); ++i) {
      const FaultSpec& fault = s.faults[i];
      if (!fault.host.empty() && fault.host == leader &&
          (fault.kind == FaultSpec::Kind::crash || fault.kind == FaultSpec::Kind::stop || fault.kind == FaultSpec::Kind::pause))
        diag.error(fault_pointers[i] + "/host", why + " take it down");
      if (fault.kind == FaultSpec::Kind::site_down && in_site(fault.site))
        diag.error(fault_pointers[i] + "/site", why + " take its site down");
      if (fault.kind != FaultSpec::Kind::partition) continue;
      // The leader must keep a quorum of the servers within reach: those of its group and
      // those in none (a one-way cut breaks Zab's exchanges as well as a cut both ways).
      const auto group_of = [&fault](const std::string& h) {
        for (std::size_t g = 0; g < fault.groups.size(); ++g)
          if (std::find(fault.groups[g].begin(), fault.groups[g].end(), h) != fault.groups[g].end()) return static_cast<int>(g);
        return -1;
      };
      const int leader_group = group_of(leader);
      std::uint32_t with_leader = 0;
      for (std::size_t m = c.group_size(); m < c.members.size(); ++m) {
        const int g = group_of(c.members[m].name);
        with_leader += leader_group < 0 || g < 0 || g == leader_group;
      }
      if (with_leader < c.zookeeper.quorum())
        diag.error(fault_pointers[i] + "/groups",
                   why + fmt::format(" leave it with fewer than a quorum ({} of {}) of the servers", c.zookeeper.quorum(), c.ensemble));
    }
    for (std::size_t i = 0; i < s.failures.size(); ++i) {
      const FailureProcessSpec& p = s.failures[i];
      const bool hit = std::find(p.hosts.begin(), p.hosts.end(), leader) != p.hosts.end() ||
                       std::any_of(p.sites.begin(), p.sites.end(), in_site);
      if (hit) diag.error(pointer_join("/failures", i), why + " fail it at random");
    }
  }
}

}  // namespace halab
