// The scheduler's input: one snapshot of a Pacemaker cluster as the CIB describes it
// (configuration + status), in the vocabulary of "Pacemaker Explained" 2.1: nodes and
// their attributes, resources (primitive, group, clone, promotable clone) with meta
// attributes, location/colocation/order constraints, and what runs where now.
// Readers fill it from the lab's JSON form or from a CIB XML file (sim/placement).
#pragma once

#include "models/placement/score.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace halab::placement {

// Pacemaker's booleans (crm_is_true): true, on, yes, y, 1, in any case.
bool is_true(std::string_view text);

// The id a resource's status and fail counts are recorded under: an anonymous clone's
// instance ("pg:1") under its primitive ("pg"), as Pacemaker's executor records it;
// which instance number runs where is the scheduler's business, decided afresh each run.
inline std::string history_id(std::string_view rsc) { return std::string(rsc.substr(0, rsc.find(':'))); }

// Pacemaker intervals ("60", "60s", "500ms", "2min", "1h") in seconds.
std::optional<long long> parse_interval_seconds(std::string_view text);

enum class Role { unknown, stopped, started, unpromoted, promoted };
// "Stopped", "Started", "Unpromoted" (or "Slave"), "Promoted" (or "Master").
std::optional<Role> parse_role(std::string_view text);
const char* role_name(Role role);

// What the cluster knows of a node. Only `online` nodes can run resources.
enum class NodeState {
  online,
  standby,      // member, but the standby attribute is on
  offline,      // cleanly out of the membership
  unclean,      // lost without a clean shutdown: must be fenced before its resources move
  maintenance,  // resources on it are left alone and nothing new starts there
};
std::optional<NodeState> parse_node_state(std::string_view text);
const char* node_state_name(NodeState state);

struct Node {
  std::string name;
  NodeState state = NodeState::online;
  std::map<std::string, std::string> attributes;  // node attributes, for rules
  bool unseen = false;  // no status at all (never seen by this cluster): scores -INFINITY
};

using Meta = std::map<std::string, std::string>;

enum class ResourceKind { primitive, group, clone };

struct Resource {
  std::string id;
  ResourceKind kind = ResourceKind::primitive;
  bool promotable = false;           // clones only
  std::string standard = "ocf";      // resource class; "stonith" marks a fence device
  Meta meta;                         // own meta attributes (inherited by children)
  std::vector<Resource> children;    // group members, or a clone's single primitive
};

// One expression of a location rule; `operation` is one of defined, not_defined, eq, ne,
// lt, gt, lte, gte; `type` is string, integer, number or version.
struct RuleExpression {
  std::string attribute;
  std::string operation = "eq";
  std::string value;
  std::string type = "string";
};

struct Rule {
  Score score = 0;
  std::optional<std::string> score_attribute;  // score taken from this node attribute
  bool any = false;                            // boolean-op="or"
  std::vector<RuleExpression> expressions;
};

struct LocationConstraint {
  std::string id;
  std::string rsc;
  std::optional<std::string> node;  // a node and a score, or rules
  Score score = 0;
  std::vector<Rule> rules;
  Role role = Role::unknown;        // limit to a role (promotable clones)
};

struct ColocationConstraint {
  std::string id;
  std::string rsc;        // the dependent
  std::string with_rsc;   // the primary
  Score score = 0;
  Role rsc_role = Role::unknown;
  Role with_rsc_role = Role::unknown;
  std::string node_attribute = "#uname";
  bool influence = true;
};

enum class OrderKind { mandatory, optional, serialize };

struct OrderConstraint {
  std::string id;
  std::string first;
  std::string then;
  std::string first_action = "start";
  std::string then_action = "start";
  OrderKind kind = OrderKind::mandatory;
  bool symmetrical = true;
};

// A resource found active on a node. For clones `rsc` names the cloned primitive (or
// one of its instances, "id:N").
struct ActiveResource {
  std::string rsc;
  std::string node;
  Role role = Role::started;
  bool failed = false;  // its last monitor or start failed: recovery is needed
};

struct FailCount {
  std::string rsc;
  std::string node;
  int count = 0;
  std::optional<long long> last_failure;  // seconds, compared with ClusterState::now
};

struct ClusterState {
  std::map<std::string, std::string> properties;   // crm_config
  Meta rsc_defaults;
  bool have_quorum = true;
  std::optional<long long> now;                     // seconds; for failure-timeout
  std::vector<Node> nodes;
  std::vector<Resource> resources;
  std::vector<LocationConstraint> locations;
  std::vector<ColocationConstraint> colocations;
  std::vector<OrderConstraint> orders;
  std::vector<ActiveResource> active;
  std::vector<FailCount> failcounts;
  // Transient node attributes such as "master-<rsc>" promotion scores live in
  // Node::attributes.
};

}  // namespace halab::placement
