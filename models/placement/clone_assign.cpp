// Clone and promotable-clone assignment. Source: "Pacemaker Explained" 2.1, "Clones"
// (clone-max, clone-node-max, anonymous clones, stickiness of 1 by default) and
// "Promotable clones" (promoted-max, promoted-node-max, promotion scores set through
// the master-<resource> node attribute, role-specific location and colocation), with
// the Pacemaker 2.1 scheduler's instance assignment (pcmk_sched_clone.c,
// pcmk_sched_promotable.c): instances first stay where they run (up to clone-max over
// the available nodes each), the rest go to the best nodes; an instance with no
// promotion score and no promoted-role constraint is never promoted.
#include "models/placement/working_set.hpp"

#include <algorithm>

namespace halab::placement::detail {

void WorkingSet::append_parent_colocations(int parent, int instance, bool all) {
  Rsc& p = rscs_[static_cast<size_t>(parent)];
  Rsc& i = rscs_[static_cast<size_t>(instance)];
  for (int ci : p.this_with) {
    const Coloc& c = colocs_[static_cast<size_t>(ci)];
    if (all || c.score < 0 || c.score == kInfinity) insert_coloc(i.this_with, ci, true);
  }
  for (int ci : p.with_this) {
    const Coloc& c = colocs_[static_cast<size_t>(ci)];
    if (!has_influence(c, instance)) continue;
    if (all || c.score < 0) insert_coloc(i.with_this, ci, false);
  }
}

void WorkingSet::ban_unrunnable_instance_nodes(int instance, int limit) {
  Rsc& i = rscs_[static_cast<size_t>(instance)];
  const Rsc& p = rscs_[static_cast<size_t>(i.parent)];
  for (size_t n = 0; n < i.allowed.size(); ++n) {
    if (i.allowed[n] == kAbsent) continue;
    bool ok = nodes_[n].available && !i.orphan;
    if (ok) {
      const Score parent_weight = p.allowed[n];
      if (parent_weight == kAbsent) {
        ok = false;
      } else if (parent_weight < 0) {
        i.allowed[n] = parent_weight;
        continue;
      } else {
        ok = p.count[n] < limit;
      }
    }
    if (!ok) i.allowed[n] = -kInfinity;
  }
}

bool WorkingSet::assign_instance(int instance, int prefer, bool all_coloc, int limit) {
  if (!rscs_[static_cast<size_t>(instance)].provisional) return rscs_[static_cast<size_t>(instance)].assigned >= 0;
  if (rscs_[static_cast<size_t>(instance)].assigning) return false;
  append_parent_colocations(rscs_[static_cast<size_t>(instance)].parent, instance, all_coloc);
  if (prefer >= 0) {
    const Score w = rscs_[static_cast<size_t>(instance)].allowed[static_cast<size_t>(prefer)];
    if (w == kAbsent || w < 0) return false;
  }
  ban_unrunnable_instance_nodes(instance, limit);
  const NodeTable backup = rscs_[static_cast<size_t>(instance)].allowed;
  const size_t scores_before = scores_.size();
  int chosen = assign(instance, prefer);
  if (chosen >= 0 && prefer >= 0 && chosen != prefer) {
    rscs_[static_cast<size_t>(instance)].allowed = backup;
    unassign(instance);
    scores_.resize(scores_before);
    chosen = -1;
  }
  if (chosen >= 0) ++rscs_[static_cast<size_t>(rscs_[static_cast<size_t>(instance)].parent)].count[static_cast<size_t>(chosen)];
  return chosen >= 0;
}

int WorkingSet::assign_clone(int r, int prefer) {
  if (!rscs_[static_cast<size_t>(r)].provisional) return -1;
  if (rscs_[static_cast<size_t>(r)].assigning) return -1;
  if (rscs_[static_cast<size_t>(r)].promotable) add_promotion_scores(r);
  rscs_[static_cast<size_t>(r)].assigning = true;

  for (int ci : std::vector<int>(rscs_[static_cast<size_t>(r)].this_with)) {
    assign(colocs_[static_cast<size_t>(ci)].primary, prefer);
  }
  for (int ci : std::vector<int>(rscs_[static_cast<size_t>(r)].with_this)) {
    const Coloc c = colocs_[static_cast<size_t>(ci)];
    if (!has_influence(c, -1)) continue;
    NodeTable merged = merge_weights(c.dependent, rscs_[static_cast<size_t>(r)].allowed, c.attr,
                                     static_cast<float>(c.score) / static_cast<float>(kInfinity),
                                     kMergeRollback | kMergePositive);
    rscs_[static_cast<size_t>(r)].allowed = std::move(merged);
  }
  record_scores(r);
  sort_instances(r);

  const Rsc& clone = rscs_[static_cast<size_t>(r)];
  const int max = clone.clone_max;
  const int per_node = clone.clone_node_max;
  int available = 0;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    rscs_[static_cast<size_t>(r)].count[n] = 0;
    if (clone.allowed[n] != kAbsent && nodes_[n].available) ++available;
  }
  const bool all_coloc = max < available;
  const int loop_max = std::max(1, available > 0 ? max / available : 0);
  const std::vector<int> children = clone.children;

  int assigned = 0;
  for (int inst : children) {
    if (assigned >= max) break;
    const Rsc& i = rscs_[static_cast<size_t>(inst)];
    if (i.running_on.empty() || !i.provisional || i.failed) continue;
    const int node = current_node(inst);
    if (rscs_[static_cast<size_t>(r)].allowed[static_cast<size_t>(node)] == kAbsent) continue;
    if (rscs_[static_cast<size_t>(r)].count[static_cast<size_t>(node)] < loop_max &&
        assign_instance(inst, node, all_coloc, per_node)) {
      ++assigned;
    }
  }
  for (int inst : children) {
    if (!rscs_[static_cast<size_t>(inst)].provisional) continue;
    if (assigned >= max) {
      for (Score& s : rscs_[static_cast<size_t>(inst)].allowed) s = s == kAbsent ? -kInfinity : add_scores(s, -kInfinity);
      continue;
    }
    if (assign_instance(inst, -1, all_coloc, per_node)) ++assigned;
  }
  for (int inst : children) {
    if (rscs_[static_cast<size_t>(inst)].provisional) assign_to(inst, -1, true);
  }

  if (rscs_[static_cast<size_t>(r)].promotable) set_instance_roles(r);
  rscs_[static_cast<size_t>(r)].provisional = false;
  rscs_[static_cast<size_t>(r)].assigning = false;
  return -1;
}

// A promotion score counts on a node only where this instance is known: the instance
// active there (if any instance is), else any instance with history there; an instance
// with history elsewhere ignores nodes it has none on.
int WorkingSet::promotion_score(int instance, int node, int not_set) const {
  const Rsc& i = rscs_[static_cast<size_t>(instance)];
  const Rsc& clone = rscs_[static_cast<size_t>(i.parent)];
  auto on = [&](const Rsc& x) { return std::find(x.running_on.begin(), x.running_on.end(), node) != x.running_on.end(); };
  // histories are kept where instances ran, so "known on a node" is "active there"
  int active_here = -1;
  for (int other : clone.children) {
    if (on(rscs_[static_cast<size_t>(other)])) active_here = other;
  }
  const bool usable = active_here == instance;
  if (!usable && !i.running_on.empty()) return not_set;
  const Score allowed = i.allowed[static_cast<size_t>(node)];
  if (allowed == kAbsent || allowed < 0) return not_set;
  const auto& attrs = *nodes_[static_cast<size_t>(node)].attributes;
  for (const std::string& name : {i.base, i.id}) {
    auto it = attrs.find("master-" + name);
    if (it != attrs.end()) {
      if (auto s = parse_score(it->second)) return *s;
    }
  }
  return not_set;
}

// Each instance's nodes gain its promotion scores there, and its priority (which orders
// the instances' assignment) becomes its best promotion score.
void WorkingSet::add_promotion_scores(int clone) {
  for (int inst : rscs_[static_cast<size_t>(clone)].children) {
    Rsc& i = rscs_[static_cast<size_t>(inst)];
    for (size_t n = 0; n < i.allowed.size(); ++n) {
      if (i.allowed[n] == kAbsent || !nodes_[n].available) continue;
      const int score = promotion_score(inst, static_cast<int>(n), 0);
      if (score > 0) i.allowed[n] = add_scores(i.allowed[n], score);
      i.priority = std::max(i.priority, score);
    }
  }
}

void WorkingSet::promotion_order(int clone) {
  for (int inst : rscs_[static_cast<size_t>(clone)].children) {
    const Rsc& i = rscs_[static_cast<size_t>(inst)];
    if (i.assigned < 0 || i.sort_index < 0) continue;
    Score& slot = rscs_[static_cast<size_t>(clone)].allowed[static_cast<size_t>(i.assigned)];
    if (slot != kAbsent) slot = add_scores(i.sort_index, slot);
  }
  for (int ci : std::vector<int>(rscs_[static_cast<size_t>(clone)].this_with)) {
    const Coloc c = colocs_[static_cast<size_t>(ci)];
    if (c.dependent_role != Role::promoted) continue;
    const unsigned flags = c.score == kInfinity ? 0u : static_cast<unsigned>(kMergeRollback);
    NodeTable merged = merge_weights(c.primary, rscs_[static_cast<size_t>(clone)].allowed, c.attr,
                                     static_cast<float>(c.score) / static_cast<float>(kInfinity), flags);
    rscs_[static_cast<size_t>(clone)].allowed = std::move(merged);
  }
  for (int ci : std::vector<int>(rscs_[static_cast<size_t>(clone)].with_this)) {
    const Coloc c = colocs_[static_cast<size_t>(ci)];
    if (!has_influence(c, -1) || c.primary_role != Role::promoted) continue;
    NodeTable merged = merge_weights(c.dependent, rscs_[static_cast<size_t>(clone)].allowed, c.attr,
                                     static_cast<float>(c.score) / static_cast<float>(kInfinity),
                                     kMergeRollback | kMergePositive);
    rscs_[static_cast<size_t>(clone)].allowed = std::move(merged);
  }
  for (int inst : rscs_[static_cast<size_t>(clone)].children) {
    Rsc& i = rscs_[static_cast<size_t>(inst)];
    if (i.assigned < 0 || i.sort_index < 0) continue;
    i.sort_index = rscs_[static_cast<size_t>(clone)].allowed[static_cast<size_t>(i.assigned)];
  }
  std::vector<int>& children = rscs_[static_cast<size_t>(clone)].children;
  std::stable_sort(children.begin(), children.end(), [&](int a, int b) {
    const Rsc& ra = rscs_[static_cast<size_t>(a)];
    const Rsc& rb = rscs_[static_cast<size_t>(b)];
    if (ra.sort_index != rb.sort_index) return ra.sort_index > rb.sort_index;
    if (ra.role != rb.role) return ra.role > rb.role;
    return compare_instances(a, b, true) < 0;
  });
}

void WorkingSet::set_instance_roles(int clone) {
  Rsc& c = rscs_[static_cast<size_t>(clone)];
  std::fill(c.count.begin(), c.count.end(), 0);
  for (int inst : std::vector<int>(c.children)) {
    Rsc& i = rscs_[static_cast<size_t>(inst)];
    i.promotion_priority = i.priority;
    if (i.assigned < 0) continue;
    i.promotion_priority = i.target_role == Role::unpromoted ? -kInfinity : promotion_score(inst, i.assigned, -1);
    for (int li : rscs_[static_cast<size_t>(clone)].locations) {
      const Location& loc = locations_[static_cast<size_t>(li)];
      if (loc.role != Role::promoted) continue;
      for (const auto& [node, score] : loc.nodes) {
        if (node == i.assigned) i.promotion_priority = add_scores(i.promotion_priority, score);
      }
    }
    for (int ci : std::vector<int>(i.this_with)) apply_coloc_as_dependent(inst, colocs_[static_cast<size_t>(ci)]);
    i.sort_index = i.promotion_priority;
  }
  promotion_order(clone);
  int promoted = 0;
  for (int inst : std::vector<int>(rscs_[static_cast<size_t>(clone)].children)) {
    Rsc& i = rscs_[static_cast<size_t>(inst)];
    if (i.assigned < 0) continue;
    Rsc& parent = rscs_[static_cast<size_t>(clone)];
    const bool eligible = i.sort_index >= 0 && i.promotion_priority >= 0 &&
                          promoted < parent.promoted_max && i.managed &&
                          parent.count[static_cast<size_t>(i.assigned)] < parent.promoted_node_max;
    if (!eligible || (i.role < Role::promoted && !quorate_ && no_quorum_policy_ == "freeze")) {
      i.next_role = Role::unpromoted;
      continue;
    }
    ++parent.count[static_cast<size_t>(i.assigned)];
    i.next_role = Role::promoted;
    ++promoted;
  }
}

}  // namespace halab::placement::detail
