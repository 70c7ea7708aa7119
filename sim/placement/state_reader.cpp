#include "sim/placement/state_reader.hpp"

#include "models/placement/scheduler.hpp"
#include "models/placement/topology_template.hpp"
#include "sim/placement/mapped_file.hpp"
#include "sim/scenario/fields.hpp"

#include <set>

namespace halab {
namespace pl = placement;
namespace {

// A score may be written as a number or as "INFINITY"/"-INFINITY"/"123".
std::optional<pl::Score> read_score(const Fields& f, std::string_view key, Fields::Need need) {
  const nlohmann::json* v = f.get(key, need);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return pl::parse_score(std::to_string(v->get<long long>()));
  if (v->is_string()) {
    if (auto s = pl::parse_score(v->get<std::string>())) return s;
  }
  f.diagnostics().expected(f.pointer(key), "a score (an integer, \"INFINITY\" or \"-INFINITY\")", v);
  return std::nullopt;
}

std::optional<pl::Role> read_role(const Fields& f, std::string_view key) {
  auto text = f.string(key, Fields::optional);
  if (!text) return std::nullopt;
  auto role = pl::parse_role(*text);
  if (!role) f.diagnostics().expected(f.pointer(key), "a role (Stopped, Started, Unpromoted, Promoted)", f.get(key, Fields::optional));
  return role;
}

// Name/value maps (properties, meta, attributes): values may be strings, numbers or booleans.
std::map<std::string, std::string> read_map(const Fields& f, std::string_view key) {
  std::map<std::string, std::string> out;
  const nlohmann::json* v = f.get(key, Fields::optional);
  if (!v) return out;
  if (!v->is_object()) {
    f.diagnostics().expected(f.pointer(key), "an object of names to values", v);
    return out;
  }
  for (const auto& [name, value] : v->items()) {
    if (value.is_string()) out[name] = value.get<std::string>();
    else if (value.is_boolean()) out[name] = value.get<bool>() ? "true" : "false";
    else if (value.is_number_integer()) out[name] = std::to_string(value.get<long long>());
    else f.diagnostics().expected(pointer_join(f.pointer(key), name), "a string, integer or boolean", &value);
  }
  return out;
}

template <typename Fn>
void each(const Fields& f, std::string_view key, Fn fn) {
  const nlohmann::json* v = f.get(key, Fields::optional);
  if (!v) return;
  if (!v->is_array()) {
    f.diagnostics().expected(f.pointer(key), "an array", v);
    return;
  }
  for (size_t i = 0; i < v->size(); ++i) fn((*v)[i], pointer_join(f.pointer(key), i));
}

std::optional<pl::Resource> read_resource(const nlohmann::json& value, const std::string& ptr, Diagnostics& diag) {
  Fields f(value, ptr, diag, {"id", "type", "class", "meta", "members", "child"});
  pl::Resource r;
  auto id = f.string("id", Fields::required);
  auto type = f.string("type", Fields::optional).value_or("primitive");
  if (auto cls = f.string("class", Fields::optional)) r.standard = *cls;
  r.meta = read_map(f, "meta");
  if (!id) return std::nullopt;
  r.id = *id;
  if (type == "primitive") {
    r.kind = pl::ResourceKind::primitive;
  } else if (type == "group") {
    r.kind = pl::ResourceKind::group;
    each(f, "members", [&](const nlohmann::json& m, const std::string& p) {
      if (auto member = read_resource(m, p, diag)) r.children.push_back(*member);
    });
    if (r.children.empty()) diag.expected(f.pointer("members"), "a non-empty array of primitives", f.get("members", Fields::optional));
  } else if (type == "clone" || type == "promotable") {
    r.kind = pl::ResourceKind::clone;
    r.promotable = type == "promotable";
    if (const nlohmann::json* child = f.get("child", Fields::required)) {
      if (auto c = read_resource(*child, f.pointer("child"), diag)) r.children.push_back(*c);
    }
  } else {
    diag.expected(f.pointer("type"), "primitive, group, clone or promotable", f.get("type", Fields::optional));
  }
  return r;
}

void read_constraints(const Fields& top, pl::ClusterState& s, Diagnostics& diag) {
  const nlohmann::json* v = top.get("constraints", Fields::optional);
  if (!v) return;
  Fields c(*v, top.pointer("constraints"), diag, {"location", "colocation", "order"});
  int n = 0;
  auto auto_id = [&](const char* kind) { return std::string(kind) + "-" + std::to_string(++n); };
  each(c, "location", [&](const nlohmann::json& item, const std::string& p) {
    Fields f(item, p, diag, {"id", "rsc", "node", "score", "role", "rules"});
    pl::LocationConstraint lc;
    lc.id = f.string("id", Fields::optional).value_or(auto_id("location"));
    lc.rsc = f.string("rsc", Fields::required).value_or("");
    lc.node = f.string("node", Fields::optional);
    if (auto role = read_role(f, "role")) lc.role = *role;
    each(f, "rules", [&](const nlohmann::json& ri, const std::string& rp) {
      Fields rf(ri, rp, diag, {"score", "score-attribute", "boolean-op", "expressions"});
      pl::Rule rule;
      rule.score_attribute = rf.string("score-attribute", Fields::optional);
      if (!rule.score_attribute) rule.score = read_score(rf, "score", Fields::required).value_or(0);
      rule.any = rf.string("boolean-op", Fields::optional).value_or("and") == "or";
      each(rf, "expressions", [&](const nlohmann::json& ei, const std::string& ep) {
        Fields ef(ei, ep, diag, {"attribute", "operation", "value", "type"});
        pl::RuleExpression e;
        e.attribute = ef.string("attribute", Fields::required).value_or("");
        e.operation = ef.string("operation", Fields::required).value_or("eq");
        e.value = ef.string("value", Fields::optional).value_or("");
        e.type = ef.string("type", Fields::optional).value_or("");
        static const std::vector<std::string> ops{"defined", "not_defined", "eq", "ne", "lt", "gt", "lte", "gte"};
        if (std::find(ops.begin(), ops.end(), e.operation) == ops.end()) {
          diag.expected(ef.pointer("operation"), "one of defined, not_defined, eq, ne, lt, gt, lte, gte", ef.get("operation", Fields::optional));
        }
        rule.expressions.push_back(e);
      });
      lc.rules.push_back(rule);
    });
    if (lc.node) {
      lc.score = read_score(f, "score", Fields::required).value_or(0);
    } else if (lc.rules.empty()) {
      diag.expected(p, "a \"node\" with a \"score\", or \"rules\"", &item);
    }
    s.locations.push_back(lc);
  });
  each(c, "colocation", [&](const nlohmann::json& item, const std::string& p) {
    Fields f(item, p, diag, {"id", "rsc", "with-rsc", "score", "rsc-role", "with-rsc-role", "node-attribute", "influence"});
    pl::ColocationConstraint cc;
    cc.id = f.string("id", Fields::optional).value_or(auto_id("colocation"));
    cc.rsc = f.string("rsc", Fields::required).value_or("");
    cc.with_rsc = f.string("with-rsc", Fields::required).value_or("");
    cc.score = read_score(f, "score", Fields::required).value_or(0);
    if (auto r = read_role(f, "rsc-role")) cc.rsc_role = *r;
    if (auto r = read_role(f, "with-rsc-role")) cc.with_rsc_role = *r;
    cc.node_attribute = f.string("node-attribute", Fields::optional).value_or("#uname");
    cc.influence = f.boolean("influence", Fields::optional).value_or(true);
    s.colocations.push_back(cc);
  });
  each(c, "order", [&](const nlohmann::json& item, const std::string& p) {
    Fields f(item, p, diag, {"id", "first", "then", "first-action", "then-action", "kind", "symmetrical"});
    pl::OrderConstraint oc;
    oc.id = f.string("id", Fields::optional).value_or(auto_id("order"));
    oc.first = f.string("first", Fields::required).value_or("");
    oc.then = f.string("then", Fields::required).value_or("");
    oc.first_action = f.string("first-action", Fields::optional).value_or("start");
    oc.then_action = f.string("then-action", Fields::optional).value_or(oc.first_action);
    for (const auto* key : {"first-action", "then-action"}) {
      const std::string action = key[0] == 'f' ? oc.first_action : oc.then_action;
      if (action != "start" && action != "stop" && action != "promote" && action != "demote") {
        diag.expected(f.pointer(key), "start, stop, promote or demote", f.get(key, Fields::optional));
      }
    }
    const std::string kind = f.string("kind", Fields::optional).value_or("Mandatory");
    if (kind == "Mandatory") oc.kind = pl::OrderKind::mandatory;
    else if (kind == "Optional") oc.kind = pl::OrderKind::optional;
    else if (kind == "Serialize") oc.kind = pl::OrderKind::serialize;
    else diag.expected(f.pointer("kind"), "Mandatory, Optional or Serialize", f.get("kind", Fields::optional));
    oc.symmetrical = f.boolean("symmetrical", Fields::optional).value_or(oc.kind != pl::OrderKind::serialize);
    s.orders.push_back(oc);
  });
}

void collect_ids(const pl::Resource& r, std::set<std::string>& ids) {
  ids.insert(r.id);
  for (const auto& c : r.children) collect_ids(c, ids);
}

// Every resource and node a constraint, status or fail count names must exist.
void check_references(const nlohmann::json& doc, const std::string& doc_pointer, const pl::ClusterState& s,
                      Diagnostics& diag) {
  std::set<std::string> ids, nodes;
  for (const auto& r : s.resources) collect_ids(r, ids);
  for (const auto& n : s.nodes) nodes.insert(n.name);
  auto check = [&](const std::set<std::string>& known, const char* what, const std::string& pointer) {
    const nlohmann::json& value = doc.at(nlohmann::json::json_pointer(pointer));
    if (!value.is_string()) return;
    const std::string name = value.get<std::string>();
    const std::string base = pl::history_id(name);  // a clone instance "c:0"
    if (!known.count(name) && !known.count(base)) {
      diag.expected(doc_pointer + pointer, std::string("the name of ") + what, &value);
    }
  };
  auto each_key = [&](const char* list, std::initializer_list<std::pair<const char*, bool>> keys) {
    const nlohmann::json::json_pointer at(list);
    if (!doc.contains(at)) return;
    const nlohmann::json& items = doc.at(at);
    for (size_t i = 0; i < items.size(); ++i) {
      for (const auto& [key, is_node] : keys) {
        if (!items[i].contains(key)) continue;
        check(is_node ? nodes : ids, is_node ? "a node in /nodes" : "a resource in /resources",
              pointer_join(pointer_join(list, i), key));
      }
    }
  };
  each_key("/constraints/location", {{"rsc", false}, {"node", true}});
  each_key("/constraints/colocation", {{"rsc", false}, {"with-rsc", false}});
  each_key("/constraints/order", {{"first", false}, {"then", false}});
  each_key("/status", {{"rsc", false}, {"node", true}});
  each_key("/failcounts", {{"rsc", false}, {"node", true}});
}

}  // namespace

std::optional<pl::ClusterState> read_cluster_state_json(const nlohmann::json& doc, Diagnostics& diag,
                                                        const std::string& base) {
  const std::size_t errors_before = diag.errors().size();
  Fields top(doc, base, diag, {"properties", "rsc_defaults", "have_quorum", "now", "nodes", "resources",
                             "constraints", "status", "failcounts", "topology"});
  pl::ClusterState s;
  s.properties = read_map(top, "properties");
  s.rsc_defaults = read_map(top, "rsc_defaults");
  s.have_quorum = top.boolean("have_quorum", Fields::optional).value_or(true);
  if (auto now = top.integer("now", Fields::optional, 0, INT64_MAX)) s.now = *now;
  each(top, "nodes", [&](const nlohmann::json& item, const std::string& p) {
    Fields f(item, p, diag, {"name", "state", "attributes"});
    pl::Node n;
    n.name = f.string("name", Fields::required).value_or("");
    const std::string state = f.string("state", Fields::optional).value_or("online");
    if (auto st = pl::parse_node_state(state)) n.state = *st;
    else diag.expected(f.pointer("state"), "online, standby, offline, unclean or maintenance", f.get("state", Fields::optional));
    n.attributes = read_map(f, "attributes");
    s.nodes.push_back(n);
  });
  if (s.nodes.empty()) diag.expected(top.pointer("nodes"), "a non-empty array of nodes", top.get("nodes", Fields::optional));
  each(top, "resources", [&](const nlohmann::json& item, const std::string& p) {
    if (auto r = read_resource(item, p, diag)) s.resources.push_back(*r);
  });
  read_constraints(top, s, diag);
  if (const nlohmann::json* t = top.get("topology", Fields::optional)) {
    Fields tf(*t, top.pointer("topology"), diag, {"kind", "active", "spares"});
    pl::TopologyTemplate tpl;
    if (auto kind = tf.string("kind", Fields::required)) {
      if (auto k = pl::parse_topology_kind(*kind)) tpl.kind = *k;
      else diag.expected(tf.pointer("kind"), "active-passive, active-active, n+1, n+m, n-to-1 or n-to-n", tf.get("kind", Fields::optional));
    }
    tpl.active = static_cast<int>(tf.integer("active", Fields::optional, 1, 1000).value_or(tpl.kind == pl::TopologyKind::active_passive ? 1 : 2));
    tpl.spares = static_cast<int>(tf.integer("spares", Fields::optional, 1, 1000).value_or(1));
    if (diag.errors().size() == errors_before) {
      try {
        pl::apply_topology(tpl, s);
      } catch (const std::invalid_argument& e) {
        diag.error(top.pointer("topology"), e.what());
      }
    }
  }
  each(top, "status", [&](const nlohmann::json& item, const std::string& p) {
    Fields f(item, p, diag, {"rsc", "node", "role", "failed"});
    pl::ActiveResource a;
    a.rsc = f.string("rsc", Fields::required).value_or("");
    a.node = f.string("node", Fields::required).value_or("");
    if (auto r = read_role(f, "role")) a.role = *r;
    a.failed = f.boolean("failed", Fields::optional).value_or(false);
    s.active.push_back(a);
  });
  each(top, "failcounts", [&](const nlohmann::json& item, const std::string& p) {
    Fields f(item, p, diag, {"rsc", "node", "count", "last_failure"});
    pl::FailCount fc;
    fc.rsc = f.string("rsc", Fields::required).value_or("");
    fc.node = f.string("node", Fields::required).value_or("");
    if (const nlohmann::json* v = f.get("count", Fields::required)) {
      if (v->is_string() && v->get<std::string>() == "INFINITY") fc.count = pl::kInfinity;
      else fc.count = static_cast<int>(f.integer("count", Fields::required, 0, pl::kInfinity).value_or(0));
    }
    if (auto t = f.integer("last_failure", Fields::optional, 0, INT64_MAX)) fc.last_failure = *t;
    s.failcounts.push_back(fc);
  });
  // positions in check_references assume a well-formed document
  if (diag.errors().size() == errors_before) check_references(doc, base, s, diag);
  if (diag.errors().size() != errors_before || !check_schedulable(s, diag, base)) return std::nullopt;
  return s;
}

bool check_schedulable(const pl::ClusterState& state, Diagnostics& diag, const std::string& pointer) {
  try {
    pl::check_configuration(state);
    return true;
  } catch (const pl::ConfigError& e) {
    diag.error(pointer, e.what());
    return false;
  }
}

std::optional<pl::ClusterState> read_cluster_state_file(const std::string& path, Diagnostics& diag) {
  std::string error;
  const auto file = MappedFile::open(path, error);
  if (!file) {
    diag.error("", "cannot open the file: " + error);
    return std::nullopt;
  }
  const std::string_view text = file->text();
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '<') return read_cluster_state_cib(text, diag);
  auto doc = parse_json(std::string(text), diag, "JSON or CIB XML");
  if (!doc) return std::nullopt;
  if (doc->is_object() && doc->contains("cluster") && doc->contains("faults") + doc->contains("workload") > 0) {
    diag.error("", "this is a scenario, not a cluster state: `halab run` and `halab validate` read scenarios");
    return std::nullopt;
  }
  return read_cluster_state_json(*doc, diag);
}

}  // namespace halab
