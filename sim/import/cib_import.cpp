// A Pacemaker CIB (`cibadmin --query`) into a pacemaker cluster with a `crm` section: the
// configuration as `halab place` reads it (sim/placement: nodes, resources, constraints,
// rsc_defaults, crm_config), in the lab's JSON form. The members are the CIB's nodes;
// `no-quorum-policy` becomes the cluster's no_quorum_policy, `stonith-enabled` with a
// stonith primitive its fencing (a power device with the lab's default timings); the
// service's IP is the first ocf:heartbeat:IPaddr2 (or IPaddr) primitive (its `ip`
// parameter). The status section is left out: the run makes its own. Quorum is on
// (corosync's votequorum is not in the CIB; a two-node cluster gets two_node, as
// corosync.conf usually says).
#include "sim/import/config_text.hpp"
#include "sim/import/importer.hpp"
#include "sim/placement/place_report.hpp"
#include "sim/placement/state_reader.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

namespace halab {

using nlohmann::ordered_json;

ImportResult import_cib(const std::vector<std::string>& files) {
  ImportResult out;
  if (files.size() != 1) {
    out.errors.push_back("cib: expected one CIB file (cibadmin --query > cib.xml)");
    return out;
  }
  const std::string& file = files.front();
  std::string text;
  if (!read_config_file(file, text, out.errors)) return out;
  Diagnostics diag(file);
  const auto state = read_cluster_state_cib(text, diag);
  if (!state) {
    for (const auto& e : diag.errors()) out.errors.push_back(e.to_string());
    if (out.errors.empty()) out.errors.push_back(file + ": not a CIB");
    return out;
  }
  pugi::xml_document doc;
  doc.load_string(text.c_str());
  // The service's IP: the first IPaddr2 primitive, anywhere (in a group or not).
  std::string vip_id, vip_address;
  for (const auto& x : doc.select_nodes("//configuration/resources//primitive[@type='IPaddr2' or @type='IPaddr']")) {
    vip_id = x.node().attribute("id").as_string();
    if (auto ip = x.node().select_node(".//instance_attributes/nvpair[@name='ip']")) vip_address = ip.node().attribute("value").as_string();
    break;
  }
  if (doc.select_node("//status/node_state")) out.notes.push_back(file + ": the status section is left out: the run makes its own");
  std::vector<std::string> members;
  for (const auto& n : state->nodes) members.push_back(n.name);
  if (members.size() < 2) {
    out.errors.push_back(fmt::format("{}: the CIB has {} node(s): a cluster needs two", file, members.size()));
    return out;
  }
  ordered_json cluster;
  cluster["manager"] = "pacemaker";
  ordered_json member_list = ordered_json::array();
  for (const auto& m : members) member_list.push_back({{"host", m}});
  cluster["members"] = member_list;
  cluster["heartbeat_interval"] = "1s";
  cluster["quorum"] = members.size() == 2 ? ordered_json{{"two_node", true}} : ordered_json::object();
  const auto property = [&](const std::string& name) -> std::string {
    const auto it = state->properties.find(name);
    return it == state->properties.end() ? "" : it->second;
  };
  const std::string nqp = property("no-quorum-policy");
  if (nqp == "stop" || nqp == "freeze" || nqp == "ignore") cluster["no_quorum_policy"] = nqp;
  else if (!nqp.empty())
    out.errors.push_back(fmt::format("{}: no-quorum-policy \"{}\" is not modelled under the crm (expected stop, freeze or ignore)", file, nqp));
  bool stonith_primitive = false;
  for (const auto& r : state->resources) stonith_primitive = stonith_primitive || r.standard == "stonith";
  const std::string stonith = property("stonith-enabled");
  const bool fencing = stonith.empty() || placement::is_true(stonith);  // Pacemaker's default is true
  if (fencing && stonith_primitive) {
    cluster["fencing"] = {{"mode", "device"}, {"device", {{"kind", "power"}, {"action", "reboot"}}}};
    out.notes.push_back(file + ": fencing: the stonith device's timings are the lab's defaults (latency 0.5-1.5 s, timeout 20 s, reboot 30 s)");
  } else if (fencing) {
    out.notes.push_back(file + ": stonith-enabled without a stonith primitive: Pacemaker would not start resources; imported without fencing");
  }
  ordered_json crm = configuration_json(*state);
  ordered_json properties = ordered_json::object();
  for (const auto& [k, v] : state->properties)
    if (k != "no-quorum-policy" && k != "stonith-enabled") properties[k] = v;
  // Fencing mode "device" adds a stonith primitive of its own: the CIB's are dropped.
  if (cluster.contains("fencing")) {
    ordered_json kept = ordered_json::array();
    for (const auto& r : crm["resources"])
      if (r.value("class", "") != "stonith") kept.push_back(r);
    crm["resources"] = kept;
  }
  if (!properties.empty()) crm["properties"] = properties;
  if (!vip_id.empty()) crm["vip"] = vip_id;
  else out.notes.push_back(file + ": no IPaddr2 primitive: no node serves the clients (set /cluster/crm/vip)");
  cluster["crm"] = crm;
  out.scenario = scenario_skeleton(fmt::format("imported CIB: {} nodes", members.size()),
                                   fmt::format("Imported by `halab import cib` from {}. Operation timings are the lab's defaults. "
                                               "Add faults and expectations.", file),
                                   members, {"client1"});
  out.scenario["cluster"] = cluster;
  out.scenario["service"] = {{"name", "cluster"}, {"vip", vip_address.empty() ? "10.0.0.80" : vip_address}};
  finish_skeleton(out.scenario, {"client1"}, "");
  return out;
}

}  // namespace halab
