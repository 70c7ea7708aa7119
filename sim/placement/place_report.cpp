#include "sim/placement/place_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace halab {
namespace pl = placement;

nlohmann::json placement_json(const pl::Schedule& schedule) {
  nlohmann::json out = nlohmann::json::object();
  std::map<std::string, std::vector<std::string>> clones;
  for (const pl::Assignment& a : schedule.assignments) {
    if (a.clone.empty()) {
      out[a.rsc] = a.node.empty() ? "stopped" : a.node;
      continue;
    }
    auto& nodes = clones[a.clone];
    if (!a.node.empty()) nodes.push_back(a.node);
  }
  for (auto& [clone, nodes] : clones) {
    std::sort(nodes.begin(), nodes.end());
    out[clone] = nodes;
  }
  return out;
}

nlohmann::json place_json(const pl::Schedule& schedule, const pl::Transition& transition) {
  nlohmann::json actions = nlohmann::json::array();
  for (int i : transition.order) {
    const pl::Action& a = transition.actions[static_cast<size_t>(i)];
    nlohmann::json j{{"action", a.task}, {"node", a.node}};
    if (!a.rsc.empty()) j["rsc"] = a.rsc;
    if (a.implied) j["implied_by_fencing"] = true;
    nlohmann::json after = nlohmann::json::array();
    for (const auto& [from, to] : transition.edges) {
      if (to == i) after.push_back(from);
    }
    j["id"] = i;
    j["after"] = after;
    actions.push_back(j);
  }
  nlohmann::json scores = nlohmann::json::object();
  for (const pl::ResourceScores& rs : schedule.scores) {
    nlohmann::json per = nlohmann::json::object();
    for (const pl::NodeScore& ns : rs.scores) per[ns.node] = ns.score;
    scores[rs.rsc] = per;
  }
  return {{"placement", placement_json(schedule)}, {"actions", actions}, {"scores", scores}};
}

namespace {

nlohmann::json resource_json(const pl::Resource& r) {
  nlohmann::json j{{"id", r.id}};
  if (r.kind == pl::ResourceKind::group) {
    j["type"] = "group";
    j["members"] = nlohmann::json::array();
    for (const auto& m : r.children) j["members"].push_back(resource_json(m));
  } else if (r.kind == pl::ResourceKind::clone) {
    j["type"] = r.promotable ? "promotable" : "clone";
    if (!r.children.empty()) j["child"] = resource_json(r.children.front());
  }
  if (r.standard != "ocf") j["class"] = r.standard;
  if (!r.meta.empty()) j["meta"] = r.meta;
  return j;
}

}  // namespace

nlohmann::json configuration_json(const pl::ClusterState& state) {
  nlohmann::json resources = nlohmann::json::array();
  for (const auto& r : state.resources) resources.push_back(resource_json(r));
  nlohmann::json location = nlohmann::json::array(), colocation = nlohmann::json::array(), order = nlohmann::json::array();
  for (const auto& l : state.locations) {
    nlohmann::json j{{"id", l.id}, {"rsc", l.rsc}};
    if (l.node) j["node"] = *l.node, j["score"] = pl::format_score(l.score);
    if (l.role != pl::Role::unknown) j["role"] = pl::role_name(l.role);
    for (const pl::Rule& rule : l.rules) {
      nlohmann::json r = nlohmann::json::object();
      if (rule.score_attribute) r["score-attribute"] = *rule.score_attribute;
      else r["score"] = pl::format_score(rule.score);
      if (rule.any) r["boolean-op"] = "or";
      r["expressions"] = nlohmann::json::array();
      for (const pl::RuleExpression& e : rule.expressions) {
        nlohmann::json x{{"attribute", e.attribute}, {"operation", e.operation}};
        if (!e.value.empty()) x["value"] = e.value;
        if (!e.type.empty()) x["type"] = e.type;
        r["expressions"].push_back(x);
      }
      j["rules"].push_back(r);
    }
    location.push_back(j);
  }
  for (const auto& c : state.colocations) {
    nlohmann::json j{{"id", c.id}, {"rsc", c.rsc}, {"with-rsc", c.with_rsc}, {"score", pl::format_score(c.score)}};
    if (c.rsc_role != pl::Role::unknown) j["rsc-role"] = pl::role_name(c.rsc_role);
    if (c.with_rsc_role != pl::Role::unknown) j["with-rsc-role"] = pl::role_name(c.with_rsc_role);
    if (c.node_attribute != "#uname") j["node-attribute"] = c.node_attribute;
    if (!c.influence) j["influence"] = false;
    colocation.push_back(j);
  }
  for (const auto& o : state.orders) {
    nlohmann::json j{{"id", o.id}, {"first", o.first}, {"then", o.then}, {"first-action", o.first_action}, {"then-action", o.then_action}};
    if (o.kind != pl::OrderKind::mandatory) j["kind"] = o.kind == pl::OrderKind::optional ? "Optional" : "Serialize";
    if (o.symmetrical != (o.kind != pl::OrderKind::serialize)) j["symmetrical"] = o.symmetrical;
    order.push_back(j);
  }
  return {{"rsc_defaults", state.rsc_defaults},
          {"resources", resources},
          {"constraints", {{"location", location}, {"colocation", colocation}, {"order", order}}}};
}

std::string place_text(const pl::Schedule& schedule, const pl::Transition& transition, bool scores) {
  std::string out;
  if (scores) {
    out += "Allocation scores:\n";
    for (const pl::ResourceScores& rs : schedule.scores) {
      for (const pl::NodeScore& ns : rs.scores) {
        out += fmt::format("  {} allocation score on {}: {}\n", rs.rsc, ns.node, pl::format_score(ns.score));
      }
    }
    out += "\n";
  }
  out += "Placement:\n";
  std::map<std::string, std::map<std::string, std::vector<std::string>>> clones;  // clone -> role -> nodes
  size_t width = 0;
  for (const pl::Assignment& a : schedule.assignments) width = std::max(width, (a.clone.empty() ? a.rsc : a.clone).size());
  for (const pl::Assignment& a : schedule.assignments) {
    if (!a.clone.empty()) {
      if (!a.node.empty()) clones[a.clone][pl::role_name(a.role)].push_back(a.node);
      else clones[a.clone];
      continue;
    }
    out += fmt::format("  {:<{}}  {}\n", a.rsc, width, a.node.empty() ? "Stopped" : "Started " + a.node);
  }
  for (auto& [clone, roles] : clones) {
    std::string line;
    for (auto& [role, nodes] : roles) {
      std::sort(nodes.begin(), nodes.end());
      line += fmt::format("{}{}: [ {} ]", line.empty() ? "" : "  ", role, fmt::join(nodes, " "));
    }
    out += fmt::format("  {:<{}}  {}\n", clone, width, line.empty() ? "Stopped" : line);
  }
  for (const std::string& node : schedule.fence) out += fmt::format("  fence {}\n", node);
  out += fmt::format("\nTransition ({} actions, in order):\n", transition.actions.size());
  int step = 0;
  for (int i : transition.order) {
    const pl::Action& a = transition.actions[static_cast<size_t>(i)];
    out += fmt::format("  {:>3}  {:<8} {}{}{}\n", ++step, a.task, a.rsc.empty() ? "" : a.rsc + " ",
                       "on " + a.node, a.implied ? " (implied by fencing)" : "");
  }
  for (const std::string& w : schedule.warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace halab
