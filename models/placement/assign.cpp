// Assigning resources to nodes, in Pacemaker 2.1's order and with its tie rules.
// Source: "Pacemaker Explained" 2.1 ("Which node is preferred", resource priority,
// stickiness) and the Pacemaker 2.1 scheduler's assignment (pcmk_sched_resource.c
// resource ordering, pcmk_sched_nodes.c node ordering, pcmk_sched_primitive.c and
// pcmk_sched_group.c assignment).
#include "models/placement/working_set.hpp"

#include <algorithm>

namespace halab::placement::detail {

std::vector<int> WorkingSet::sorted_nodes(const NodeTable& table, int preferred) const {
  std::vector<int> order;
  for (size_t n = 0; n < table.size(); ++n) {
    if (table[n] != kAbsent) order.push_back(static_cast<int>(n));
  }
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const NodeInfo& na = nodes_[static_cast<size_t>(a)];
    const NodeInfo& nb = nodes_[static_cast<size_t>(b)];
    const Score sa = na.available ? table[static_cast<size_t>(a)] : -kInfinity;
    const Score sb = nb.available ? table[static_cast<size_t>(b)] : -kInfinity;
    if (sa != sb) return sa > sb;
    if (na.assigned != nb.assigned) return na.assigned < nb.assigned;
    if (preferred >= 0 && (a == preferred || b == preferred)) return a == preferred;
    return na.name < nb.name;
  });
  return order;
}

int WorkingSet::current_node(int r) const {
  const auto& on = rscs_[static_cast<size_t>(r)].running_on;
  return on.empty() ? -1 : on.front();
}

// Resources are assigned by priority (then configuration order); only placement
// strategies other than "default" also order them by their scores.
void WorkingSet::sort_top_resources() {
  std::stable_sort(top_.begin(), top_.end(), [&](int a, int b) {
    return rscs_[static_cast<size_t>(a)].priority > rscs_[static_cast<size_t>(b)].priority;
  });
  if (!sort_by_scores_) return;
  NodeTable zero(nodes_.size(), 0);
  const std::vector<int> node_order = sorted_nodes(zero, -1);
  std::vector<NodeTable> merged(rscs_.size());
  for (int r : top_) merged[static_cast<size_t>(r)] = merge_weights(r, std::nullopt, kNodeName, 1.0f, kMergeForward | kMergeInit);
  auto score_on = [&](int r, int node) {
    const Score s = merged[static_cast<size_t>(r)][static_cast<size_t>(node)];
    return s == kAbsent ? -kInfinity : s;
  };
  std::stable_sort(top_.begin(), top_.end(), [&](int a, int b) {
    const Rsc& ra = rscs_[static_cast<size_t>(a)];
    const Rsc& rb = rscs_[static_cast<size_t>(b)];
    if (ra.priority != rb.priority) return ra.priority > rb.priority;
    const int ca = current_node(a), cb = current_node(b);
    const Score sa = ca >= 0 ? score_on(a, ca) : -kInfinity;
    const Score sb = cb >= 0 ? score_on(b, cb) : -kInfinity;
    if (sa != sb) return sa > sb;
    for (int n : node_order) {
      const Score x = score_on(a, n), y = score_on(b, n);
      if (x != y) return x > y;
    }
    return false;
  });
}

int WorkingSet::assign(int r, int prefer) {
  switch (rscs_[static_cast<size_t>(r)].kind) {
    case ResourceKind::primitive: return assign_primitive(r, prefer);
    case ResourceKind::group: return assign_group(r, prefer);
    case ResourceKind::clone: return assign_clone(r, prefer);
  }
  return -1;
}

void WorkingSet::record_scores(int r) {
  ResourceScores out;
  out.rsc = rscs_[static_cast<size_t>(r)].id;
  const NodeTable& table = rscs_[static_cast<size_t>(r)].allowed;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (table[n] == kAbsent) continue;
    out.scores.push_back({nodes_[n].name, table[n]});
  }
  scores_.push_back(std::move(out));
}

int WorkingSet::assign_primitive(int r, int prefer) {
  if (rscs_[static_cast<size_t>(r)].parent >= 0 &&
      !rscs_[static_cast<size_t>(rscs_[static_cast<size_t>(r)].parent)].assigning) {
    assign(rscs_[static_cast<size_t>(r)].parent, prefer);
  }
  if (!rscs_[static_cast<size_t>(r)].provisional) return rscs_[static_cast<size_t>(r)].assigned;
  if (rscs_[static_cast<size_t>(r)].assigning) return -1;  // colocation loop
  rscs_[static_cast<size_t>(r)].assigning = true;

  for (int ci : std::vector<int>(rscs_[static_cast<size_t>(r)].this_with)) {
    const Coloc c = colocs_[static_cast<size_t>(ci)];
    const bool keep = c.dependent_role >= Role::promoted || (c.score < 0 && c.score > -kInfinity);
    NodeTable archive;
    if (keep) archive = rscs_[static_cast<size_t>(r)].allowed;
    assign(c.primary, -1);
    apply_coloc_as_dependent(r, c);
    if (keep && !any_available(rscs_[static_cast<size_t>(r)].allowed)) rscs_[static_cast<size_t>(r)].allowed = archive;
  }
  for (int ci : std::vector<int>(rscs_[static_cast<size_t>(r)].with_this)) {
    const Coloc c = colocs_[static_cast<size_t>(ci)];
    if (!has_influence(c, -1)) continue;
    NodeTable merged = merge_weights(c.dependent, rscs_[static_cast<size_t>(r)].allowed, c.attr,
                                     static_cast<float>(c.score) / static_cast<float>(kInfinity), kMergeRollback);
    rscs_[static_cast<size_t>(r)].allowed = std::move(merged);
  }

  Rsc& rs = rscs_[static_cast<size_t>(r)];
  if (rs.next_role == Role::stopped) {
    for (Score& s : rs.allowed) s = s == kAbsent ? -kInfinity : add_scores(s, -kInfinity);
  } else if (rs.next_role > rs.role && !quorate_ && no_quorum_policy_ == "freeze") {
    rs.next_role = rs.role;
  }
  record_scores(r);

  if (stonith_enabled_ && !have_fencing_device_) rs.managed = false;
  if (!rs.managed) {
    rs.next_role = rs.role;
    assign_to(r, current_node(r), true);
  } else if (stop_all_) {
    assign_to(r, -1, true);
  } else {
    choose_node(r, prefer);
  }
  rscs_[static_cast<size_t>(r)].assigning = false;
  return rscs_[static_cast<size_t>(r)].assigned;
}

bool WorkingSet::choose_node(int r, int prefer) {
  Rsc& rs = rscs_[static_cast<size_t>(r)];
  const int running = current_node(r);
  const std::vector<int> order = sorted_nodes(rs.allowed, running);
  if (order.empty()) return assign_to(r, -1, false);
  const int best = order.front();
  const auto weight = [&](int n) { return rs.allowed[static_cast<size_t>(n)]; };
  int chosen = -1;
  if (prefer >= 0 && rs.allowed[static_cast<size_t>(prefer)] != kAbsent) {
    if (weight(prefer) >= weight(best) && nodes_[static_cast<size_t>(prefer)].available && weight(prefer) >= 0) {
      chosen = prefer;
    }
  }
  if (chosen < 0) {
    chosen = best;
    if (weight(chosen) > 0 && nodes_[static_cast<size_t>(chosen)].available && running >= 0 &&
        nodes_[static_cast<size_t>(running)].available) {
      for (size_t i = 1; i < order.size() && weight(order[i]) == weight(best); ++i) {
        if (order[i] == running) chosen = running;
      }
    }
  }
  return assign_to(r, chosen, false);
}

bool WorkingSet::assign_to(int r, int node, bool force) {
  Rsc& rs = rscs_[static_cast<size_t>(r)];
  if (!force && node >= 0) {
    const Score w = rs.allowed[static_cast<size_t>(node)];
    if (w == kAbsent || w < 0 || !nodes_[static_cast<size_t>(node)].available) {
      rs.next_role = Role::stopped;
      node = -1;
    }
  }
  unassign(r);
  rs.provisional = false;
  if (node < 0) {
    rs.next_role = Role::stopped;
    return false;
  }
  rs.assigned = node;
  rs.assigned_weight = rs.allowed[static_cast<size_t>(node)];
  ++nodes_[static_cast<size_t>(node)].assigned;
  return true;
}

void WorkingSet::unassign(int r) {
  Rsc& rs = rscs_[static_cast<size_t>(r)];
  if (rs.assigned < 0) return;
  --nodes_[static_cast<size_t>(rs.assigned)].assigned;
  rs.assigned = -1;
  rs.provisional = true;
}

int WorkingSet::assign_group(int r, int prefer) {
  if (!rscs_[static_cast<size_t>(r)].provisional) return rscs_[static_cast<size_t>(r)].assigned;
  if (rscs_[static_cast<size_t>(r)].assigning) return -1;
  if (rscs_[static_cast<size_t>(r)].children.empty()) {
    rscs_[static_cast<size_t>(r)].provisional = false;
    return -1;
  }
  Rsc& g = rscs_[static_cast<size_t>(r)];
  g.assigning = true;
  // "group with X" becomes "first member with X"; "X with group" becomes "X with last member"
  Rsc& first = rscs_[static_cast<size_t>(g.children.front())];
  first.this_with.insert(first.this_with.end(), g.this_with.begin(), g.this_with.end());
  g.this_with.clear();
  Rsc& last = rscs_[static_cast<size_t>(g.children.back())];
  last.with_this.insert(last.with_this.end(), g.with_this.begin(), g.with_this.end());
  g.with_this.clear();

  int group_node = -1;
  for (int child : std::vector<int>(rscs_[static_cast<size_t>(r)].children)) {
    const int node = assign(child, prefer);
    if (group_node < 0) group_node = node;
  }
  Rsc& done = rscs_[static_cast<size_t>(r)];
  done.next_role = rscs_[static_cast<size_t>(done.children.front())].next_role;
  done.assigning = false;
  done.provisional = false;
  done.assigned = group_node;
  return group_node;
}

}  // namespace halab::placement::detail
