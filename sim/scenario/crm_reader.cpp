#include "sim/scenario/crm_reader.hpp"

#include "models/crm/failure_response.hpp"
#include "sim/placement/state_reader.hpp"

#include <algorithm>
#include <set>

namespace halab {
namespace pl = placement;
namespace {

using Need = Fields::Need;

// The placement form's configuration keys, the keys only a run has, and the placement
// form's status keys (which a run produces itself).
const std::vector<std::string_view> kConfigKeys{"properties", "rsc_defaults", "nodes", "resources", "constraints", "topology"};
const std::vector<std::string_view> kRunKeys{"vip", "operations", "resource_operations", "recheck_interval",
                                             "monitor_on_fail"};
const std::set<std::string> kStatusKeys{"status", "failcounts", "have_quorum", "now"};

void read_timing(const Fields& f, AgentTiming& t) {
  if (!f.is_object()) return;
  for (auto [key, out] : {std::pair{"start", &t.start}, {"stop", &t.stop}, {"promote", &t.promote}, {"demote", &t.demote},
                           {"timeout", &t.timeout}})
    f.positive_duration(key, Need::optional, *out);
  f.interval("monitor_interval", Need::optional, t.monitor_interval);
}

const std::vector<std::string_view> kTimingKeys{"start", "stop", "promote", "demote", "monitor_interval", "timeout"};

void collect_primitives(const pl::Resource& r, std::set<std::string>& out) {
  if (r.kind == pl::ResourceKind::primitive) out.insert(r.id);
  for (const auto& c : r.children) collect_primitives(c, out);
}

// The members' quorum and fencing settings, as the CRM's cluster properties. A property
// the configuration sets itself must agree with them.
void carry_cluster_options(const Fields& crm, const ClusterSpec& spec, pl::ClusterState& config) {
  Diagnostics& diag = crm.diagnostics();
  auto set = [&](const std::string& name, const std::string& value, const std::string& origin) {
    auto it = config.properties.find(name);
    if (it == config.properties.end()) {
      config.properties[name] = value;
    } else if (it->second != value && !(name == "stonith-enabled" && pl::is_true(it->second) == pl::is_true(value))) {
      diag.error(pointer_join(crm.pointer("properties"), name),
                 "says \"" + it->second + "\" but " + origin + " says \"" + value + "\"");
    }
  };
  switch (spec.no_quorum_policy) {
    case NoQuorumPolicy::stop: set("no-quorum-policy", "stop", "/cluster/no_quorum_policy"); break;
    case NoQuorumPolicy::freeze: set("no-quorum-policy", "freeze", "/cluster/no_quorum_policy"); break;
    case NoQuorumPolicy::ignore: set("no-quorum-policy", "ignore", "/cluster/no_quorum_policy"); break;
    case NoQuorumPolicy::suicide:
      diag.error("/cluster/no_quorum_policy", "the crm models stop, freeze and ignore");
      break;
  }
  set("stonith-enabled", spec.fencing.mode == FencingMode::device ? "true" : "false", "/cluster/fencing/mode");
  if (spec.fencing.mode == FencingMode::watchdog)
    diag.error("/cluster/fencing/mode", "the crm fences through a device (\"device\") or not at all (\"none\")");
  // Pacemaker fences only through a configured fencing resource: the scenario's device is one.
  if (spec.fencing.mode == FencingMode::device) {
    bool have = false;
    for (const auto& r : config.resources) have = have || r.standard == "stonith";
    if (!have) config.resources.push_back({"fence-device", pl::ResourceKind::primitive, false, "stonith", {}, {}});
  }
}

}  // namespace

Duration AgentTiming::of(const std::string& task) const {
  if (task == "start") return start;
  if (task == "stop") return stop;
  if (task == "promote") return promote;
  if (task == "demote") return demote;
  return Duration();
}

const AgentTiming& CrmSpec::timing_of(const std::string& rsc) const {
  auto it = resource_timing.find(pl::history_id(rsc));
  return it == resource_timing.end() ? timing : it->second;
}

void read_crm_settings(const Fields& cluster, ClusterSpec& spec) {
  const nlohmann::json* value = cluster.get("crm", Need::optional);
  if (!value) return;
  Diagnostics& diag = cluster.diagnostics();
  const std::string ptr = cluster.pointer("crm");
  if (!value->is_object()) {
    diag.expected(ptr, "an object (the CRM's configuration)", value);
    return;
  }
  for (const std::string& key : kStatusKeys) {
    if (value->contains(key)) diag.error(pointer_join(ptr, key), "the run produces the cluster's status; only configuration belongs here");
  }
  // The placement form without the run's own keys, with the members as nodes by default.
  nlohmann::json form = *value;
  for (const auto& [key, v] : value->items()) {
    const bool run_key = std::find(kRunKeys.begin(), kRunKeys.end(), key) != kRunKeys.end();
    const bool config_key = std::find(kConfigKeys.begin(), kConfigKeys.end(), key) != kConfigKeys.end();
    if (run_key || !config_key) form.erase(key);
    if (run_key || config_key || kStatusKeys.count(key)) continue;
    std::string known;
    for (auto k : kConfigKeys) known += std::string(known.empty() ? "" : ", ") + std::string(k);
    for (auto k : kRunKeys) known += ", " + std::string(k);
    diag.error(pointer_join(ptr, key), "unknown key \"" + key + "\" (expected one of: " + known + ")");
  }
  if (!form.contains("nodes")) {
    form["nodes"] = nlohmann::json::array();
    for (const auto& m : spec.members) form["nodes"].push_back({{"name", m.name}});
  }
  const std::size_t errors_before = diag.errors().size();
  auto state = read_cluster_state_json(form, diag, ptr);
  if (!state || diag.errors().size() != errors_before) return;

  CrmSpec crm;
  crm.config = std::move(*state);
  std::set<std::string> members;
  for (const auto& m : spec.members) members.insert(m.name);
  std::set<std::string> nodes;
  for (const auto& n : crm.config.nodes) nodes.insert(n.name);
  if (nodes != members) diag.error(pointer_join(ptr, "nodes"), "must name exactly the cluster's members");
  for (auto& n : crm.config.nodes) {
    if (n.state != pl::NodeState::online && n.state != pl::NodeState::standby && n.state != pl::NodeState::maintenance)
      diag.error(pointer_join(ptr, "nodes"), "\"" + n.name + "\": a configured node is online, standby or in maintenance");
  }

  // Unknown keys were reported by the placement reader.
  std::vector<std::string_view> present;
  for (const auto& item : value->items()) present.push_back(item.key());
  Fields crm_fields(*value, ptr, diag, present);
  std::set<std::string> primitives;
  for (const auto& r : crm.config.resources) collect_primitives(r, primitives);
  if (auto vip = crm_fields.string("vip", Need::optional)) {
    crm.vip_resource = *vip;
    if (!primitives.count(*vip)) diag.expected(crm_fields.pointer("vip"), "the id of a primitive resource", crm_fields.get("vip", Need::optional));
  }
  if (const auto* ops = crm_fields.get("operations", Need::optional))
    read_timing(Fields(*ops, crm_fields.pointer("operations"), diag, kTimingKeys), crm.timing);
  if (const auto* per = crm_fields.get("resource_operations", Need::optional)) {
    const std::string per_ptr = crm_fields.pointer("resource_operations");
    if (!per->is_object()) diag.expected(per_ptr, "an object of resource ids to operation timings", per);
    else
      for (const auto& [rsc, timing] : per->items()) {
        if (!primitives.count(rsc)) diag.expected(pointer_join(per_ptr, rsc), "the id of a primitive resource", &timing);
        AgentTiming t = crm.timing;
        read_timing(Fields(timing, pointer_join(per_ptr, rsc), diag, kTimingKeys), t);
        crm.resource_timing[rsc] = t;
      }
  }
  if (auto r = crm_fields.duration("recheck_interval", Need::optional)) {
    if (*r > Duration()) crm.recheck_interval = *r;
    else diag.expected(crm_fields.pointer("recheck_interval"), "a positive duration", crm_fields.get("recheck_interval", Need::optional));
  }
  if (auto on_fail = crm_fields.string("monitor_on_fail", Need::optional)) {
    crm.monitor_on_fail = *on_fail;
    if (!crm::parse_on_fail(*on_fail))
      diag.expected(crm_fields.pointer("monitor_on_fail"), "ignore, block, demote, stop, restart, standby or fence",
                    crm_fields.get("monitor_on_fail", Need::optional));
  }
  carry_cluster_options(crm_fields, spec, crm.config);
  spec.crm = std::move(crm);
}

void read_agent_fault(const Fields& f, const ClusterSpec& spec, FaultSpec& fault) {
  Diagnostics& diag = f.diagnostics();
  if (!spec.crm) {
    // a crm section with errors of its own has been reported already
    const bool crm_has_errors = std::any_of(diag.errors().begin(), diag.errors().end(), [](const InputError& e) {
      return e.pointer.rfind("/cluster/crm", 0) == 0;
    });
    if (!crm_has_errors) diag.error(f.pointer("kind"), "needs a cluster with a \"crm\" section (resource agents)");
    return;
  }
  if (auto host = f.string("host", Need::required)) {
    fault.host = *host;
    bool member = false;
    for (const auto& m : spec.members) member = member || m.name == *host;
    if (!member) diag.expected(f.pointer("host"), "a cluster member", f.get("host", Need::optional));
  }
  if (auto rsc = f.string("resource", Need::required)) {
    fault.resource = *rsc;
    std::set<std::string> primitives;
    for (const auto& r : spec.crm->config.resources) collect_primitives(r, primitives);
    if (!primitives.count(*rsc)) diag.expected(f.pointer("resource"), "the id of a primitive resource", f.get("resource", Need::optional));
  }
  fault.operation = f.string("operation", Need::optional).value_or("monitor");
  static const std::set<std::string> kOperations{"start", "stop", "monitor", "promote", "demote"};
  if (!kOperations.count(fault.operation))
    diag.expected(f.pointer("operation"), "start, stop, monitor, promote or demote", f.get("operation", Need::optional));
  const int default_rc = fault.operation == "monitor" ? crm::kOcfNotRunning : crm::kOcfErrGeneric;
  fault.rc = static_cast<int>(f.integer("rc", Need::optional, 1, 9).value_or(default_rc));
}

}  // namespace halab
