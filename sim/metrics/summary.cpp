#include "sim/metrics/summary.hpp"

#include "models/failover/floating_ip.hpp"
#include "models/storage/write_conflicts.hpp"
#include "sim/metrics/crm_outcome.hpp"
#include "sim/metrics/latency_sample.hpp"
#include "sim/metrics/outage_runs.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace halab {
namespace {


nlohmann::ordered_json or_null(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

// A fault beginning (a check-fail fault's end is traced as fault.check too; a site-down
// fault is also one crash per host, with its index).
bool is_fault(const std::string& ev, const TraceEvent& e) {
  if (ev == event::fault_check) return e.value("failing", false);
  if (ev == event::fault_hang) return e["hung"].get<bool>();
  if (ev == event::fault_slow) return e["factor"].get<double>() > 1;
  if (ev == event::fault_site) return e["down"].get<bool>();
  if (ev == event::fault_disk_full) return e["full"].get<bool>();
  if (ev == event::fault_replication) return e["broken"].get<bool>();
  if (ev == event::db_drop) return true;
  return ev == event::fault_crash || ev == event::fault_stop || ev == event::fault_partition || ev == event::fault_degrade || ev == event::fault_link_down ||
         ev == event::fault_pause || ev == event::fault_agent_fail;
}

// The quorate views of live nodes. Views that share a node belong to one partition (nodes
// of one partition install a new view at slightly different moments), so partitions holding
// quorum are the connected groups of overlapping quorate views.
class QuorateViews {
public:
  void belief(const std::string& node, bool quorate, const nlohmann::ordered_json& members) {
    if (!quorate) {
      views_.erase(node);
      return;
    }
    std::set<std::string>& view = views_[node];
    view.clear();
    for (const auto& m : members) view.insert(m.get<std::string>());
  }
  void gone(const std::string& node) { views_.erase(node); }
  std::size_t partitions() const {
    std::map<std::string, std::string> parent;
    std::function<std::string(const std::string&)> find = [&](const std::string& x) {
      auto it = parent.find(x);
      if (it == parent.end() || it->second == x) return x;
      return it->second = find(it->second);
    };
    for (const auto& [node, view] : views_)
      for (const auto& m : view) {
        parent.try_emplace(m, m);
        parent[find(m)] = find(*view.begin());
      }
    std::set<std::string> roots;
    for (const auto& [node, view] : views_) roots.insert(find(*view.begin()));
    return roots.size();
  }

private:
  std::map<std::string, std::set<std::string>> views_;
};

// One floating IP's holders, replayed with the simulation's own rule.
struct IpAccount {
  std::string service;  // the service serving it
  FloatingIp<std::string> ip;
  bool first_take_seen = false;
  std::optional<std::string> last_holder;  // who took the IP last (clients may no longer reach it)
  std::map<std::string, double> took_at;   // when each node last took it
  double split_since = 0;
  double without_service_since = 0;  // valid while nobody holds the IP
  bool ever_served = false;
  ServiceFigures figures;
};

} // namespace

// What summarising has seen so far: the summary being built and what its figures need.
struct SummaryBuilder::State {
  Summary s;
  std::map<std::string, IpAccount> ips;  // by address ("" in traces that do not name it)
  IncidentLog incidents;
  ServiceTime service_time;
  LatencySample latencies;
  OutageRuns outage_runs;
  std::vector<std::size_t> waiting_for_success;  // failovers without a first success yet
  std::optional<std::string> clients_vip;        // the IP the clients call (none: a DNS name)
  QuorateViews quorate_views;
  std::vector<WriteRecord> accepted_writes;
  CrmOutcome crm;
  RequestPath path;
  std::set<std::uint64_t> fault_indices;  // a fault counts once, however many events it has
  MembershipViews membership;
};

SummaryBuilder::SummaryBuilder(double outages_from_s, double reorder_s) : state_(std::make_unique<State>()) {
  state_->outage_runs = OutageRuns(outages_from_s, reorder_s);
}
SummaryBuilder::~SummaryBuilder() = default;
SummaryBuilder::SummaryBuilder(SummaryBuilder&&) noexcept = default;
SummaryBuilder& SummaryBuilder::operator=(SummaryBuilder&&) noexcept = default;

void SummaryBuilder::observe(const TraceEvent& e) {
  auto& [s, ips, incidents, service_time, latencies, outage_runs, waiting_for_success, clients_vip, quorate_views,
         accepted_writes, crm, path, fault_indices, membership] = *state_;
  crm.observe(e);
  membership.observe(e);
  path.observe(e);
  incidents.observe(e);
  service_time.observe(e);
  double t = e["t"].get<double>();
  const std::string& ev = e["ev"].get_ref<const std::string&>();
  if ((ev.rfind("fault.", 0) == 0 || ev == event::db_drop) && e.contains("fault")) {
    outage_runs.fault(t, e["fault"].get<std::uint64_t>(), e.value("planned", false));
  }
  if (ev == event::run_start) {
    s.scenario = e.value("scenario", "");
    s.seed = e.value("seed", std::uint64_t{0});
    s.storage = e.value("storage", true);
    if (e.contains("dns")) s.dns_name = e["dns"].get<std::string>();
    if (e.contains("vip")) clients_vip = e["vip"].get<std::string>();
    for (const auto& svc : e.value("services", TraceEvent::array())) {
      if (svc.contains("vip")) ips[svc["vip"].get<std::string>()].service = svc["name"].get<std::string>();
      if (svc.contains("resources")) crm.track(svc["resources"].get<std::vector<std::string>>());
    }
  } else if (ev == event::dns_resolve) {
    ++s.dns_answers[e["service"].get<std::string>()];
  } else if (ev == event::dns_health) {
    s.dns_changes.push_back({t, e["service"].get<std::string>(), e["healthy"].get<bool>()});
  } else if (ev == event::run_warning) {
    s.warnings.push_back(e["pointer"].get<std::string>() + ": " + e["message"].get<std::string>());
  } else if (ev == event::run_end) {
    s.duration_s = t;
  } else if (is_fault(ev, e)) {
    if (fault_indices.insert(e["fault"].get<std::uint64_t>()).second) ++s.faults;
    if (ev == event::fault_crash) quorate_views.gone(e["host"].get<std::string>());
  } else if (ev == event::belief) {
    quorate_views.belief(e["node"].get<std::string>(), e["quorate"].get<bool>(), e["members"]);
    s.quorate_partitions = std::max<std::uint64_t>(s.quorate_partitions, quorate_views.partitions());
  } else if (ev == event::storage_write) {
    if (e["result"] == "accepted") {
      ++s.writes_accepted;
      accepted_writes.push_back({t, e["node"].get<std::string>(), e["epoch"].get<std::uint64_t>()});
    } else {
      ++s.writes_refused;
    }
  } else if (ev == event::fence_done) {
    if (e["success"].get<bool>()) {
      s.fenced.push_back({e["target"].get<std::string>(), t, e["by"].get<std::string>()});
      if (e["kind"] == "power") quorate_views.gone(e["target"].get<std::string>());
    } else {
      ++s.fence_failures;
    }
  } else if (ev == event::fence_self) {
    s.fenced.push_back({e["node"].get<std::string>(), t, e["node"].get<std::string>()});
    quorate_views.gone(e["node"].get<std::string>());
  } else if (ev == event::ip_arp) {
    ips[e.value("ip", "")].ip.announce(e["node"].get<std::string>());
  } else if (ev == event::ip_take || ev == event::ip_release) {
    IpAccount& account = ips[e.value("ip", "")];
    FloatingIp<std::string>& ip = account.ip;
    const std::string node = e["node"].get<std::string>();
    std::size_t before = ip.holder_count();
    if (ev == event::ip_take) {
      if (account.first_take_seen) {
        FailoverRecord f;
        f.service = account.service;
        f.node = node;
        f.from = ip.arp_owner();
        // Attributed by the holder it replaces: the one clients were sent to, else the
        // last one (a resigned or crashed Master no client reaches any more).
        std::optional<std::string> replaced = f.from ? f.from : account.last_holder;
        if (replaced == node) replaced.reset();
        const auto since = replaced ? account.took_at.find(*replaced) : account.took_at.end();
        f.cause = incidents.cause(t, replaced, since == account.took_at.end() ? 0.0 : since->second, node);
        if (!f.cause && !replaced && before == 0) f.cause = incidents.latest_before(account.without_service_since);
        if (f.cause) {
          f.fault_at_s = f.cause->at_s;
          IncidentPhases phases = incidents.phases(*f.cause, t, replaced, node);
          f.detected_at_s = phases.detected_at_s;
          f.decided_at_s = phases.decided_at_s;
          f.fenced_at_s = phases.fenced_at_s;
        }
        f.ip_moved_at_s = t;
        f.reason = e.value("reason", "");
        f.client_facing = !clients_vip || *clients_vip == e.value("ip", "");
        s.failovers.push_back(f);
        ++account.figures.failovers;
        if (f.client_facing) {
          // An earlier failover of this IP whose holder served no one before the IP moved
          // again has no first success (not the next time that node holds the IP).
          std::erase_if(waiting_for_success, [&failovers = s.failovers, &f](std::size_t i) { return failovers[i].service == f.service; });
          waiting_for_success.push_back(s.failovers.size() - 1);
        }
      }
      account.first_take_seen = true;
      account.last_holder = node;
      account.took_at[node] = t;
      if (e.value("announced", true)) ip.take(node);
      else ip.bind(node);
    } else if (e.value("reason", "") == kCrashReason) {
      ip.crashed(node);
    } else {
      ip.release(node);
    }
    std::size_t after = ip.holder_count();
    ServiceFigures& fig = account.figures;
    // Counted from the first start: a cluster's boot is not an outage (unless it never ends).
    if (before == 0 && after > 0 && account.ever_served) fig.no_service_s += t - account.without_service_since;
    account.ever_served = account.ever_served || after > 0;
    if (before > 0 && after == 0) account.without_service_since = t;
    fig.max_ip_holders = std::max<std::uint64_t>(fig.max_ip_holders, after);
    if (before <= 1 && after > 1) account.split_since = t;
    if (before > 1 && after <= 1) fig.split_brain_s += t - account.split_since;
  } else if (ev == event::request) {
    ++s.requests_total;
    bool ok = e["outcome"] == "ok";
    if (!ok) ++s.requests_failed;
    outage_runs.outcome(e["sent"].get<double>(), t, ok, ok && e.value("degraded", false));
    if (ok) {
      latencies.record(e["latency_s"].get<double>());
      const std::string server = e.value("server", "");
      std::erase_if(waiting_for_success, [&failovers = s.failovers, &server, t](std::size_t i) {
        if (failovers[i].node != server) return false;
        failovers[i].first_success_at_s = t;
        return true;
      });
    }
  }
}

Summary SummaryBuilder::finish() && {
  auto& [s, ips, incidents, service_time, latencies, outage_runs, waiting_for_success, clients_vip, quorate_views,
         accepted_writes, crm, path, fault_indices, membership] = *state_;
  s.time_availability = service_time.time_availability();
  s.clients = service_time.clients();
  s.datacenters = service_time.datacenters();
  s.placement = crm.placement();
  s.promoted = crm.promoted();
  s.start_order = crm.start_order();
  s.crm_transitions = crm.transitions();
  s.crm_failed_operations = crm.failed_operations();
  s.resources_down_s = crm.resources_down_s(s.duration_s);
  s.resource_down_s = crm.resource_down_s(s.duration_s);
  s.failures = path.failures();
  s.requests_degraded = path.degraded();
  s.blame = path.blame();
  s.tiers = path.tiers();
  s.membership = membership.finish();
  // Per floating IP, then the run's figures: the most holders of any one IP, split brain and
  // time without a holder summed over the IPs.
  for (auto& [address, account] : ips) {
    ServiceFigures& fig = account.figures;
    if (account.ip.holder_count() > 1) fig.split_brain_s += s.duration_s - account.split_since;
    if (account.ip.holder_count() == 0)
      fig.no_service_s += s.duration_s - (account.ever_served ? account.without_service_since : 0.0);
    s.max_ip_holders = std::max(s.max_ip_holders, fig.max_ip_holders);
    s.split_brain_s += fig.split_brain_s;
    s.no_service_s += fig.no_service_s;
    if (!account.service.empty()) s.services[account.service] = fig;
  }
  WriteConflicts conflicts = count_conflicting_writes(accepted_writes);
  s.corrupted_writes = conflicts.conflicting;
  s.writes_lost = conflicts.lost;
  if (s.requests_total > 0)
    s.availability = static_cast<double>(s.requests_total - s.requests_failed) / static_cast<double>(s.requests_total);
  for (const auto& f : s.failovers) {
    s.false_failovers += f.false_alarm();
    if (!f.fault_at_s) continue;
    s.max_failover_s = std::max(s.max_failover_s.value_or(0.0), f.ip_moved_at_s - *f.fault_at_s);
    if (f.detected_at_s) s.max_detection_s = std::max(s.max_detection_s.value_or(0.0), *f.detected_at_s - *f.fault_at_s);
  }
  s.latency_p50_s = latencies.percentile(0.50);
  s.latency_p99_s = latencies.percentile(0.99);
  const OutageFigures runs = outage_runs.finish(s.duration_s);
  s.max_outage_s = runs.max_outage_s;
  s.down_s = runs.down_s;
  s.outages = runs.outages;
  s.planned_down_s = runs.planned_down_s;
  s.planned_outages = runs.planned_outages;
  s.degraded_s = runs.degraded_s;
  return std::move(s);
}

Summary summarize(const std::vector<TraceEvent>& events) {
  SummaryBuilder builder;
  for (const auto& e : events) builder.observe(e);
  return std::move(builder).finish();
}

nlohmann::ordered_json Summary::to_json() const {
  nlohmann::ordered_json j;
  j["scenario"] = scenario;
  j["seed"] = seed;
  j["duration_s"] = duration_s;
  j["availability"] = or_null(availability);
  j["time_availability"] = or_null(time_availability);
  auto figures = [](const std::map<std::string, ServedFigures>& by) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [name, f] : by)
      out[name] = {{"availability", or_null(f.availability())}, {"time_availability", or_null(f.time_availability())},
                   {"unserved_s", f.window_s - f.served_s}, {"requests_total", f.requests}, {"requests_failed", f.failed}};
    return out;
  };
  j["clients"] = figures(clients);
  j["datacenters"] = figures(datacenters);
  j["requests_total"] = requests_total;
  j["requests_failed"] = requests_failed;
  j["latency_p50_s"] = latency_p50_s;
  j["latency_p99_s"] = latency_p99_s;
  j["max_outage_s"] = max_outage_s;
  j["down_s"] = down_s;
  j["outages"] = outages;
  j["mean_outage_s"] = outages > 0 ? nlohmann::ordered_json(down_s / static_cast<double>(outages)) : nlohmann::ordered_json(nullptr);
  j["mean_time_between_outages_s"] =
      outages > 0 ? nlohmann::ordered_json((duration_s - down_s) / static_cast<double>(outages)) : nlohmann::ordered_json(nullptr);
  j["planned_outages"] = planned_outages;
  j["planned_down_s"] = planned_down_s;
  j["degraded_s"] = degraded_s;
  j["faults"] = faults;
  j["warnings"] = warnings;
  j["failovers"] = nlohmann::ordered_json::array();
  for (const auto& f : failovers) {
    nlohmann::ordered_json r;
    r["service"] = f.service;
    r["node"] = f.node;
    r["from"] = f.from ? nlohmann::ordered_json(*f.from) : nlohmann::ordered_json(nullptr);
    r["cause"] = f.cause ? nlohmann::ordered_json(f.cause->what) : nlohmann::ordered_json(nullptr);
    r["fault"] = f.cause ? nlohmann::ordered_json(f.cause->fault) : nlohmann::ordered_json(nullptr);
    r["fault_at_s"] = or_null(f.fault_at_s);
    r["detected_at_s"] = or_null(f.detected_at_s);
    r["decided_at_s"] = or_null(f.decided_at_s);
    r["fenced_at_s"] = or_null(f.fenced_at_s);
    r["ip_moved_at_s"] = f.ip_moved_at_s;
    r["first_success_at_s"] = or_null(f.first_success_at_s);
    r["client_facing"] = f.client_facing;
    r["reason"] = f.reason;
    r["false"] = f.false_alarm();
    j["failovers"].push_back(r);
  }
  // Each attributed failover's phases, in seconds after its cause.
  j["incidents"] = nlohmann::ordered_json::array();
  for (const auto& f : failovers) {
    if (!f.fault_at_s) continue;
    auto after = [&f](const std::optional<double>& at) {
      return at ? nlohmann::ordered_json(*at - *f.fault_at_s) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json i;
    i["cause"] = f.cause->what;
    i["fault"] = f.cause->fault;
    i["at_s"] = *f.fault_at_s;
    i["from"] = f.from ? nlohmann::ordered_json(*f.from) : nlohmann::ordered_json(nullptr);
    i["to"] = f.node;
    i["detect_s"] = after(f.detected_at_s);
    i["decide_s"] = after(f.decided_at_s);
    i["fence_s"] = after(f.fenced_at_s);
    i["move_s"] = f.ip_moved_at_s - *f.fault_at_s;
    i["first_success_s"] = after(f.first_success_at_s);
    i["false"] = f.false_alarm();
    j["incidents"].push_back(i);
  }
  j["false_failovers"] = false_failovers;
  j["max_failover_s"] = or_null(max_failover_s);
  j["max_detection_s"] = or_null(max_detection_s);
  j["max_ip_holders"] = max_ip_holders;
  j["split_brain_s"] = split_brain_s;
  j["split_brain"] = max_ip_holders > 1;
  j["no_service_s"] = no_service_s;
  auto measured = [this](std::uint64_t n) { return storage ? nlohmann::ordered_json(n) : nlohmann::ordered_json(nullptr); };
  j["writes_accepted"] = measured(writes_accepted);
  j["corrupted_writes"] = measured(corrupted_writes);
  j["writes_lost"] = measured(writes_lost);
  j["writes_refused"] = measured(writes_refused);
  j["fenced"] = nlohmann::ordered_json::array();
  for (const auto& f : fenced) j["fenced"].push_back({{"node", f.node}, {"at_s", f.at_s}, {"by", f.by}});
  j["fence_failures"] = fence_failures;
  j["quorate_partitions"] = quorate_partitions;
  j["placement"] = placement;
  j["promoted"] = promoted;
  j["start_order"] = start_order;
  j["crm_transitions"] = crm_transitions;
  j["crm_failed_operations"] = crm_failed_operations;
  j["resources_down_s"] = or_null(resources_down_s);
  j["resource_down_s"] = resource_down_s;
  j["requests_degraded"] = requests_degraded;
  j["failures"] = failures;
  j["blame"] = blame;
  j["tiers"] = nlohmann::ordered_json::object();
  for (const auto& [name, t] : tiers) {
    nlohmann::ordered_json& out = j["tiers"][name];
    if (t.director) {
      out = {{"requests", t.requests}, {"forwarded", t.forwarded}, {"no_backend", t.failed(CallFailure::no_backend)}};
      continue;
    }
    out = nlohmann::ordered_json::object();
    t.write_to(out);
    out["failed"] = t.failed();
    out["success_rate"] = or_null(t.success_rate());
    out["max_busy"] = t.max_busy;
    out["max_queue"] = t.max_queue;
    out["latency_p50_s"] = or_null(t.latency.percentile(0.5));
    out["latency_p99_s"] = or_null(t.latency.percentile(0.99));
    if (t.buffer) {
      t.buffer->write_to(out);
      out["undelivered"] = t.buffer->undelivered();
    }
    if (t.cache) {
      t.cache->write_to(out);
      out["cache_hit_rate"] = t.cache->lookups ? nlohmann::ordered_json(static_cast<double>(t.cache->hits) /
                                                                        static_cast<double>(t.cache->lookups))
                                               : nlohmann::ordered_json(nullptr);
    }
    if (t.served) t.served->write_to(out);
    if (t.sentinel) {
      out["promotions"] = t.sentinel->promotions;
      out["failover_s"] = t.sentinel->max_failover_s ? nlohmann::ordered_json(*t.sentinel->max_failover_s)
                                                      : nlohmann::ordered_json(nullptr);
      out["sets_discarded"] = t.sentinel->sets_discarded;
    }
    if (t.database) {
      const DatabaseFigures& d = *t.database;
      d.write_to(out);
      out["promotions"] = d.promotions;
      out["writes_lost"] = d.writes_lost;
      out["unacknowledged_lost"] = d.unacknowledged_lost;
      out["lost_window_s"] = d.lost_window_s;
      out["semi_sync_fallbacks"] = d.semi_sync_fallbacks;
      out["view_evictions"] = d.view_evictions;
      out["drops"] = d.drops;
      out["drop_writes_lost"] = d.drop_writes_lost;
    }
  }
  j["services"] = nlohmann::ordered_json::object();
  for (const auto& [name, f] : services)
    j["services"][name] = {{"failovers", f.failovers}, {"max_ip_holders", f.max_ip_holders},
                           {"split_brain_s", f.split_brain_s}, {"no_service_s", f.no_service_s}};
  if (!membership.empty()) {
    j["membership"] = nlohmann::ordered_json::object();
    for (const auto& [name, f] : membership) j["membership"][name] = membership_json(f);
  }
  if (dns_name) {
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    for (const auto& c : dns_changes) changes.push_back({{"at_s", c.at_s}, {"service", c.service}, {"healthy", c.healthy}});
    j["dns"] = {{"name", *dns_name}, {"answers", dns_answers}, {"health", changes}};
  }
  return j;
}

} // namespace halab
