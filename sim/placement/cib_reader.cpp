// A Pacemaker CIB (as `cibadmin --query` writes it) read into a ClusterState.
// Source: "Pacemaker Explained" 2.1 (configuration sections, rsc_defaults, node
// attributes, constraints and rules) and Pacemaker's status section: node_state
// membership flags (in_ccm, crmd, join, expected), transient attributes (promotion
// scores "master-<rsc>", "fail-count-<rsc>#<op>_<interval>", "last-failure-…") and the
// lrm_rsc_op history, whose latest operation (by call-id) says whether a resource runs.
#include "sim/placement/state_reader.hpp"

#include "sim/placement/cib_splitter.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <set>
#include <string_view>

namespace halab {
namespace pl = placement;
namespace {

using pl::is_true;

std::string where(const pugi::xml_node& n) {
  std::string id = n.attribute("id").as_string();
  return "/" + std::string(n.name()) + (id.empty() ? "" : "[@id='" + id + "']");
}

void read_nvpairs(const pugi::xml_node& parent, const char* set_name, std::map<std::string, std::string>& out) {
  for (pugi::xml_node set : parent.children(set_name)) {
    for (pugi::xml_node nv : set.children("nvpair")) out[nv.attribute("name").as_string()] = nv.attribute("value").as_string();
  }
}

std::optional<pl::Score> score_attr(const pugi::xml_node& n, const char* name, Diagnostics& diag) {
  pugi::xml_attribute a = n.attribute(name);
  if (!a) return std::nullopt;
  auto s = pl::parse_score(a.as_string());
  if (!s) diag.error(where(n) + "/@" + name, std::string("expected a score, found \"") + a.as_string() + "\"");
  return s;
}

std::optional<pl::Role> role_attr(const pugi::xml_node& n, const char* name, Diagnostics& diag) {
  pugi::xml_attribute a = n.attribute(name);
  if (!a) return std::nullopt;
  auto r = pl::parse_role(a.as_string());
  if (!r) diag.error(where(n) + "/@" + name, std::string("expected a role, found \"") + a.as_string() + "\"");
  return r;
}

std::optional<pl::Resource> read_resource(const pugi::xml_node& n, Diagnostics& diag) {
  pl::Resource r;
  r.id = n.attribute("id").as_string();
  read_nvpairs(n, "meta_attributes", r.meta);
  const std::string kind = n.name();
  if (kind == "primitive") {
    r.standard = n.attribute("class").as_string("ocf");
    return r;
  }
  if (kind == "group") {
    r.kind = pl::ResourceKind::group;
    for (pugi::xml_node c : n.children("primitive")) r.children.push_back(*read_resource(c, diag));
    return r;
  }
  if (kind == "clone" || kind == "master") {
    r.kind = pl::ResourceKind::clone;
    r.promotable = kind == "master";
    for (pugi::xml_node c : n.children()) {
      const std::string ck = c.name();
      if (ck == "primitive" || ck == "group") {
        if (auto child = read_resource(c, diag)) r.children.push_back(*child);
      }
    }
    return r;
  }
  diag.error(where(n), "expected primitive, group, clone or master; " + kind + " resources are not modelled");
  return std::nullopt;
}

void read_rule(const pugi::xml_node& rn, pl::LocationConstraint& lc, Diagnostics& diag) {
  pl::Rule rule;
  if (auto attr = rn.attribute("score-attribute")) rule.score_attribute = attr.as_string();
  else rule.score = score_attr(rn, "score", diag).value_or(0);
  rule.any = std::string(rn.attribute("boolean-op").as_string("and")) == "or";
  if (auto role = role_attr(rn, "role", diag)) lc.role = *role;
  for (pugi::xml_node e : rn.children()) {
    const std::string kind = e.name();
    if (kind != "expression") {
      diag.error(where(e), "only node attribute expressions are modelled in rules, found " + kind);
      continue;
    }
    pl::RuleExpression x;
    x.attribute = e.attribute("attribute").as_string();
    x.operation = e.attribute("operation").as_string("eq");
    x.value = e.attribute("value").as_string();
    x.type = e.attribute("type").as_string();
    rule.expressions.push_back(x);
  }
  lc.rules.push_back(rule);
}

void read_constraints(const pugi::xml_node& constraints, pl::ClusterState& s, Diagnostics& diag) {
  for (pugi::xml_node c : constraints.children()) {
    const std::string kind = c.name();
    if (c.child("resource_set")) {
      diag.error(where(c), "resource sets are not modelled");
      continue;
    }
    if (kind == "rsc_location") {
      if (c.attribute("rsc-pattern")) {
        diag.error(where(c), "rsc-pattern is not modelled");
        continue;
      }
      pl::LocationConstraint lc;
      lc.id = c.attribute("id").as_string();
      lc.rsc = c.attribute("rsc").as_string();
      if (auto role = role_attr(c, "role", diag)) lc.role = *role;
      if (auto node = c.attribute("node")) {
        lc.node = node.as_string();
        lc.score = score_attr(c, "score", diag).value_or(0);
      }
      for (pugi::xml_node rn : c.children("rule")) read_rule(rn, lc, diag);
      s.locations.push_back(lc);
    } else if (kind == "rsc_colocation") {
      pl::ColocationConstraint cc;
      cc.id = c.attribute("id").as_string();
      cc.rsc = c.attribute("rsc").as_string();
      cc.with_rsc = c.attribute("with-rsc").as_string();
      cc.score = score_attr(c, "score", diag).value_or(0);
      if (auto r = role_attr(c, "rsc-role", diag)) cc.rsc_role = *r;
      if (auto r = role_attr(c, "with-rsc-role", diag)) cc.with_rsc_role = *r;
      cc.node_attribute = c.attribute("node-attribute").as_string("#uname");
      if (auto inf = c.attribute("influence")) cc.influence = is_true(inf.as_string());
      s.colocations.push_back(cc);
    } else if (kind == "rsc_order") {
      pl::OrderConstraint oc;
      oc.id = c.attribute("id").as_string();
      oc.first = c.attribute("first").as_string();
      oc.then = c.attribute("then").as_string();
      oc.first_action = c.attribute("first-action").as_string("start");
      oc.then_action = c.attribute("then-action").as_string(oc.first_action.c_str());
      const std::string k = c.attribute("kind").as_string();
      if (k == "Optional") oc.kind = pl::OrderKind::optional;
      else if (k == "Serialize") oc.kind = pl::OrderKind::serialize;
      else if (k.empty() && c.attribute("score") && score_attr(c, "score", diag).value_or(1) == 0) oc.kind = pl::OrderKind::optional;
      oc.symmetrical = is_true(c.attribute("symmetrical").as_string(oc.kind == pl::OrderKind::serialize ? "false" : "true"));
      s.orders.push_back(oc);
    }
  }
}

struct Op {
  std::string task;
  long call_id = 0;
  int rc = 0;
  long interval = 0;
};

// What the history of one resource on one node says: its role, and whether it failed.
// `ops` is sorted here (by call-id).
std::optional<pl::ActiveResource> state_from_history(std::vector<Op>& ops) {
  std::sort(ops.begin(), ops.end(), [](const Op& a, const Op& b) { return a.call_id < b.call_id; });
  pl::Role role = pl::Role::stopped;
  bool failed = false;
  long last_call = -1;
  for (const Op& op : ops) {
    if (op.interval != 0) continue;
    last_call = op.call_id;
    failed = op.rc != 0;
    if (op.task == "start" || op.task == "migrate_from") {
      role = pl::Role::started;
    } else if (op.task == "stop") {
      role = pl::Role::stopped;
    } else if (op.task == "promote") {
      role = pl::Role::promoted;
    } else if (op.task == "demote") {
      role = pl::Role::unpromoted;
    } else if (op.task == "monitor") {  // a probe
      failed = op.rc != 0 && op.rc != 7 && op.rc != 8;
      role = op.rc == 7 ? pl::Role::stopped : (op.rc == 8 ? pl::Role::promoted : pl::Role::started);
    }
  }
  for (const Op& op : ops) {
    if (op.interval == 0 || op.call_id < last_call || role == pl::Role::stopped) continue;
    if (op.rc == 8) role = pl::Role::promoted;
    else if (op.rc != 0) failed = true;
  }
  if (role == pl::Role::stopped) return std::nullopt;
  pl::ActiveResource a;
  a.role = role;
  a.failed = failed;
  return a;
}

// What one <node_state> says, before it is matched to a configured node: the membership
// flags, the transient attributes, and the resources its history says are active there.
struct NodeStatus {
  std::string id, uname;
  bool online = false;
  bool expected_up = false;
  std::map<std::string, std::string> transient;
  std::vector<pl::ActiveResource> active;  // node left empty
};

NodeStatus read_node_state(const pugi::xml_node& ns, std::vector<Op>& ops) {
  NodeStatus st;
  st.id = ns.attribute("id").as_string();
  st.uname = ns.attribute("uname").as_string();
  for (pugi::xml_node ta : ns.children("transient_attributes")) read_nvpairs(ta, "instance_attributes", st.transient);
  auto flag = [&](const char* name, const char* yes) {
    const std::string v = ns.attribute(name).as_string();
    return v == yes || v == "true" || std::atoll(v.c_str()) > 0;
  };
  st.online = flag("in_ccm", "true") && flag("crmd", "online") && std::string(ns.attribute("join").as_string()) == "member";
  st.expected_up = std::string(ns.attribute("expected").as_string()) == "member";
  for (pugi::xml_node lr : ns.child("lrm").child("lrm_resources").children("lrm_resource")) {
    ops.clear();
    for (pugi::xml_node op : lr.children("lrm_rsc_op")) {
      ops.push_back({op.attribute("operation").as_string(), op.attribute("call-id").as_int(),
                     op.attribute("rc-code").as_int(), op.attribute("interval").as_int()});
    }
    if (auto active = state_from_history(ops)) {
      active->rsc = lr.attribute("id").as_string();
      st.active.push_back(*active);
    }
  }
  return st;
}

// Each configured node takes the last <node_state> naming it (by uname or by id).
void read_status(const std::vector<NodeStatus>& statuses, const std::map<std::string, std::string>& uname_of,
                 pl::ClusterState& s, bool stonith) {
  for (pl::Node& node : s.nodes) {
    const NodeStatus* ns = nullptr;
    for (const NodeStatus& candidate : statuses) {
      if (candidate.uname == node.name || (uname_of.count(candidate.id) && uname_of.at(candidate.id) == node.name)) ns = &candidate;
    }
    if (!ns) {
      node.state = stonith ? pl::NodeState::unclean : pl::NodeState::offline;
      node.unseen = true;
      continue;
    }
    for (const auto& [k, v] : ns->transient) node.attributes[k] = v;
    if (ns->online) {
      auto attr = [&](const char* name) { auto it = node.attributes.find(name); return it != node.attributes.end() && is_true(it->second); };
      node.state = attr("maintenance") ? pl::NodeState::maintenance
                   : attr("standby")   ? pl::NodeState::standby
                                       : pl::NodeState::online;
    } else {
      node.state = stonith && ns->expected_up ? pl::NodeState::unclean : pl::NodeState::offline;
    }
    for (pl::ActiveResource active : ns->active) {
      active.node = node.name;
      s.active.push_back(active);
    }
    // fail-count-<rsc>[#<op>_<interval>] and last-failure-<rsc>[#…]
    std::map<std::string, pl::FailCount> counts;
    for (const auto& [k, v] : ns->transient) {
      for (const std::string prefix : {"fail-count-", "last-failure-"}) {
        if (k.rfind(prefix, 0) != 0) continue;
        std::string rsc = k.substr(prefix.size());
        rsc = rsc.substr(0, rsc.find('#'));
        pl::FailCount& fc = counts[rsc];
        fc.rsc = rsc;
        fc.node = node.name;
        if (prefix == "fail-count-") {
          fc.count = pl::add_scores(fc.count, pl::parse_score(v).value_or(0));
        } else {
          fc.last_failure = std::max(fc.last_failure.value_or(0), std::atoll(v.c_str()));
        }
      }
    }
    for (auto& [rsc, fc] : counts) s.failcounts.push_back(fc);
  }
}

// Every resource has an id used once, and every group has a member (the schema's rules).
void check_resource_ids(const pugi::xml_node& resources, Diagnostics& diag) {
  std::set<std::string> ids;
  auto visit = [&](auto& self, const pugi::xml_node& n, const std::string& path) -> void {
    const std::string kind = n.name();
    if (kind != "primitive" && kind != "group" && kind != "clone" && kind != "master") return;
    const std::string at = path + where(n);
    const std::string id = n.attribute("id").as_string();
    if (id.empty()) diag.error(at + "/@id", "expected a resource id, found nothing");
    else if (!ids.insert(id).second) diag.error(at + "/@id", "resource id " + id + " is used twice");
    if (kind == "group" && !n.child("primitive")) diag.error(at, "expected at least one primitive in the group");
    for (pugi::xml_node c : n.children()) self(self, c, at);
  };
  for (pugi::xml_node r : resources.children()) visit(visit, r, "/cib/configuration/resources");
}

}  // namespace

std::optional<pl::ClusterState> read_cluster_state_cib(std::string_view xml_text, Diagnostics& diag) {
  // The status section is split off and read one <node_state> at a time (cib_splitter.hpp);
  // the rest of the document is parsed whole.
  CibSplitter splitter(xml_text);
  pugi::xml_document piece;
  std::vector<NodeStatus> statuses;
  std::vector<Op> ops;
  const auto split_error = splitter.split([&](char* text, std::size_t size) -> std::optional<CibSplitError> {
    pugi::xml_parse_result parsed = piece.load_buffer_inplace(text, size, pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) return CibSplitError{parsed.description(), static_cast<std::size_t>(parsed.offset)};
    pugi::xml_node element = piece.first_child();
    if (std::string_view(element.name()) == "node_state") statuses.push_back(read_node_state(element, ops));
    return std::nullopt;
  });
  if (split_error) {
    diag.error("", "not valid XML: " + split_error->message + " at offset " + std::to_string(split_error->offset));
    return std::nullopt;
  }
  std::string& text = splitter.outside();
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    const std::size_t offset = splitter.document_offset(static_cast<std::size_t>(parsed.offset));
    diag.error("", std::string("not valid XML: ") + parsed.description() + " at offset " + std::to_string(offset));
    return std::nullopt;
  }
  pugi::xml_node cib = doc.child("cib");
  if (!cib) {
    diag.error("", "expected a <cib> element at the top");
    return std::nullopt;
  }
  pl::ClusterState s;
  const std::string quorum = cib.attribute("have-quorum").as_string("1");
  s.have_quorum = is_true(quorum);
  if (auto date = cib.attribute("execution-date")) s.now = date.as_llong();
  else s.now = static_cast<long long>(std::time(nullptr));
  pugi::xml_node config = cib.child("configuration");
  read_nvpairs(config.child("crm_config"), "cluster_property_set", s.properties);
  read_nvpairs(config.child("rsc_defaults"), "meta_attributes", s.rsc_defaults);
  std::map<std::string, std::string> uname_of;
  std::set<std::string> unames;
  for (pugi::xml_node n : config.child("nodes").children("node")) {
    pl::Node node;
    node.name = n.attribute("uname").as_string();
    if (node.name.empty()) diag.error("/cib/configuration/nodes" + where(n) + "/@uname", "expected a node name, found nothing");
    else if (!unames.insert(node.name).second)
      diag.error("/cib/configuration/nodes" + where(n) + "/@uname", "node " + node.name + " is listed twice");
    uname_of[n.attribute("id").as_string()] = node.name;
    read_nvpairs(n, "instance_attributes", node.attributes);
    s.nodes.push_back(node);
  }
  if (s.nodes.empty()) diag.error("/cib/configuration/nodes", "expected at least one node");
  for (pugi::xml_node r : config.child("resources").children()) {
    if (auto rsc = read_resource(r, diag)) s.resources.push_back(*rsc);
  }
  check_resource_ids(config.child("resources"), diag);
  read_constraints(config.child("constraints"), s, diag);
  auto stonith_it = s.properties.find("stonith-enabled");
  const bool stonith = stonith_it == s.properties.end() || is_true(stonith_it->second);
  read_status(statuses, uname_of, s, stonith);
  if (!diag.empty() || !check_schedulable(s, diag, "/cib/configuration")) return std::nullopt;
  return s;
}

}  // namespace halab
