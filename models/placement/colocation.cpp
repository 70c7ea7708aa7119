// Colocation constraints in the scheduler: how a dependent's node scores follow its
// primary once the primary is placed, and how a primary weighs its dependents'
// preferences (attenuated by score/INFINITY, recursively) before it is placed.
// Source: "Pacemaker Explained" 2.1, "Colocation Constraints" (mandatory and advisory
// placement, node-attribute, roles, influence), and the Pacemaker 2.1 scheduler's
// colocation handling (pcmk_sched_colocation.c): mandatory colocations ban every node
// the primary is not on; advisory ones add their score where it is, and are rolled back
// when they would leave no node available; a stopped primary subtracts the score.
#include "models/placement/working_set.hpp"

#include <algorithm>
#include <strings.h>

namespace halab::placement::detail {

ValueClasses value_classes(const std::vector<const char*>& values) {
  ValueClasses classes(values.size());
  for (size_t n = 0; n < values.size(); ++n) {
    size_t first = 0;
    while (strcasecmp(values[first], values[n]) != 0) ++first;
    classes[n] = static_cast<int>(first);
  }
  return classes;
}

namespace {

int variant_rank(const Rsc& r) {
  switch (r.kind) {
    case ResourceKind::primitive: return 0;
    case ResourceKind::group: return 1;
    case ResourceKind::clone: return 2;
  }
  return 0;
}

// Colocations are kept sorted by the other side's priority, then clones before groups
// before primitives, promotable clones first, then by id.
int compare_side(const Rsc& a, const Rsc& b) {
  if (a.priority != b.priority) return a.priority > b.priority ? -1 : 1;
  if (variant_rank(a) != variant_rank(b)) return variant_rank(a) > variant_rank(b) ? -1 : 1;
  if (a.kind == ResourceKind::clone && a.promotable != b.promotable) return a.promotable ? -1 : 1;
  const int c = a.id.compare(b.id);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

// Colocation lists stay sorted by the other side (pcmk__add_this_with and
// pcmk__add_with_this insert in order).
void WorkingSet::insert_coloc(std::vector<int>& list, int index, bool by_primary) const {
  auto other = [&](int ci) -> const Rsc& {
    const Coloc& x = colocs_[static_cast<size_t>(ci)];
    return rscs_[static_cast<size_t>(by_primary ? x.primary : x.dependent)];
  };
  // g_list_insert_sorted: before the first entry that is not less
  auto pos = std::lower_bound(list.begin(), list.end(), index, [&](int existing, int incoming) {
    return compare_side(other(existing), other(incoming)) < 0;
  });
  list.insert(pos, index);
}

void WorkingSet::add_coloc(Coloc c) {
  const int index = static_cast<int>(colocs_.size());
  colocs_.push_back(std::move(c));
  const Coloc& added = colocs_.back();
  insert_coloc(rscs_[static_cast<size_t>(added.dependent)].this_with, index, true);
  insert_coloc(rscs_[static_cast<size_t>(added.primary)].with_this, index, false);
}

void WorkingSet::unpack_colocations(const ClusterState& state) {
  for (const ColocationConstraint& cc : state.colocations) {
    Coloc c;
    c.id = cc.id;
    c.dependent = find_rsc(cc.rsc, true);
    c.primary = find_rsc(cc.with_rsc, true);
    if (c.dependent < 0) throw ConfigError("colocation " + cc.id + ": unknown resource " + cc.rsc);
    if (c.primary < 0) throw ConfigError("colocation " + cc.id + ": unknown resource " + cc.with_rsc);
    // Pacemaker ignores such a constraint with a configuration error; the lab refuses it.
    if (c.dependent == c.primary) throw ConfigError("colocation " + cc.id + ": " + cc.rsc + " cannot be colocated with itself");
    c.score = cc.score;
    c.dependent_role = cc.rsc_role == Role::started ? Role::unknown : cc.rsc_role;
    c.primary_role = cc.with_rsc_role == Role::started ? Role::unknown : cc.with_rsc_role;
    c.attr = attr_index(cc.node_attribute);
    c.influence = cc.influence;
    if (c.score == 0 || c.dependent == c.primary) continue;
    add_coloc(std::move(c));
  }
}

void WorkingSet::internal_colocations() {
  for (size_t g = 0; g < rscs_.size(); ++g) {
    if (rscs_[g].kind != ResourceKind::group) continue;
    const std::vector<int> members = rscs_[g].children;
    for (size_t i = 1; i < members.size(); ++i) {
      Coloc c;
      c.id = "group:internal_colocation";
      c.dependent = members[i];
      c.primary = members[i - 1];
      c.score = kInfinity;
      add_coloc(std::move(c));
    }
  }
}

int WorkingSet::attr_index(const std::string& attr) {
  if (attr == "#uname" || attr == "#id" || attr.empty()) return kNodeName;
  const auto [it, added] = attr_indices_.try_emplace(attr, static_cast<int>(attrs_.size()));
  if (!added) return it->second;
  std::vector<const char*> values;
  for (const NodeInfo& n : nodes_) {
    const auto found = n.attributes->find(attr);
    values.push_back(found == n.attributes->end() ? "" : found->second.c_str());
  }
  attrs_.push_back(value_classes(values));
  return it->second;
}

// influence=false only matters while the resource in question (the primary unless
// another is given) is active.
bool WorkingSet::has_influence(const Coloc& c, int rsc) const {
  const int r = rsc < 0 ? c.primary : rsc;
  return c.influence || rscs_[static_cast<size_t>(r)].running_on.empty();
}

bool WorkingSet::any_available(const NodeTable& table) const {
  for (size_t n = 0; n < table.size(); ++n) {
    if (table[n] != kAbsent && table[n] >= 0 && nodes_[n].available) return true;
  }
  return false;
}

void WorkingSet::add_scores_matching_attr(NodeTable& work, int r, int attr, float factor, bool only_positive) const {
  // Each node takes r's best score among the available nodes with its value of `attr`
  // (-INFINITY if none): the best per class first, then one pass.
  const ValueClasses& classes = attrs_[static_cast<size_t>(attr)];
  const NodeTable& allowed = rscs_[static_cast<size_t>(r)].allowed;
  std::vector<Score> best(classes.size(), -kInfinity);
  for (size_t n = 0; n < allowed.size(); ++n) {
    if (allowed[n] == kAbsent || !nodes_[n].available) continue;
    Score& b = best[static_cast<size_t>(classes[n])];
    b = std::max(b, allowed[n]);
  }
  for (size_t n = 0; n < work.size(); ++n) {
    Score& weight = work[n];
    if (weight == kAbsent) continue;
    const Score score = best[static_cast<size_t>(classes[n])];
    if (factor < 0 && score < 0) continue;  // a double negative is not a preference
    if (weight == kUnusable) continue;
    const float delta_f = factor * static_cast<float>(score);
    int delta = static_cast<int>(delta_f < 0 ? delta_f - 0.5f : delta_f + 0.5f);
    if (delta == 0 && score != 0) delta = factor > 0 ? 1 : (factor < 0 ? -1 : 0);
    const Score updated = add_scores(delta, weight);
    if (only_positive && updated < 0 && weight > 0) {
      weight = kUnusable;
      continue;
    }
    if (only_positive && updated < 0 && weight == 0) continue;
    weight = updated;
  }
}

// Another resource's scores merged into a node table (pcmk__native_merge_weights): its
// own scores scaled by `factor` (or, starting a table, its scores as they are), then,
// while some node is still available, the resources colocated with it (or, forward, the
// ones it is colocated with), each at ±its colocation's score / INFINITY. A group weighs
// in through its first member (its last when a table is started) and then through the
// resources colocated with its last member; the group's own colocations move to its
// members only when the group is assigned.
NodeTable WorkingSet::merge_weights(int r, const std::optional<NodeTable>& nodes, int attr, float factor,
                                    unsigned flags) {
  if (rscs_[static_cast<size_t>(r)].merging) return nodes ? *nodes : rscs_[static_cast<size_t>(r)].allowed;
  rscs_[static_cast<size_t>(r)].merging = true;
  const Rsc& rs = rscs_[static_cast<size_t>(r)];
  const bool group = rs.kind == ResourceKind::group && !rs.children.empty();
  NodeTable work;
  if (!nodes) {
    work = group ? merge_weights(rs.children.back(), std::nullopt, attr, factor, flags) : rs.allowed;
  } else if (group) {
    work = merge_weights(rs.children.front(), nodes, attr, factor, flags);
  } else {
    work = *nodes;
    add_scores_matching_attr(work, r, attr, factor, flags & kMergePositive);
  }
  flags &= ~static_cast<unsigned>(kMergeInit);

  if (any_available(work)) {
    const int multiplier = factor < 0 ? -1 : 1;
    const Rsc& listed = group && !(flags & kMergeForward) ? rscs_[static_cast<size_t>(rs.children.back())] : rs;
    const std::vector<int> list = (flags & kMergeForward) ? listed.this_with : listed.with_this;
    for (int ci : list) {
      const Coloc& c = colocs_[static_cast<size_t>(ci)];
      int other = -1;
      if (flags & kMergeForward) {
        other = c.primary;
      } else if (!has_influence(c, -1)) {
        continue;
      } else {
        other = c.dependent;
      }
      work = merge_weights(other, work, c.attr,
                           static_cast<float>(multiplier * c.score) / static_cast<float>(kInfinity), flags);
    }
  } else if (flags & kMergeRollback) {
    rscs_[static_cast<size_t>(r)].merging = false;
    return nodes ? *nodes : rscs_[static_cast<size_t>(r)].allowed;
  }
  if (flags & kMergePositive) {
    for (Score& w : work) {
      if (w == kUnusable) w = 1;
    }
  }
  rscs_[static_cast<size_t>(r)].merging = false;
  return work;
}

WorkingSet::Affects WorkingSet::colocation_affects(int dependent, int primary, const Coloc& c) {
  const Rsc& d = rscs_[static_cast<size_t>(dependent)];
  const Rsc& p = rscs_[static_cast<size_t>(primary)];
  if (p.provisional) return Affects::nothing;
  if (c.dependent_role >= Role::unpromoted && d.parent >= 0 &&
      rscs_[static_cast<size_t>(d.parent)].promotable && !d.provisional) {
    return Affects::role;
  }
  if (!d.provisional) {
    if (d.assigned >= 0 && c.score >= kInfinity && p.assigned != d.assigned) {
      warnings_.push_back(d.id + " must be colocated with " + p.id + " but is not");
    }
    return Affects::nothing;
  }
  if (c.dependent_role != Role::unknown && c.dependent_role != d.next_role) return Affects::nothing;
  if (c.primary_role != Role::unknown && c.primary_role != p.next_role) return Affects::nothing;
  return Affects::location;
}

void WorkingSet::apply_coloc_to_scores(int dependent, int primary, const Coloc& c) {
  Rsc& d = rscs_[static_cast<size_t>(dependent)];
  const Rsc& p = rscs_[static_cast<size_t>(primary)];
  if (p.assigned < 0 && c.score < 0) return;  // anti-colocation with something that will not run
  NodeTable work = d.allowed;
  for (size_t n = 0; n < work.size(); ++n) {
    if (work[n] == kAbsent) continue;
    if (p.assigned < 0) {
      work[n] = add_scores(-c.score, work[n]);
    } else if (same_value(c.attr, static_cast<int>(n), p.assigned)) {
      if (c.score < kInfinity) work[n] = add_scores(c.score, work[n]);
    } else if (c.score >= kInfinity) {
      work[n] = -kInfinity;
    }
  }
  if (c.score <= -kInfinity || c.score >= kInfinity || any_available(work)) d.allowed = std::move(work);
}

void WorkingSet::apply_coloc_to_priority(int dependent, int primary, const Coloc& c) {
  Rsc& d = rscs_[static_cast<size_t>(dependent)];
  const Rsc& p = rscs_[static_cast<size_t>(primary)];
  if (p.assigned < 0 || d.assigned < 0) return;
  if (!same_value(c.attr, d.assigned, p.assigned)) {
    if (c.score >= kInfinity && c.dependent_role == Role::promoted) d.promotion_priority = -kInfinity;
    return;
  }
  if (c.primary_role != Role::unknown && c.primary_role != p.next_role) return;
  const int multiplier = c.dependent_role == Role::unpromoted ? -1 : 1;
  d.promotion_priority = add_scores(multiplier * c.score, d.promotion_priority);
}

// primary->cmds->rsc_colocation_rh(dependent, primary, colocation)
void WorkingSet::apply_coloc_as_dependent(int dependent, const Coloc& c) {
  const Rsc& p = rscs_[static_cast<size_t>(c.primary)];
  if (p.kind == ResourceKind::primitive) {
    switch (colocation_affects(dependent, c.primary, c)) {
      case Affects::role: apply_coloc_to_priority(dependent, c.primary, c); break;
      case Affects::location: apply_coloc_to_scores(dependent, c.primary, c); break;
      case Affects::nothing: break;
    }
    return;
  }
  if (p.provisional) return;
  if (p.kind == ResourceKind::group) {
    Coloc member = c;
    member.primary = c.score >= kInfinity ? p.children.back() : p.children.front();
    apply_coloc_as_dependent(dependent, member);
    return;
  }
  // a clone as primary
  Rsc& d = rscs_[static_cast<size_t>(dependent)];
  if (p.promotable && c.primary_role != Role::unknown) {
    if (d.provisional) {
      std::vector<std::pair<int, Score>> affected;  // node, the instance's score there
      for (int inst : p.children) {
        const Rsc& i = rscs_[static_cast<size_t>(inst)];
        if (i.assigned >= 0 && i.next_role == c.primary_role) {
          Score& slot = d.allowed[static_cast<size_t>(i.assigned)];
          if (c.score < kInfinity && slot != kAbsent) slot = add_scores(slot, c.score);
          affected.emplace_back(i.assigned, i.assigned_weight);
        }
      }
      if (c.dependent_role != Role::promoted && c.score >= kInfinity) {
        // only where such an instance is, adding its score there
        for (size_t n = 0; n < d.allowed.size(); ++n) {
          if (d.allowed[n] == kAbsent) continue;
          auto it = std::find_if(affected.begin(), affected.end(), [&](const auto& a) { return a.first == static_cast<int>(n); });
          d.allowed[n] = it == affected.end() ? -kInfinity : add_scores(d.allowed[n], it->second);
        }
      }
      return;
    }
    if (c.dependent_role == Role::promoted) {
      bool found = false;
      for (int inst : p.children) {
        const Rsc& i = rscs_[static_cast<size_t>(inst)];
        if (i.assigned >= 0 && i.assigned == d.assigned && i.next_role == c.primary_role) found = true;
      }
      if (!found && c.score >= kInfinity) {
        d.promotion_priority = -kInfinity;
      } else if (found) {
        d.promotion_priority = add_scores(d.promotion_priority, c.score);
      }
      return;
    }
  }
  if (c.score >= kInfinity) {
    std::vector<int> hosts;
    for (int inst : p.children) {
      if (rscs_[static_cast<size_t>(inst)].assigned >= 0) hosts.push_back(rscs_[static_cast<size_t>(inst)].assigned);
    }
    for (size_t n = 0; n < d.allowed.size(); ++n) {
      if (d.allowed[n] == kAbsent) continue;
      if (std::find(hosts.begin(), hosts.end(), static_cast<int>(n)) == hosts.end()) d.allowed[n] = -kInfinity;
    }
    for (int host : hosts) {
      if (d.allowed[static_cast<size_t>(host)] == kAbsent) d.allowed[static_cast<size_t>(host)] = -kInfinity;
    }
    return;
  }
  for (int inst : std::vector<int>(p.children)) {
    Coloc each = c;
    each.primary = inst;
    apply_coloc_as_dependent(dependent, each);
  }
}

}  // namespace halab::placement::detail
