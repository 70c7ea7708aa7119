// The scheduler's working set: the cluster state unpacked into indexed resources, node
// tables and colocations, and the assignment steps that run on it. Internal to
// models/placement; see scheduler.hpp for the behaviour and its sources.
#pragma once

#include "models/placement/scheduler.hpp"

#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace halab::placement::detail {

// A node missing from a resource's table: the resource may not run there at all
// (asymmetric clusters, or nodes no constraint enabled).
inline constexpr Score kAbsent = std::numeric_limits<Score>::min();
// Pacemaker's INFINITY_HACK: a node marked unusable while merging positive-only scores.
inline constexpr Score kUnusable = -100 * kInfinity;

using NodeTable = std::vector<Score>;  // one entry per node, kAbsent when not allowed

// The nodes' values of one node attribute, as colocations compare them (ignoring case, as
// pcmk__str_eq with pcmk__str_casei; a node without the attribute has the empty value):
// per node, the first node whose value equals its own. Two nodes match when their entries
// are equal, so a colocation compares integers, not strings.
using ValueClasses = std::vector<int>;
inline constexpr int kNodeName = 0;  // the classes of #uname (and #id): WorkingSet::attrs_[0]
ValueClasses value_classes(const std::vector<const char*>& values);

struct NodeInfo {
  std::string name;
  bool available = true;  // online, not standby, not unclean, not in maintenance
  bool unclean = false;
  bool online = true;
  bool unseen = false;  // every score on it is -INFINITY
  const std::map<std::string, std::string>* attributes = nullptr;
  int assigned = 0;  // resources assigned to it so far in this run
};

struct Coloc {
  std::string id;
  int dependent = -1;
  int primary = -1;
  Score score = 0;
  Role dependent_role = Role::unknown;
  Role primary_role = Role::unknown;
  int attr = kNodeName;  // the node attribute compared: an index into WorkingSet::attrs_
  bool influence = true;
};

enum MergeFlag : unsigned {
  kMergeInit = 1,
  kMergeForward = 2,
  kMergeRollback = 4,
  kMergePositive = 8,
};

struct Rsc {
  std::string id;
  ResourceKind kind = ResourceKind::primitive;
  bool promotable = false;
  bool fencing_device = false;
  int parent = -1;
  std::vector<int> children;
  int config_order = 0;

  // meta attributes, resolved
  int priority = 0;
  Score stickiness = 0;
  int migration_threshold = kInfinity;
  long long failure_timeout = 0;  // seconds, 0 = never expires
  Role target_role = Role::unknown;
  bool managed = true;
  int clone_max = 0;
  int clone_node_max = 1;
  int promoted_max = 1;
  int promoted_node_max = 1;
  std::string base;  // clone instance: the cloned primitive's id
  bool orphan = false;

  // status
  std::vector<int> running_on;
  Role role = Role::stopped;
  bool failed = false;

  // placement
  NodeTable allowed;
  std::vector<int> this_with;  // colocations where this is the dependent
  std::vector<int> with_this;  // colocations where this is the primary
  std::vector<int> locations;  // location constraints naming this resource
  bool provisional = true;
  bool assigning = false;
  bool merging = false;
  int assigned = -1;
  Score assigned_weight = 0;   // its score on the node it was assigned to, at that moment
  Role next_role = Role::unknown;
  std::vector<int> count;      // clones: instances (then promoted instances) per node
  int promotion_priority = 0;
  int sort_index = 0;
};

struct Location {
  std::string id;
  int rsc = -1;
  Role role = Role::unknown;
  std::vector<std::pair<int, Score>> nodes;  // resolved node scores
};

class WorkingSet {
 public:
  explicit WorkingSet(const ClusterState& state);
  Schedule run();

 private:
  // unpack.cpp
  void unpack_properties(const ClusterState& state);
  void unpack_nodes(const ClusterState& state);
  void check_unique_ids(const ClusterState& state);
  int unpack_resource(const Resource& r, int parent, const Meta& inherited, const Meta& defaults);
  void unpack_locations(const ClusterState& state);
  void unpack_colocations(const ClusterState& state);
  void unpack_status(const ClusterState& state);
  int find_rsc(const std::string& id, bool for_constraint) const;
  void index_rsc(int r);
  void add_coloc(Coloc c);
  void insert_coloc(std::vector<int>& list, int index, bool by_primary) const;
  void internal_colocations();
  void apply_location(int r, const Location& loc, bool zero);
  void apply_stickiness(int r);
  void apply_failure_threshold(const ClusterState& state);

  // assign.cpp
  void sort_top_resources();
  int assign(int r, int prefer);
  int assign_primitive(int r, int prefer);
  int assign_group(int r, int prefer);
  bool choose_node(int r, int prefer);
  bool assign_to(int r, int node, bool force);
  void unassign(int r);
  void apply_coloc_as_dependent(int dependent, const Coloc& c);
  void apply_coloc_to_scores(int dependent, int primary, const Coloc& c);
  void apply_coloc_to_priority(int dependent, int primary, const Coloc& c);
  enum class Affects { nothing, location, role };
  Affects colocation_affects(int dependent, int primary, const Coloc& c);
  NodeTable merge_weights(int r, const std::optional<NodeTable>& nodes, int attr, float factor, unsigned flags);
  void add_scores_matching_attr(NodeTable& work, int r, int attr, float factor, bool only_positive) const;
  bool any_available(const NodeTable& table) const;
  std::vector<int> sorted_nodes(const NodeTable& table, int preferred) const;
  int attr_index(const std::string& attr);  // into attrs_, computing its classes the first time
  bool same_value(int attr, int a, int b) const { return attrs_[static_cast<size_t>(attr)][static_cast<size_t>(a)] == attrs_[static_cast<size_t>(attr)][static_cast<size_t>(b)]; }
  bool has_influence(const Coloc& c, int rsc) const;
  int current_node(int r) const;
  void record_scores(int r);  // the scores as crm_simulate -s shows them

  // clone_assign.cpp
  int assign_clone(int r, int prefer);
  bool assign_instance(int instance, int prefer, bool all_coloc, int limit);
  void ban_unrunnable_instance_nodes(int instance, int limit);
  void append_parent_colocations(int parent, int instance, bool all);
  void set_instance_roles(int clone);
  void add_promotion_scores(int clone);
  int promotion_score(int instance, int node, int not_set) const;
  void promotion_order(int clone);

  // instance_order.cpp
  void sort_instances(int clone);
  int compare_instances(int a, int b, bool choosing_roles);
  Score colocated_score_where_active(int instance);

  // transition of orders that block starts (scheduler.cpp)
  void block_starts_without_quorum();
  void block_unrunnable_orders();
  Schedule collect();  // once, at the end: moves the scores out

  const ClusterState& state_;
  std::vector<NodeInfo> nodes_;
  std::vector<Rsc> rscs_;
  // Per id, the first resource in rscs_ with that id or (a clone instance) that base: the
  // one find_rsc names.
  std::unordered_map<std::string, int> rsc_by_id_;
  std::vector<int> top_;
  std::vector<Coloc> colocs_;
  std::vector<ValueClasses> attrs_;  // per node attribute a colocation compares
  std::unordered_map<std::string, int> attr_indices_;
  std::vector<Location> locations_;
  std::vector<ResourceScores> scores_;
  std::vector<std::string> warnings_;
  bool symmetric_ = true;
  bool stonith_enabled_ = true;
  bool have_fencing_device_ = false;
  bool stop_all_ = false;
  bool maintenance_mode_ = false;
  bool quorate_ = true;
  bool sort_by_scores_ = false;  // placement-strategy other than "default"
  std::string no_quorum_policy_ = "stop";
};

}  // namespace halab::placement::detail
