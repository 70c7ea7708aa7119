#include "sim/scenario/loader.hpp"

#include "sim/scenario/scenario_reader.hpp"

#include "sim/metrics/expectations.hpp"
#include "sim/scenario/fields.hpp"
#include "sim/scenario/cache_reader.hpp"
#include "sim/scenario/database_reader.hpp"
#include "sim/scenario/stack_reader.hpp"
#include "sim/scenario/zookeeper_reader.hpp"
#include "sim/service/service_kind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace halab {
namespace {

using Need = Fields::Need;

// The keys of /cluster: every kind's, and each kind's own (refused by name under another).
const std::vector<std::string_view>& cluster_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> k{"manager", "members", "heartbeat_interval", "detector"};
    for (const ServiceKind& kind : service_kinds())
      for (std::string_view own : kind.own_keys)
        if (std::find(k.begin(), k.end(), own) == k.end()) k.push_back(own);
    return k;
  }();
  return keys;
}

}  // namespace

std::optional<Scenario> ScenarioReader::read(const nlohmann::json& doc) {
  Fields f(doc, "", diag_,
           {"version", "name", "description", "seed", "duration", "topology", "cluster", "service", "services", "dns",
            "stack", "workload", "faults", "failures", "maintenance", "expect"});
  if (!f.is_object()) return std::nullopt;
  Scenario s;
  s.file = diag_.file();
  f.integer("version", Need::required, kScenarioVersion, kScenarioVersion);  // checked; one version so far
  s.name = f.string("name", Need::required).value_or("");
  s.description = f.string("description", Need::optional).value_or("");
  if (auto seed = f.integer("seed", Need::optional, 0, std::numeric_limits<std::int64_t>::max()))
    s.seed = static_cast<std::uint64_t>(*seed);
  f.positive_duration("duration", Need::required, s.duration);
  run_ = s.duration;
  if (const auto* t = f.get("topology", Need::required)) read_topology(Fields(*t, "/topology", diag_, {"regions", "links"}), s);
  if (f.get("services", Need::optional)) {
    for (const char* key : {"cluster", "service"})
      if (f.get(key, Need::optional))
        diag_.error(f.pointer(key), "give the services either as /services or as /cluster with /service, not both");
    read_services(f, s);
  } else {
    ServiceSpec one;
    const auto* v = f.get("service", Need::required);
    if (v) read_service(Fields(*v, "/service", diag_, {"name", "vip"}), one);
    if (const auto* c = f.get("cluster", Need::required)) read_cluster(Fields(*c, "/cluster", diag_, cluster_keys()), one);
    if (v) check_service_ip(Fields(*v, "/service", diag_, {"name", "vip"}), one);
    s.services.push_back(std::move(one));
  }
  if (const auto* d = f.get("dns", Need::optional))
    read_dns(Fields(*d, "/dns", diag_, {"name", "records", "ttl", "health_check"}), s);
  if (const auto* st = f.get("stack", Need::optional)) {
    read_stack(Fields(*st, "/stack", diag_, {"tiers"}), s, [this](const std::string& h) { return known_host(h); });
    if (s.stack)  // not when /stack is too wrong to read
      for (const auto& t : s.stack->tiers) {
        tier_hosts_.insert(t.hosts.begin(), t.hosts.end());
        if (t.director) director_hosts_.insert(t.hosts.begin(), t.hosts.end());
        if (t.database) database_hosts_.insert(t.hosts.begin(), t.hosts.end());
        if (t.sentinel) tier_hosts_.insert(t.sentinel->hosts.begin(), t.sentinel->hosts.end());  // a Sentinel's host can crash
      }
  }
  // Clients call a floating IP: a scenario of membership-only services may have none.
  const bool has_ip = std::any_of(s.services.begin(), s.services.end(),
                                  [](const ServiceSpec& svc) { return !svc.cluster.kind || svc.cluster.kind->serves_ip; });
  if (const auto* w = f.get("workload", has_ip ? Need::required : Need::optional))
    read_workload(Fields(*w, "/workload", diag_, {"clients", "target", "rate", "timeout", "arrival", "start", "write_fraction", "keys"}), s);
  if (s.stack) {
    check_entry_hosts("/stack", s, diag_);
    check_databases("/stack", s, diag_);
    check_caches("/stack", s, diag_);
  }
  check_script_targets(f, s);
  read_faults(f, s);
  read_failures(f, s);
  read_maintenance(f, s);
  check_zookeeper_faults(s, fault_ptrs_, diag_);
  if (const auto* e = f.get("expect", Need::optional)) {
    check_expectations_shape(*e, "/expect", diag_);
    s.expect = *e;
  }
  if (!diag_.empty()) return std::nullopt;
  return s;
}

void ScenarioReader::read_topology(const Fields& f, Scenario& s) {
  if (!f.is_object()) return;
  read_regions(f, s);
  // After the regions: overrides name hosts, datacenters and regions.
  if (const auto* l = f.get("links", Need::optional)) read_links(*l, f.pointer("links"), s.topology);
}

void ScenarioReader::read_regions(const Fields& f, Scenario& s) {
  const auto* regions = f.get("regions", Need::required);
  if (!regions) return;
  if (!regions->is_array() || regions->empty()) {
    diag_.expected(f.pointer("regions"), "a non-empty array of regions", regions);
    return;
  }
  std::set<std::string> zone_names;
  auto unique_zone = [&](const std::string& ptr, const std::string& name) {
    if (!zone_names.insert(name).second || host_site_.count(name))
      diag_.error(ptr, "duplicate name \"" + name + "\" (regions, datacenters and hosts are named apart)");
  };
  for (std::size_t r = 0; r < regions->size(); ++r) {
    std::string rptr = pointer_join(f.pointer("regions"), r);
    Fields rf((*regions)[r], rptr, diag_, {"name", "datacenters"});
    if (!rf.is_object()) continue;
    RegionSpec region;
    region.name = rf.string("name", Need::required).value_or("");
    if (!region.name.empty()) {
      unique_zone(rf.pointer("name"), region.name);
      regions_.insert(region.name);
    }
    const auto* dcs = rf.get("datacenters", Need::required);
    if (dcs && (!dcs->is_array() || dcs->empty())) diag_.expected(rf.pointer("datacenters"), "a non-empty array of datacenters", dcs);
    if (!dcs || !dcs->is_array()) continue;
    for (std::size_t d = 0; d < dcs->size(); ++d) {
      std::string dptr = pointer_join(rf.pointer("datacenters"), d);
      Fields df((*dcs)[d], dptr, diag_, {"name", "hosts"});
      if (!df.is_object()) continue;
      DatacenterSpec dc;
      dc.name = df.string("name", Need::required).value_or("");
      if (!dc.name.empty()) {
        unique_zone(df.pointer("name"), dc.name);
        datacenter_region_[dc.name] = region.name;
      }
      auto hosts = df.strings("hosts", Need::required);
      if (hosts && hosts->empty()) diag_.expected(df.pointer("hosts"), "at least one host", df.get("hosts", Need::optional));
      for (std::size_t h = 0; hosts && h < hosts->size(); ++h) {
        const std::string& name = (*hosts)[h];
        if (zone_names.count(name) || !host_site_.emplace(name, dc.name).second)
          diag_.error(pointer_join(df.pointer("hosts"), h), "duplicate name \"" + name + "\"");
        dc.hosts.push_back(name);
      }
      region.datacenters.push_back(std::move(dc));
    }
    s.topology.regions.push_back(std::move(region));
  }
}

void ScenarioReader::read_links(const nlohmann::json& v, const std::string& ptr, TopologySpec& t) {
  Fields f(v, ptr, diag_, {"host", "metro", "wan", "overrides"});
  read_link(f, "host", t.host_link);
  read_link(f, "metro", t.metro_link);
  read_link(f, "wan", t.wan_link);
  const auto* overrides = f.get("overrides", Need::optional);
  if (!overrides) return;
  if (!overrides->is_array()) {
    diag_.expected(f.pointer("overrides"), "an array of link overrides", overrides);
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < overrides->size(); ++i) {
    Fields of((*overrides)[i], pointer_join(f.pointer("overrides"), i), diag_, {"link", "latency", "bandwidth"});
    if (!of.is_object()) continue;
    LinkOverride o;
    o.latency = of.duration("latency", Need::optional);
    o.bandwidth_bytes_per_s = of.bandwidth("bandwidth", Need::optional);
    if (!of.get("latency", Need::optional) && !of.get("bandwidth", Need::optional))
      diag_.expected(of.pointer(), "\"latency\" or \"bandwidth\" (an override that changes nothing)", &(*overrides)[i]);
    const auto* link = of.get("link", Need::required);
    auto ref = link ? read_link_ref(*link, of.pointer("link")) : std::nullopt;
    if (!ref) continue;
    std::string key = ref->between ? ref->between->first + "|" + ref->between->second : ref->host;
    if (!seen.insert(key).second) diag_.error(of.pointer("link"), "this link is overridden twice");
    o.link = *ref;
    t.overrides.push_back(std::move(o));
  }
}

void ScenarioReader::read_link(const Fields& links, std::string_view key, LinkSpec& out) {
  const auto* v = links.get(key, Need::optional);
  if (!v) return;
  Fields f(*v, links.pointer(key), diag_, {"latency", "bandwidth"});
  if (auto l = f.duration("latency", Need::optional)) out.latency = *l;
  if (auto b = f.bandwidth("bandwidth", Need::optional)) out.bandwidth_bytes_per_s = *b;
}

void ScenarioReader::check_host(const std::string& ptr, const std::string& name, const nlohmann::json& found) {
  if (!host_site_.empty() && !known_host(name)) diag_.expected(ptr, "a host named in /topology", &found);
}

void ScenarioReader::read_services(const Fields& f, Scenario& s) {
  const auto* services = f.get("services", Need::required);
  if (!services->is_array() || services->empty()) {
    diag_.expected(f.pointer("services"), "a non-empty array of services", services);
    return;
  }
  std::map<std::string, std::string> names, vips;  // -> pointer of the first
  for (std::size_t i = 0; i < services->size(); ++i) {
    Fields sf((*services)[i], pointer_join(f.pointer("services"), i), diag_, {"name", "vip", "cluster"});
    if (!sf.is_object()) continue;
    ServiceSpec service;
    read_service(sf, service);
    if (const auto* c = sf.get("cluster", Need::required)) read_cluster(Fields(*c, sf.pointer("cluster"), diag_, cluster_keys()), service);
    check_service_ip(sf, service);
    if (!service.name.empty() && !names.emplace(service.name, sf.pointer("name")).second)
      diag_.error(sf.pointer("name"), "duplicate service name \"" + service.name + "\" (first at " + names[service.name] + ")");
    if (!service.vip.empty() && !vips.emplace(service.vip, sf.pointer("vip")).second)
      diag_.error(sf.pointer("vip"), "the floating IP " + service.vip + " is already served at " + vips[service.vip]);
    s.services.push_back(std::move(service));
  }
}

void ScenarioReader::read_dns(const Fields& f, Scenario& s) {
  if (!f.is_object()) return;
  DnsSpec dns;
  dns.name = f.string("name", Need::required).value_or("");
  if (s.service_named(dns.name)) diag_.error(f.pointer("name"), "\"" + dns.name + "\" is a service's name too");
  if (auto records = f.strings("records", Need::required)) {
    if (records->empty()) diag_.expected(f.pointer("records"), "at least one service name", f.get("records", Need::optional));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < records->size(); ++i) {
      const std::string& r = (*records)[i];
      const std::string ptr = pointer_join(f.pointer("records"), i);
      const ServiceSpec* svc = s.service_named(r);
      if (!svc) diag_.expected(ptr, "the name of a service in /services", &(*f.get("records", Need::optional))[i]);
      else if (svc->cluster.kind && !svc->cluster.kind->serves_ip)
        diag_.error(ptr, "\"" + r + "\" keeps membership only: it has no floating IP to answer with");
      else if (!seen.insert(r).second) diag_.error(ptr, "\"" + r + "\" is listed twice");
    }
    dns.records = *records;
  }
  f.positive_duration("ttl", Need::optional, dns.ttl);
  if (const auto* h = f.get("health_check", Need::optional)) {
    Fields hf(*h, f.pointer("health_check"), diag_, {"interval", "failure_threshold"});
    if (hf.is_object()) {
      DnsHealthCheck& check = dns.health_check.emplace();
      hf.positive_duration("interval", Need::optional, check.interval);
      check.failure_threshold = static_cast<int>(hf.integer("failure_threshold", Need::optional, 1, 10).value_or(3));
    }
  }
  s.dns = std::move(dns);
}

void ScenarioReader::read_cluster(const Fields& f, ServiceSpec& service) {
  if (!f.is_object()) return;
  ClusterSpec& cluster = service.cluster;
  cluster.kind = find_service_kind("keepalived");
  if (auto manager = f.string("manager", Need::optional)) {
    if (const ServiceKind* kind = find_service_kind(*manager)) cluster.kind = kind;
    else diag_.expected(f.pointer("manager"), service_kind_names(), f.get("manager", Need::optional));
  }
  const ServiceKind& kind = *cluster.kind;
  const auto* members = f.get("members", Need::required);
  if (members && (!members->is_array() || members->size() < 2)) {
    diag_.expected(f.pointer("members"), "an array of at least 2 members", members);
  } else if (members) {
    for (std::size_t i = 0; i < members->size(); ++i) {
      std::string mptr = pointer_join(f.pointer("members"), i);
      Fields mf((*members)[i], mptr, diag_, {"host", "priority", "votes"});
      if (!mf.is_object()) continue;
      FailoverMember m;
      m.name = mf.string("host", Need::required).value_or("");
      if (!m.name.empty()) {
        check_host(mf.pointer("host"), m.name, *mf.get("host", Need::optional));
        auto [it, fresh] = members_.emplace(m.name, service.name);
        if (!fresh)
          diag_.error(mf.pointer("host"), it->second == service.name
                                              ? "\"" + m.name + "\" is listed twice"
                                              : "\"" + m.name + "\" is already a member of service \"" + it->second + "\"");
      }
      m.priority = static_cast<int>(mf.integer("priority", Need::optional, 1, kind.max_priority).value_or(100));
      if (mf.get("votes", Need::optional) && !kind.member_votes)
        diag_.error(mf.pointer("votes"), "votes need \"manager\": \"pacemaker\"");
      cluster.votes.push_back(static_cast<unsigned>(mf.integer("votes", Need::optional, 0, 1000).value_or(1)));
      cluster.members.push_back(m);
    }
  }
  f.interval("heartbeat_interval", Need::optional, cluster.heartbeat_interval);
  // Another kind's keys are refused, not ignored.
  for (const ServiceKind& other : service_kinds()) {
    if (&other == &kind) continue;
    for (std::string_view key : other.own_keys)
      if (std::find(kind.own_keys.begin(), kind.own_keys.end(), key) == kind.own_keys.end() && f.get(key, Need::optional))
        diag_.error(f.pointer(key), fmt::format("not a setting of the {} manager (needs \"manager\": \"{}\")",
                                                kind.name, other.name));
  }
  ScenarioLookup lookup{[&cluster](const std::string& name) {
                          for (std::size_t i = 0; i < cluster.members.size(); ++i)
                            if (cluster.members[i].name == name) return static_cast<int>(i);
                          return -1;
                        },
                        [this](const std::string& h) { return known_host(h); },
                        // Members the kind adds are the service's hosts as much as the listed
                        // ones: faults may name them, no other service may list them.
                        [this, &service](const std::string& pointer, const std::string& h) {
                          auto [it, fresh] = members_.emplace(h, service.name);
                          if (!fresh && it->second != service.name)
                            diag_.error(pointer, "\"" + h + "\" is already a member of service \"" + it->second + "\"");
                        },
                        run_};
  kind.read(f, cluster, lookup);
}

void ScenarioReader::read_service(const Fields& f, ServiceSpec& service) {
  if (!f.is_object()) return;
  service.name = f.string("name", Need::required).value_or("");
  service.vip = f.string("vip", Need::optional).value_or("");
}

// A kind that serves a floating IP needs one; a membership-only kind has none to give.
void ScenarioReader::check_service_ip(const Fields& f, const ServiceSpec& service) {
  if (!f.is_object() || !service.cluster.kind) return;
  const ServiceKind& kind = *service.cluster.kind;
  if (kind.serves_ip) f.get("vip", Need::required);
  else if (f.get("vip", Need::optional))
    diag_.error(f.pointer("vip"), fmt::format("the {} manager keeps membership only: its service has no floating IP", kind.name));
}

void ScenarioReader::read_workload(const Fields& f, Scenario& s) {
  if (!f.is_object()) return;
  if (auto clients = f.strings("clients", Need::required)) {
    if (clients->empty()) diag_.expected(f.pointer("clients"), "at least one client host", f.get("clients", Need::optional));
    for (std::size_t i = 0; i < clients->size(); ++i) {
      std::string cptr = pointer_join(f.pointer("clients"), i);
      const std::string& c = (*clients)[i];
      check_host(cptr, c, (*f.get("clients", Need::optional))[i]);
      if (members_.count(c) || tier_hosts_.count(c))
        diag_.error(cptr, "\"" + c + "\" is a cluster member or runs a tier; clients run on hosts of their own");
    }
    s.workload.clients = *clients;
  }
  // What the clients call: needed when there is a choice.
  const bool choice = s.services.size() > 1 || s.dns;
  if (auto target = f.string("target", choice ? Need::required : Need::optional)) {
    const ServiceSpec* service = s.service_named(*target);
    if (service && service->cluster.kind && !service->cluster.kind->serves_ip)
      diag_.error(f.pointer("target"), fmt::format("service \"{}\" keeps membership only ({}): it has no floating IP to call",
                                                   *target, service->cluster.kind->name));
    else if (service || (s.dns && s.dns->name == *target)) s.workload.target = *target;
    else diag_.expected(f.pointer("target"), s.dns ? "the name of a service or of /dns" : "the name of a service",
                        f.get("target", Need::optional));
  } else if (!choice && !s.services.empty()) {
    s.workload.target = s.services.front().name;
    if (const ClusterSpec& c = s.services.front().cluster; c.kind && !c.kind->serves_ip)
      diag_.error(f.pointer(), fmt::format("the only service keeps membership only ({}): clients have no floating IP to call",
                                           c.kind->name));
  }
  s.workload.rate_per_s = f.number("rate", Need::required, 0.001, 1e6).value_or(1);
  if (auto t = f.duration("timeout", Need::required)) {
    if (*t > Duration::seconds(0)) s.workload.timeout = *t;
    else diag_.expected(f.pointer("timeout"), "a positive duration", f.get("timeout", Need::optional));
  }
  s.workload.write_fraction = f.number("write_fraction", Need::optional, 0, 1).value_or(0);
  if (const auto* k = f.get("keys", Need::optional)) {
    Fields kf(*k, f.pointer("keys"), diag_, {"count", "zipf"});
    if (kf.is_object()) read_keys(kf, s.workload);
  }
  if (auto start = f.duration("start", Need::optional)) {
    s.workload.start = *start;
    check_time(f.pointer("start"), Instant() + *start, s);
  }
  if (auto a = f.string("arrival", Need::optional)) {
    if (*a == "uniform") s.workload.arrival = WorkloadSpec::Arrival::uniform;
    else if (*a == "poisson") s.workload.arrival = WorkloadSpec::Arrival::poisson;
    else diag_.expected(f.pointer("arrival"), "\"uniform\" or \"poisson\"", f.get("arrival", Need::optional));
  }
}

void ScenarioReader::check_time(const std::string& ptr, Instant t, const Scenario& s) {
  if (s.duration > Duration::seconds(0) && t > Instant() + s.duration)
    diag_.error(ptr, "expected a time within the run's duration (" + describe(s.duration.to_seconds()) + "s), found " +
                         describe(t.to_seconds()) + "s");
}

std::optional<LinkRef> ScenarioReader::read_link_ref(const nlohmann::json& v, const std::string& ptr) {
  LinkRef ref;
  if (v.is_string()) {
    ref.host = v.get<std::string>();
    if (!known_host(ref.host)) {
      diag_.expected(ptr, "a host name (its NIC) or a pair of datacenters or regions", &v);
      return std::nullopt;
    }
    return ref;
  }
  if (v.is_array() && v.size() == 2 && v[0].is_string() && v[1].is_string()) {
    std::string a = v[0].get<std::string>(), b = v[1].get<std::string>();
    // Metro links join datacenters of one region; WAN links join regions.
    bool dcs = datacenter_region_.count(a) && datacenter_region_.count(b) &&
               datacenter_region_[a] == datacenter_region_[b];
    bool regions = regions_.count(a) && regions_.count(b);
    if (a != b && (dcs || regions)) {
      ref.between = std::pair{std::min(a, b), std::max(a, b)};
      return ref;
    }
  }
  diag_.expected(ptr, "a host name (its NIC), a pair of datacenters of one region, or a pair of regions", &v);
  return std::nullopt;
}

// Two crashes of one host while it is still down, or two degradations of one link at once,
// contradict each other: the second would silently rewrite the first.
// A script that checks the host's tier process needs one on every member.
void ScenarioReader::check_script_targets(const Fields& f, const Scenario& s) {
  for (std::size_t k = 0; k < s.services.size(); ++k) {
    const VrrpSpec& vrrp = s.services[k].cluster.vrrp;
    const std::string cluster = f.get("services", Need::optional) ? pointer_join("/services", k) + "/cluster" : "/cluster";
    for (std::size_t i = 0; i < vrrp.script_checks.size(); ++i) {
      if (vrrp.script_checks[i] == ScriptCheck::faults_only) continue;
      for (const auto& m : s.services[k].cluster.members)
        if (!tier_hosts_.count(m.name) || director_hosts_.count(m.name))
          diag_.error(pointer_join(pointer_join(cluster + "/vrrp/scripts", i), "checks"),
                      "member \"" + m.name + "\" runs no server tier of /stack for the script to check");
    }
  }
}

const TierSpec* Scenario::tier_on(const std::string& host) const {
  if (stack)
    for (const TierSpec& t : stack->tiers)
      if (std::find(t.hosts.begin(), t.hosts.end(), host) != t.hosts.end()) return &t;
  return nullptr;
}

std::vector<std::string> Scenario::all_hosts() const {
  std::vector<std::string> out;
  for (const auto& r : topology.regions)
    for (const auto& d : r.datacenters) out.insert(out.end(), d.hosts.begin(), d.hosts.end());
  return out;
}

const ServiceSpec* Scenario::service_of(const std::string& host) const {
  for (const auto& svc : services)
    for (const auto& m : svc.cluster.members)
      if (m.name == host) return &svc;
  return nullptr;
}

const ServiceSpec* Scenario::service_named(const std::string& service) const {
  for (const auto& svc : services)
    if (svc.name == service) return &svc;
  return nullptr;
}

std::vector<const ServiceSpec*> Scenario::entry_services() const {
  std::vector<const ServiceSpec*> out;
  if (clients_use_dns()) {
    for (const auto& r : dns->records)
      if (const ServiceSpec* svc = service_named(r)) out.push_back(svc);
  } else if (const ServiceSpec* svc = service_named(workload.target)) {
    out.push_back(svc);
  }
  return out;
}

LoadResult load_scenario_json(const nlohmann::json& document, const std::string& file) {
  Diagnostics diag(file);
  ScenarioReader reader(diag);
  LoadResult result;
  result.scenario = reader.read(document);
  result.errors = diag.errors();
  if (result.scenario) result.scenario->warnings = diag.warnings();
  return result;
}

std::optional<nlohmann::json> read_scenario_document(const std::string& path, Diagnostics& diag) {
  std::ifstream in(path);
  if (!in) {
    diag.error("", "cannot open the file");
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  if (const auto first = content.find_first_not_of(" \t\r\n"); first != std::string::npos && content[first] == '<') {
    diag.error("", "this is XML (a Pacemaker CIB?), not a scenario: `halab place` reads a CIB");
    return std::nullopt;
  }
  return parse_json(content, diag);
}

LoadResult load_scenario_file(const std::string& path) {
  Diagnostics diag(path);
  auto document = read_scenario_document(path, diag);
  if (!document) return {std::nullopt, diag.errors()};
  return load_scenario_json(*document, path);
}

LoadResult load_scenario_file_with(const std::string& path, const std::string& pointer, const nlohmann::json& value) {
  const std::string setting = path + " with " + pointer + "=" + value.dump();
  Diagnostics diag(setting);
  auto document = read_scenario_document(path, diag);
  if (!document) return {std::nullopt, diag.errors()};
  nlohmann::json::json_pointer ptr;
  try {
    ptr = nlohmann::json::json_pointer(pointer);
  } catch (const nlohmann::json::exception&) {
    diag.error("", "\"" + pointer + "\" is no JSON pointer (expected /key/key…)");
    return {std::nullopt, diag.errors()};
  }
  if (ptr.empty() || !document->contains(ptr.parent_pointer())) {
    diag.error(pointer, "the scenario has nothing at " + (ptr.empty() ? std::string("\"\"") : ptr.parent_pointer().to_string()) +
                            " to set a value in");
    return {std::nullopt, diag.errors()};
  }
  nlohmann::json& parent = (*document)[ptr.parent_pointer()];
  if (!parent.is_object() && !(parent.is_array() && document->contains(ptr))) {
    diag.error(pointer, "expected a key of an object or an element of an array that exists");
    return {std::nullopt, diag.errors()};
  }
  (*document)[ptr] = value;
  return load_scenario_json(*document, setting);
}

} // namespace halab
