// Unpacking a ClusterState into the scheduler's working set: meta-attribute inheritance
// (own, then parent's, then rsc_defaults), clone instances, the symmetric-cluster
// default, location constraints (a colocated group's location applies to its first
// member; the others only become allowed), stickiness on the node a resource runs on,
// and migration-threshold bans. Source: "Pacemaker Explained" 2.1, "Resource Meta
// Attributes", "Location Constraints", "Groups", "Clones", "Failure Response".
#include "models/placement/rule.hpp"
#include "models/placement/working_set.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <cctype>

namespace halab::placement::detail {
namespace {

const std::string* lookup(const Meta& meta, const char* key) {
  auto it = meta.find(key);
  return it == meta.end() ? nullptr : &it->second;
}

int to_int(const std::string& text, const std::string& what) {
  auto score = parse_score(text);
  if (!score) throw ConfigError(what + ": expected an integer, found \"" + text + "\"");
  return *score;
}

long long to_seconds(const std::string& text, const std::string& what) {
  auto seconds = parse_interval_seconds(text);
  if (!seconds) throw ConfigError(what + ": expected an interval such as 60s or 2min, found \"" + text + "\"");
  return *seconds;
}

}  // namespace

WorkingSet::WorkingSet(const ClusterState& state) : state_(state) {
  unpack_properties(state);
  unpack_nodes(state);
  std::vector<const char*> names;
  for (const NodeInfo& n : nodes_) names.push_back(n.name.c_str());
  attrs_.push_back(value_classes(names));  // kNodeName
  check_unique_ids(state);
  for (const Resource& r : state.resources) top_.push_back(unpack_resource(r, -1, {}, state.rsc_defaults));
  for (size_t r = 0; r < rscs_.size(); ++r) index_rsc(static_cast<int>(r));
  if (symmetric_) {
    for (Rsc& r : rscs_) {
      for (size_t n = 0; n < nodes_.size(); ++n) r.allowed[n] = nodes_[n].unseen ? -kInfinity : 0;
    }
  }
  unpack_status(state);
  unpack_locations(state);
  unpack_colocations(state);
  for (const OrderConstraint& o : state.orders) {
    const int first = find_rsc(o.first, true), then = find_rsc(o.then, true);
    if (first < 0 || then < 0) throw ConfigError("order " + o.id + ": unknown resource");
    // Pacemaker ignores it ("first and then are the same"); the lab refuses it.
    if (first == then)
      throw ConfigError("order " + o.id + ": " + o.first + " cannot be ordered after itself");
  }
  for (int r : top_) apply_stickiness(r);
  apply_failure_threshold(state);
  internal_colocations();
}

void WorkingSet::unpack_properties(const ClusterState& state) {
  auto prop = [&](const char* key) { return lookup(state.properties, key); };
  if (auto v = prop("symmetric-cluster")) symmetric_ = is_true(*v);
  if (auto v = prop("stonith-enabled")) stonith_enabled_ = is_true(*v);
  if (auto v = prop("stop-all-resources")) stop_all_ = is_true(*v);
  if (auto v = prop("maintenance-mode")) maintenance_mode_ = is_true(*v);
  if (auto v = prop("no-quorum-policy")) no_quorum_policy_ = *v;
  if (auto v = prop("placement-strategy")) sort_by_scores_ = *v != "default";
  quorate_ = state.have_quorum;
  if (!quorate_ && no_quorum_policy_ == "stop") stop_all_ = true;
}

// Pacemaker's schema requires unique ids and named nodes; the scheduler relies on both.
void WorkingSet::check_unique_ids(const ClusterState& state) {
  std::set<std::string> names, ids;
  for (const Node& n : state.nodes) {
    if (n.name.empty()) throw ConfigError("a node has no name");
    if (!names.insert(n.name).second) throw ConfigError("node " + n.name + " is listed twice");
  }
  auto visit = [&](auto& self, const Resource& r) -> void {
    if (r.id.empty()) throw ConfigError("a resource has no id");
    if (!ids.insert(r.id).second) throw ConfigError("resource id " + r.id + " is used twice");
    for (const Resource& c : r.children) self(self, c);
  };
  for (const Resource& r : state.resources) visit(visit, r);
}

void WorkingSet::unpack_nodes(const ClusterState& state) {
  for (const Node& n : state.nodes) {
    NodeInfo info;
    info.name = n.name;
    info.attributes = &n.attributes;
    info.unclean = n.state == NodeState::unclean && stonith_enabled_;
    info.online = n.state == NodeState::online || n.state == NodeState::standby ||
                  n.state == NodeState::maintenance;
    info.available = n.state == NodeState::online;
    info.unseen = n.unseen;
    nodes_.push_back(info);
  }
}

int WorkingSet::unpack_resource(const Resource& r, int parent, const Meta& inherited,
                                const Meta& defaults) {
  Meta meta = r.meta;
  for (const auto& [k, v] : inherited) meta.emplace(k, v);
  const Meta own_and_inherited = meta;
  for (const auto& [k, v] : defaults) meta.emplace(k, v);

  const int index = static_cast<int>(rscs_.size());
  rscs_.emplace_back();
  {
    Rsc& rs = rscs_.back();
    rs.id = r.id;
    rs.kind = r.kind;
    rs.promotable = r.promotable;
    rs.fencing_device = r.standard == "stonith";
    rs.parent = parent;
    rs.config_order = index;
    rs.allowed.assign(nodes_.size(), kAbsent);
    const std::string where = "resource " + r.id;
    if (auto v = lookup(meta, "priority")) rs.priority = to_int(*v, where + " priority");
    if (auto v = lookup(meta, "resource-stickiness")) rs.stickiness = to_int(*v, where + " resource-stickiness");
    if (auto v = lookup(meta, "migration-threshold")) {
      rs.migration_threshold = to_int(*v, where + " migration-threshold");
      if (rs.migration_threshold <= 0) rs.migration_threshold = kInfinity;
    }
    if (auto v = lookup(meta, "failure-timeout")) rs.failure_timeout = to_seconds(*v, where + " failure-timeout");
    if (auto v = lookup(meta, "target-role")) {
      auto role = parse_role(*v);
      if (!role) throw ConfigError(where + " target-role: unknown role \"" + *v + "\"");
      if (*role == Role::stopped || *role == Role::unpromoted) rs.target_role = *role;
      if (*role == Role::stopped) rs.next_role = Role::stopped;
    }
    if (auto v = lookup(meta, "is-managed")) rs.managed = is_true(*v);
    if (auto v = lookup(meta, "maintenance"); v && is_true(*v)) rs.managed = false;
    if (maintenance_mode_) rs.managed = false;
    if (r.kind == ResourceKind::clone) {
      rs.clone_max = static_cast<int>(nodes_.size());
      if (auto v = lookup(meta, "clone-max")) rs.clone_max = to_int(*v, where + " clone-max");
      if (rs.clone_max > kMaxCloneInstances) {
        throw ConfigError(where + " clone-max: " + std::to_string(rs.clone_max) + " instances is above the lab's limit of " +
                          std::to_string(kMaxCloneInstances));
      }
      // Anonymous clones (the only kind modelled) run at most one instance per node,
      // whatever clone-node-max says.
      rs.clone_node_max = 1;
      for (const char* k : {"promoted-max", "master-max"}) {
        if (auto v = lookup(meta, k)) rs.promoted_max = to_int(*v, where + " " + k);
      }
      for (const char* k : {"promoted-node-max", "master-node-max"}) {
        if (auto v = lookup(meta, k)) rs.promoted_node_max = to_int(*v, where + " " + k);
      }
      if (auto v = lookup(meta, "promotable"); v && is_true(*v)) rs.promotable = true;
      if (auto v = lookup(meta, "globally-unique"); v && is_true(*v)) {
        throw ConfigError(where + ": globally-unique clones are not modelled");
      }
      rs.count.assign(nodes_.size(), 0);
    }
  }

  if (r.kind == ResourceKind::group) {
    if (r.children.empty()) throw ConfigError("group " + r.id + " has no members");
    for (const Resource& member : r.children) {
      if (member.kind != ResourceKind::primitive) {
        throw ConfigError("group " + r.id + ": member " + member.id + " is not a primitive");
      }
      const int child = unpack_resource(member, index, own_and_inherited, defaults);
      rscs_[static_cast<size_t>(index)].children.push_back(child);
    }
  } else if (r.kind == ResourceKind::clone) {
    if (r.children.size() != 1 || r.children.front().kind != ResourceKind::primitive) {
      throw ConfigError("clone " + r.id + ": only clones of one primitive are modelled");
    }
    // Clones default to a stickiness of 1 when nothing sets one.
    Meta clone_meta = own_and_inherited;
    if (!lookup(clone_meta, "resource-stickiness") && !lookup(defaults, "resource-stickiness") &&
        !lookup(r.children.front().meta, "resource-stickiness")) {
      clone_meta["resource-stickiness"] = "1";
    }
    const int instances = rscs_[static_cast<size_t>(index)].clone_max;
    for (int i = 0; i < instances; ++i) {
      Resource instance = r.children.front();
      instance.id = r.children.front().id + ":" + std::to_string(i);
      const int child = unpack_resource(instance, index, clone_meta, defaults);
      rscs_[static_cast<size_t>(child)].base = r.children.front().id;
      rscs_[static_cast<size_t>(index)].children.push_back(child);
    }
  }
  if (rscs_[static_cast<size_t>(index)].fencing_device) have_fencing_device_ = true;
  return index;
}

void WorkingSet::index_rsc(int r) {
  const Rsc& rs = rscs_[static_cast<size_t>(r)];
  rsc_by_id_.emplace(rs.id, r);
  if (!rs.base.empty()) rsc_by_id_.emplace(rs.base, r);
}

int WorkingSet::find_rsc(const std::string& id, bool for_constraint) const {
  const auto it = rsc_by_id_.find(id);
  if (it == rsc_by_id_.end()) return -1;
  // a clone's primitive stands for the clone in constraints and for its instances
  const Rsc& r = rscs_[static_cast<size_t>(it->second)];
  return !r.base.empty() && for_constraint ? r.parent : it->second;
}

void WorkingSet::unpack_status(const ClusterState& state) {
  for (const ActiveResource& a : state.active) {
    auto node_it = std::find_if(nodes_.begin(), nodes_.end(), [&](const NodeInfo& n) { return n.name == a.node; });
    if (node_it == nodes_.end()) continue;
    const int node = static_cast<int>(node_it - nodes_.begin());
    if (!nodes_[static_cast<size_t>(node)].online && !nodes_[static_cast<size_t>(node)].unclean) continue;
    int r = find_rsc(a.rsc, false);
    if (r < 0) {
      warnings_.push_back("status names unknown resource " + a.rsc + " (orphans are not modelled)");
      continue;
    }
    if (!rscs_[static_cast<size_t>(r)].base.empty()) {
      // anonymous clone: the instance already active there, else the first idle one
      const Rsc& clone = rscs_[static_cast<size_t>(rscs_[static_cast<size_t>(r)].parent)];
      int chosen = -1;
      for (int inst : clone.children) {
        const auto& on = rscs_[static_cast<size_t>(inst)].running_on;
        if (std::find(on.begin(), on.end(), node) != on.end()) chosen = inst;
      }
      for (size_t k = 0; chosen < 0 && k < clone.children.size(); ++k) {
        if (rscs_[static_cast<size_t>(clone.children[k])].running_on.empty()) chosen = clone.children[k];
      }
      if (chosen < 0) {
        // more copies active than clone-max: an orphan instance, to be stopped
        const int parent = rscs_[static_cast<size_t>(r)].parent;
        Rsc orphan = rscs_[static_cast<size_t>(r)];
        orphan.id = orphan.base + ":" + std::to_string(rscs_[static_cast<size_t>(parent)].children.size());
        orphan.orphan = true;
        orphan.running_on.clear();
        orphan.role = Role::stopped;
        orphan.failed = false;
        std::fill(orphan.allowed.begin(), orphan.allowed.end(), -kInfinity);
        rscs_.push_back(orphan);
        chosen = static_cast<int>(rscs_.size() - 1);
        index_rsc(chosen);
        rscs_[static_cast<size_t>(parent)].children.push_back(chosen);
      }
      r = chosen;
    }
    for (int x = r; x >= 0; x = rscs_[static_cast<size_t>(x)].parent) {
      Rsc& rs = rscs_[static_cast<size_t>(x)];
      if (std::find(rs.running_on.begin(), rs.running_on.end(), node) == rs.running_on.end()) {
        rs.running_on.push_back(node);
      }
      if (rs.kind == ResourceKind::primitive) {
        rs.role = std::max(rs.role, a.role == Role::unknown ? Role::started : a.role);
        rs.failed = rs.failed || a.failed;
      }
    }
  }
  for (Rsc& rs : rscs_) {
    if (rs.kind != ResourceKind::primitive || rs.parent < 0) continue;
    if (rscs_[static_cast<size_t>(rs.parent)].promotable && rs.role == Role::started) rs.role = Role::unpromoted;
  }
}

void WorkingSet::apply_location(int r, const Location& loc, bool zero) {
  Rsc& rs = rscs_[static_cast<size_t>(r)];
  for (const auto& [node, score] : loc.nodes) {
    Score& slot = rs.allowed[static_cast<size_t>(node)];
    const Score add = zero ? 0 : score;
    const Score base = nodes_[static_cast<size_t>(node)].unseen ? -kInfinity : 0;
    slot = add_scores(slot == kAbsent ? base : slot, add);
  }
  if (rs.kind == ResourceKind::group) {
    bool first = true;
    for (int child : std::vector<int>(rs.children)) {
      apply_location(child, loc, zero || !first);
      first = false;
    }
  } else if (rs.kind == ResourceKind::clone) {
    for (int child : std::vector<int>(rs.children)) apply_location(child, loc, zero);
  }
}

void WorkingSet::unpack_locations(const ClusterState& state) {
  for (const LocationConstraint& lc : state.locations) {
    Location loc;
    loc.id = lc.id;
    loc.role = lc.role;
    loc.rsc = find_rsc(lc.rsc, true);
    if (loc.rsc < 0) throw ConfigError("location " + lc.id + ": unknown resource " + lc.rsc);
    if (lc.node) {
      for (size_t n = 0; n < nodes_.size(); ++n) {
        if (nodes_[n].name == *lc.node) loc.nodes.emplace_back(static_cast<int>(n), lc.score);
      }
    }
    for (const Rule& rule : lc.rules) {
      for (size_t n = 0; n < state.nodes.size(); ++n) {
        if (!rule_matches(rule, state.nodes[n])) continue;
        if (auto score = rule_score(rule, state.nodes[n])) loc.nodes.emplace_back(static_cast<int>(n), *score);
      }
    }
    locations_.push_back(loc);
    rscs_[static_cast<size_t>(loc.rsc)].locations.push_back(static_cast<int>(locations_.size() - 1));
    if (loc.role != Role::promoted) apply_location(loc.rsc, loc, false);
  }
}

void WorkingSet::apply_stickiness(int r) {
  Rsc& rs = rscs_[static_cast<size_t>(r)];
  if (!rs.children.empty()) {
    for (int child : std::vector<int>(rs.children)) apply_stickiness(child);
    return;
  }
  if (!rs.managed && rs.running_on.size() == 1) {
    // an unmanaged resource is pinned where it runs
    Score& pinned = rs.allowed[static_cast<size_t>(rs.running_on.front())];
    pinned = pinned == kAbsent ? kInfinity : add_scores(pinned, kInfinity);
    return;
  }
  if (!rs.managed || rs.stickiness < 1 || rs.running_on.size() != 1) return;
  Score& slot = rs.allowed[static_cast<size_t>(rs.running_on.front())];
  if (slot == kAbsent && !symmetric_) return;
  slot = slot == kAbsent ? rs.stickiness : add_scores(slot, rs.stickiness);
}

void WorkingSet::apply_failure_threshold(const ClusterState& state) {
  for (const FailCount& fc : state.failcounts) {
    if (fc.count <= 0) continue;
    const int r = find_rsc(fc.rsc, false);
    if (r < 0) continue;
    auto node_it = std::find_if(nodes_.begin(), nodes_.end(), [&](const NodeInfo& n) { return n.name == fc.node; });
    if (node_it == nodes_.end()) continue;
    const Rsc& rs = rscs_[static_cast<size_t>(r)];
    // Saturating: a failure timed out at a moment past the range never expires.
    if (rs.failure_timeout > 0 && state.now && fc.last_failure &&
        *fc.last_failure <= std::numeric_limits<long long>::max() - rs.failure_timeout &&
        *state.now >= *fc.last_failure + rs.failure_timeout) {
      continue;  // expired
    }
    if (fc.count < rs.migration_threshold) continue;
    const int banned = rs.base.empty() ? r : rs.parent;  // anonymous clones: the whole clone
    const auto node = static_cast<size_t>(node_it - nodes_.begin());
    std::vector<int> stack{banned};
    while (!stack.empty()) {
      Rsc& b = rscs_[static_cast<size_t>(stack.back())];
      stack.pop_back();
      Score& slot = b.allowed[node];
      slot = slot == kAbsent ? -kInfinity : add_scores(slot, -kInfinity);
      stack.insert(stack.end(), b.children.begin(), b.children.end());
    }
  }
}

}  // namespace halab::placement::detail
