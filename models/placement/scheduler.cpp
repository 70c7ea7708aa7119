#include "models/placement/scheduler.hpp"

#include "models/placement/working_set.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>
#include <strings.h>

namespace halab::placement {

bool is_true(std::string_view text) {
  for (std::string_view yes : {"true", "on", "yes", "y", "1"}) {
    if (text.size() == yes.size() && strncasecmp(text.data(), yes.data(), yes.size()) == 0) return true;
  }
  return false;
}

std::optional<long long> parse_interval_seconds(std::string_view text) {
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr == text.data()) return std::nullopt;
  const std::string_view unit(ptr, static_cast<size_t>(text.data() + text.size() - ptr));
  // Saturating, as Pacemaker's crm_get_msec clamps to the range of a long long.
  auto scaled = [value](long long factor) -> long long {
    constexpr long long hi = std::numeric_limits<long long>::max(), lo = std::numeric_limits<long long>::min();
    if (value > hi / factor) return hi;
    if (value < lo / factor) return lo;
    return value * factor;
  };
  if (unit.empty() || unit == "s" || unit == "sec") return value;
  if (unit == "ms" || unit == "msec") return value / 1000;
  if (unit == "m" || unit == "min") return scaled(60);
  if (unit == "h" || unit == "hr") return scaled(3600);
  return std::nullopt;
}

std::optional<Role> parse_role(std::string_view text) {
  auto is = [&](const char* name) { return strncasecmp(text.data(), name, text.size()) == 0 && std::string_view(name).size() == text.size(); };
  if (is("Stopped")) return Role::stopped;
  if (is("Started")) return Role::started;
  if (is("Unpromoted") || is("Slave")) return Role::unpromoted;
  if (is("Promoted") || is("Master")) return Role::promoted;
  return std::nullopt;
}

const char* role_name(Role role) {
  switch (role) {
    case Role::unknown: return "Unknown";
    case Role::stopped: return "Stopped";
    case Role::started: return "Started";
    case Role::unpromoted: return "Unpromoted";
    case Role::promoted: return "Promoted";
  }
  return "Unknown";
}

std::optional<NodeState> parse_node_state(std::string_view text) {
  if (text == "online") return NodeState::online;
  if (text == "standby") return NodeState::standby;
  if (text == "offline") return NodeState::offline;
  if (text == "unclean") return NodeState::unclean;
  if (text == "maintenance") return NodeState::maintenance;
  return std::nullopt;
}

const char* node_state_name(NodeState state) {
  switch (state) {
    case NodeState::online: return "online";
    case NodeState::standby: return "standby";
    case NodeState::offline: return "offline";
    case NodeState::unclean: return "unclean";
    case NodeState::maintenance: return "maintenance";
  }
  return "online";
}

Schedule schedule(const ClusterState& state) { return detail::WorkingSet(state).run(); }

void check_configuration(const ClusterState& state) { detail::WorkingSet checked(state); }

namespace detail {

Schedule WorkingSet::run() {
  sort_top_resources();
  for (int r : top_) assign(r, -1);
  block_starts_without_quorum();
  block_unrunnable_orders();
  return collect();
}

// no-quorum-policy=freeze without quorum: what runs keeps running where it is; nothing
// starts (a resource placed elsewhere is stopped and cannot start again).
void WorkingSet::block_starts_without_quorum() {
  if (quorate_ || no_quorum_policy_ != "freeze") return;
  for (size_t r = 0; r < rscs_.size(); ++r) {
    Rsc& l = rscs_[r];
    if (l.kind != ResourceKind::primitive || l.assigned < 0) continue;
    if (std::find(l.running_on.begin(), l.running_on.end(), l.assigned) != l.running_on.end()) continue;
    unassign(static_cast<int>(r));
    l.provisional = false;
    l.next_role = Role::stopped;
  }
}

// A mandatory order "first then" stops `then` (or keeps it from being promoted) when
// `first` will not be active (or promoted) anywhere, even if `then` runs now; a colocated
// group is ordered member by member, and ordered after as a whole only once its last
// member can run (Pacemaker orders after the group's "running" pseudo-action).
void WorkingSet::block_unrunnable_orders() {
  struct Edge {
    int first;
    int then;
    bool first_promote;
    bool then_promote;
  };
  std::vector<Edge> edges;
  for (const OrderConstraint& o : state_.orders) {
    if (o.kind != OrderKind::mandatory) continue;
    const int first = find_rsc(o.first, true), then = find_rsc(o.then, true);
    if (first < 0 || then < 0) continue;  // refused when unpacking
    if ((o.first_action != "start" && o.first_action != "promote") ||
        (o.then_action != "start" && o.then_action != "promote")) {
      continue;
    }
    edges.push_back({first, then, o.first_action == "promote", o.then_action == "promote"});
  }
  for (const Rsc& g : rscs_) {
    if (g.kind != ResourceKind::group) continue;
    for (size_t i = 1; i < g.children.size(); ++i) edges.push_back({g.children[i - 1], g.children[i], false, false});
  }
  auto leaves = [&](int r) {
    std::vector<int> out, stack{r};
    while (!stack.empty()) {
      const int x = stack.back();
      stack.pop_back();
      if (rscs_[static_cast<size_t>(x)].kind == ResourceKind::primitive) out.push_back(x);
      stack.insert(stack.end(), rscs_[static_cast<size_t>(x)].children.begin(), rscs_[static_cast<size_t>(x)].children.end());
    }
    return out;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Edge& e : edges) {
      // a group is running once its last member is (its "running" action follows that
      // member's start); a clone or primitive once any instance is
      const Rsc& f = rscs_[static_cast<size_t>(e.first)];
      const std::vector<int> first_leaves =
          f.kind == ResourceKind::group && !f.children.empty() ? std::vector<int>{f.children.back()} : leaves(e.first);
      bool runnable = false;
      for (int leaf : first_leaves) {
        const Rsc& l = rscs_[static_cast<size_t>(leaf)];
        if (l.assigned >= 0 && (!e.first_promote || l.next_role == Role::promoted)) runnable = true;
      }
      if (runnable) continue;
      for (int leaf : leaves(e.then)) {
        Rsc& l = rscs_[static_cast<size_t>(leaf)];
        if (l.assigned < 0) continue;
        if (e.then_promote) {
          if (l.next_role == Role::promoted && l.role != Role::promoted) {
            l.next_role = Role::unpromoted;
            changed = true;
          }
        } else {
          unassign(leaf);
          l.provisional = false;
          l.next_role = Role::stopped;
          changed = true;
        }
      }
    }
  }
}

Schedule WorkingSet::collect() {
  Schedule out;
  for (const Rsc& r : rscs_) {
    if (r.kind != ResourceKind::primitive) continue;
    Assignment a;
    a.rsc = r.id;
    if (!r.base.empty()) a.clone = rscs_[static_cast<size_t>(r.parent)].id;
    if (r.assigned >= 0) {
      a.node = nodes_[static_cast<size_t>(r.assigned)].name;
      const bool promotable = r.parent >= 0 && rscs_[static_cast<size_t>(r.parent)].promotable;
      a.role = promotable ? (r.next_role == Role::promoted ? Role::promoted : Role::unpromoted) : Role::started;
    }
    for (int n : r.running_on) a.current_nodes.push_back(nodes_[static_cast<size_t>(n)].name);
    a.current_role = r.running_on.empty() ? Role::stopped : r.role;
    a.recover = r.failed && r.assigned >= 0 && !r.running_on.empty();
    out.assignments.push_back(std::move(a));
  }
  out.scores = std::move(scores_);
  // pe_can_fence(): a lost node is fenced only with quorum (or no-quorum-policy=ignore)
  if (stonith_enabled_ && have_fencing_device_ && (quorate_ || no_quorum_policy_ == "ignore")) {
    for (const NodeInfo& n : nodes_) {
      if (n.unclean) out.fence.push_back(n.name);
    }
  }
  out.warnings = std::move(warnings_);
  return out;
}

}  // namespace detail
}  // namespace halab::placement
