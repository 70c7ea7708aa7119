#include "models/placement/transition.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace halab::placement {
namespace {

ClusterState two_nodes() {
  ClusterState s;
  s.properties["stonith-enabled"] = "false";
  s.nodes = {{"n1", NodeState::online, {}}, {"n2", NodeState::online, {}}};
  return s;
}

int position(const Transition& t, const std::string& task, const std::string& rsc) {
  for (size_t i = 0; i < t.order.size(); ++i) {
    const Action& a = t.actions[static_cast<size_t>(t.order[i])];
    if (a.task == task && a.rsc == rsc) return static_cast<int>(i);
  }
  return -1;
}

// "Groups": members start in order and stop in reverse order.
TEST(Transition, GroupMembersStartInOrder) {
  ClusterState s = two_nodes();
  Resource g{"G", ResourceKind::group, false, "ocf", {}, {}};
  for (const char* id : {"ip", "fs", "db"}) g.children.push_back({id, ResourceKind::primitive, false, "ocf", {}, {}});
  s.resources = {g};
  const Transition t = plan_transition(s, schedule(s));
  ASSERT_EQ(t.actions.size(), 3u);
  EXPECT_LT(position(t, "start", "ip"), position(t, "start", "fs"));
  EXPECT_LT(position(t, "start", "fs"), position(t, "start", "db"));
}

// A move is a stop on the old node before a start on the new one; a mandatory order
// "A then B" puts A's start before B's start.
TEST(Transition, MoveAndOrderConstraint) {
  ClusterState s = two_nodes();
  s.resources = {{"A", ResourceKind::primitive, false, "ocf", {}, {}}, {"B", ResourceKind::primitive, false, "ocf", {}, {}}};
  s.locations = {{"l1", "A", std::string("n2"), 100, {}, Role::unknown}};
  s.active = {{"A", "n1", Role::started, false}};
  s.orders = {{"o1", "A", "B", "start", "start", OrderKind::mandatory, true}};
  const Transition t = plan_transition(s, schedule(s));
  EXPECT_LT(position(t, "stop", "A"), position(t, "start", "A"));
  EXPECT_LT(position(t, "start", "A"), position(t, "start", "B"));
}

// With fencing on, a resource starts only after every fencing of the transition, even one
// that never ran on the fenced node (its `requires` defaults to fencing: a node whose state is
// unknown may run it); a fence device (requires quorum) and a resource with
// requires=nothing do not wait.
TEST(Transition, StartsWaitForFencingUnlessTheyRequireLess) {
  ClusterState s;
  s.nodes = {{"n1", NodeState::online, {}}, {"n2", NodeState::unclean, {}}};
  s.resources = {{"A", ResourceKind::primitive, false, "ocf", {}, {}},
                 {"F", ResourceKind::primitive, false, "stonith", {}, {}},
                 {"N", ResourceKind::primitive, false, "ocf", {{"requires", "nothing"}}, {}}};
  const Schedule plan = schedule(s);
  ASSERT_EQ(plan.fence, std::vector<std::string>{"n2"});
  const Transition t = plan_transition(s, plan);
  const auto index = [&](const std::string& task, const std::string& rsc) {
    for (std::size_t i = 0; i < t.actions.size(); ++i)
      if (t.actions[i].task == task && t.actions[i].rsc == rsc) return static_cast<int>(i);
    return -1;
  };
  const auto edge = [&](int a, int b) { return std::count(t.edges.begin(), t.edges.end(), std::pair{a, b}) > 0; };
  const int fence = index("fence", "");
  EXPECT_TRUE(edge(fence, index("start", "A")));
  EXPECT_FALSE(edge(fence, index("start", "F")));
  EXPECT_FALSE(edge(fence, index("start", "N")));
  s.properties["stonith-enabled"] = "false";  // nothing is fenced, nothing waits
  EXPECT_TRUE(schedule(s).fence.empty());
}

TEST(Transition, OrderingCycleIsAnError) {
  ClusterState s = two_nodes();
  s.resources = {{"A", ResourceKind::primitive, false, "ocf", {}, {}}, {"B", ResourceKind::primitive, false, "ocf", {}, {}}};
  s.orders = {{"o1", "A", "B", "start", "start", OrderKind::optional, false},
              {"o2", "B", "A", "start", "start", OrderKind::optional, false}};
  const Schedule plan = schedule(s);
  try {
    plan_transition(s, plan);
    FAIL() << "expected a cycle error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("cycle"), std::string::npos);
  }
}


// pe_can_fence(): a partition without quorum does not fence a lost node, and what runs
// there is blocked — neither stopped nor started elsewhere (crm_simulate: "Stop A (n1)
// due to no quorum (blocked)"). With quorum the node is fenced and A recovered.
TEST(Transition, NoQuorumNoFencingOfALostNode) {
  ClusterState s;
  s.properties["stonith-enabled"] = "true";
  s.nodes = {{"n1", NodeState::unclean, {}}, {"n2", NodeState::online, {}}, {"n3", NodeState::online, {}}};
  s.resources = {{"fence", ResourceKind::primitive, false, "stonith", {}, {}}, {"A", ResourceKind::primitive, false, "ocf", {}, {}}};
  s.active = {{"A", "n1", Role::started, false}};
  s.have_quorum = false;
  const Transition blocked = plan_transition(s, schedule(s));
  for (const Action& a : blocked.actions) {
    EXPECT_NE(a.task, "fence");
    EXPECT_NE(a.rsc, "A") << a.task << " " << a.rsc << " " << a.node;
  }
  s.have_quorum = true;
  const Transition recovered = plan_transition(s, schedule(s));
  EXPECT_GE(position(recovered, "fence", ""), 0);
  EXPECT_GT(position(recovered, "start", "A"), position(recovered, "fence", ""));
}


// multiple-active=stop_start (the default): a resource found on two nodes is stopped on
// both, then started on one (crm_simulate: stop on n2, stop on n1, start on n2).
TEST(Transition, MultiplyActiveIsStoppedEverywhereThenStartedOnce) {
  ClusterState s = two_nodes();
  s.rsc_defaults["resource-stickiness"] = "100";
  s.resources = {{"A", ResourceKind::primitive, false, "ocf", {}, {}}};
  s.locations.push_back({"l1", "A", "n2", 50, {}, Role::unknown});
  s.active = {{"A", "n1", Role::started, false}, {"A", "n2", Role::started, false}};
  const Transition t = plan_transition(s, schedule(s));
  ASSERT_EQ(t.actions.size(), 3u);
  int stops = 0;
  for (const Action& a : t.actions) stops += a.task == "stop";
  EXPECT_EQ(stops, 2);
  const int start = position(t, "start", "A");
  ASSERT_GE(start, 0);
  EXPECT_EQ(t.actions[static_cast<size_t>(t.order[static_cast<size_t>(start)])].node, "n2");
  EXPECT_EQ(start, 2);  // after both stops
}

}  // namespace
}  // namespace halab::placement
