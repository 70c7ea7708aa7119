#include "models/placement/transition.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace halab::placement {
namespace {

const char* inverse(const std::string& task) {
  if (task == "start") return "stop";
  if (task == "stop") return "start";
  if (task == "promote") return "demote";
  return "promote";
}

// Maps configuration ids (primitives, groups, clones, clone children) to the primitives
// and instances the schedule names.
class Members {
 public:
  Members(const ClusterState& state, const Schedule& schedule) {
    for (const Resource& r : state.resources) add(r, schedule);
  }
  const std::vector<std::string>& of(const std::string& id) const {
    static const std::vector<std::string> none;
    auto it = members_.find(id);
    return it == members_.end() ? none : it->second;
  }
  const std::vector<std::vector<std::string>>& groups() const { return groups_; }
  const std::vector<std::vector<std::string>>& clones() const { return clones_; }

 private:
  std::vector<std::string> add(const Resource& r, const Schedule& schedule) {
    std::vector<std::string> out;
    if (r.kind == ResourceKind::primitive) {
      out.push_back(r.id);
    } else if (r.kind == ResourceKind::group) {
      std::vector<std::string> order;
      for (const Resource& m : r.children) {
        auto sub = add(m, schedule);
        out.insert(out.end(), sub.begin(), sub.end());
        order.insert(order.end(), sub.begin(), sub.end());
      }
      groups_.push_back(order);
    } else {
      for (const Assignment& a : schedule.assignments) {
        if (a.clone == r.id) out.push_back(a.rsc);
      }
      if (!r.children.empty()) members_[r.children.front().id] = out;
      clones_.push_back(out);
    }
    members_[r.id] = out;
    return out;
  }
  std::map<std::string, std::vector<std::string>> members_;
  std::vector<std::vector<std::string>> groups_;
  std::vector<std::vector<std::string>> clones_;
};

// The primitives that start and promote only after every fencing of the transition: those
// whose `requires` (their own, else inherited, else rsc_defaults) is fencing or unfencing —
// by default, while stonith-enabled, every resource but fence devices, which require quorum
// ("Pacemaker Explained" 2.1, "Resource Meta-Attributes"; pcmk_sched_fencing.c,
// order_start_vs_fencing). A resource requiring quorum waits only for the fencing of a node
// its status is unknown on, which the lab's cluster state does not record: not ordered.
void add_requiring_fencing(const Resource& r, Meta meta, const ClusterState& state, bool stonith, std::set<std::string>& out) {
  for (const auto& [k, v] : r.meta) meta[k] = v;
  if (r.kind == ResourceKind::primitive) {
    std::string requires_ = stonith && r.standard != "stonith" ? "fencing" : "quorum";
    if (auto own = meta.find("requires"); own != meta.end()) requires_ = own->second;
    else if (auto d = state.rsc_defaults.find("requires"); d != state.rsc_defaults.end()) requires_ = d->second;
    if (requires_ == "fencing" || requires_ == "unfencing") out.insert(r.id);
  }
  for (const Resource& child : r.children) add_requiring_fencing(child, meta, state, stonith, out);
}

}  // namespace

Transition plan_transition(const ClusterState& state, const Schedule& schedule) {
  Transition t;
  std::set<std::string> fenced(schedule.fence.begin(), schedule.fence.end());
  std::map<std::string, int> fence_action;
  for (const std::string& node : schedule.fence) {
    fence_action[node] = static_cast<int>(t.actions.size());
    t.actions.push_back({"fence", "", node, false});
  }
  // An unclean node that is not being fenced (no quorum) cannot stop anything: what runs
  // there is blocked, and may not start elsewhere while it may still run there.
  std::set<std::string> blocked_nodes;
  for (const Node& n : state.nodes) {
    if (n.state == NodeState::unclean && !fenced.count(n.name)) blocked_nodes.insert(n.name);
  }
  std::multimap<std::string, int> by_rsc;  // rsc -> action index
  auto add = [&](const std::string& task, const std::string& rsc, const std::string& node) {
    const int index = static_cast<int>(t.actions.size());
    t.actions.push_back({task, rsc, node, fenced.count(node) > 0 && (task == "stop" || task == "demote")});
    by_rsc.emplace(rsc, index);
    return index;
  };
  for (const Assignment& a : schedule.assignments) {
    if (std::any_of(a.current_nodes.begin(), a.current_nodes.end(),
                    [&](const std::string& n) { return blocked_nodes.count(n) > 0; })) {
      continue;
    }
    const bool stays = !a.node.empty() && std::find(a.current_nodes.begin(), a.current_nodes.end(), a.node) != a.current_nodes.end();
    // active on several nodes (after a partition without fencing): multiple-active's
    // default, stop_start, stops every copy and starts one
    const bool restart = a.recover || a.current_nodes.size() > 1;
    std::vector<int> stops;
    int start = -1;
    for (const std::string& current : a.current_nodes) {
      if (current == a.node && !restart) continue;
      int demote = -1;
      if (a.current_role == Role::promoted) demote = add("demote", a.rsc, current);
      const int stop = add("stop", a.rsc, current);
      if (demote >= 0) t.edges.emplace_back(demote, stop);
      if (fence_action.count(current)) t.edges.emplace_back(fence_action[current], stop);
      stops.push_back(stop);
    }
    if (!a.node.empty() && (!stays || restart)) {
      start = add("start", a.rsc, a.node);
      for (int stop : stops) t.edges.emplace_back(stop, start);
      for (const std::string& current : a.current_nodes) {
        if (fence_action.count(current)) t.edges.emplace_back(fence_action[current], start);
      }
    }
    if (a.role == Role::promoted && (start >= 0 || a.current_role != Role::promoted)) {
      const int promote = add("promote", a.rsc, a.node);
      if (start >= 0) t.edges.emplace_back(start, promote);
    } else if (a.role == Role::unpromoted && stays && !restart && a.current_role == Role::promoted) {
      add("demote", a.rsc, a.node);
    }
  }

  if (!fence_action.empty()) {
    const auto stonith = state.properties.find("stonith-enabled");
    std::set<std::string> requiring;
    for (const Resource& r : state.resources)
      add_requiring_fencing(r, {}, state, stonith == state.properties.end() || is_true(stonith->second), requiring);
    for (std::size_t i = 0; i < t.actions.size(); ++i) {
      const Action& a = t.actions[i];
      if ((a.task != "start" && a.task != "promote") || !requiring.count(history_id(a.rsc))) continue;
      for (const auto& [node, fence] : fence_action) t.edges.emplace_back(fence, static_cast<int>(i));
    }
  }

  const Members members(state, schedule);
  auto link = [&](const std::vector<std::string>& firsts, const std::string& first_task,
                  const std::vector<std::string>& thens, const std::string& then_task) {
    for (const std::string& f : firsts) {
      for (auto [fi, fe] = by_rsc.equal_range(f); fi != fe; ++fi) {
        if (t.actions[static_cast<size_t>(fi->second)].task != first_task) continue;
        for (const std::string& th : thens) {
          for (auto [ti, te] = by_rsc.equal_range(th); ti != te; ++ti) {
            if (t.actions[static_cast<size_t>(ti->second)].task == then_task && fi->second != ti->second) {
              t.edges.emplace_back(fi->second, ti->second);
            }
          }
        }
      }
    }
  };
  for (const auto& group : members.groups()) {
    for (size_t i = 1; i < group.size(); ++i) {
      link({group[i - 1]}, "start", {group[i]}, "start");
      link({group[i]}, "stop", {group[i - 1]}, "stop");
    }
  }
  // a clone's instances all stop before any starts, and all demote before any promotes
  for (const auto& instances : members.clones()) {
    link(instances, "stop", instances, "start");
    link(instances, "demote", instances, "promote");
  }
  for (const OrderConstraint& o : state.orders) {
    if (o.kind == OrderKind::serialize) continue;
    link(members.of(o.first), o.first_action, members.of(o.then), o.then_action);
    if (o.symmetrical) link(members.of(o.then), inverse(o.then_action), members.of(o.first), inverse(o.first_action));
  }
  std::sort(t.edges.begin(), t.edges.end());
  t.edges.erase(std::unique(t.edges.begin(), t.edges.end()), t.edges.end());

  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(t.actions.size());
  for (const auto& [from, to] : t.edges) boost::add_edge(static_cast<size_t>(from), static_cast<size_t>(to), g);
  std::vector<size_t> reversed;
  try {
    boost::topological_sort(g, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    // name the actions left on cycles: those never freed by removing sources
    std::vector<int> indegree(t.actions.size(), 0);
    for (const auto& e : t.edges) ++indegree[static_cast<size_t>(e.second)];
    std::vector<int> ready;
    for (size_t i = 0; i < indegree.size(); ++i) {
      if (indegree[i] == 0) ready.push_back(static_cast<int>(i));
    }
    while (!ready.empty()) {
      const int x = ready.back();
      ready.pop_back();
      for (const auto& e : t.edges) {
        if (e.first == x && --indegree[static_cast<size_t>(e.second)] == 0) ready.push_back(e.second);
      }
    }
    std::string names;
    for (size_t i = 0; i < indegree.size(); ++i) {
      if (indegree[i] <= 0) continue;
      const Action& a = t.actions[i];
      names += (names.empty() ? "" : ", ") + a.task + " " + a.rsc + " on " + a.node;
    }
    throw ConfigError("ordering constraints form a cycle among: " + names);
  }
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) t.order.push_back(static_cast<int>(*it));
  return t;
}

}  // namespace halab::placement
