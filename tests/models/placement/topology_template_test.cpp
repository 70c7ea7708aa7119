// Each topology template, driven through a node crash and its repair by the scheduler.
#include "models/placement/topology_template.hpp"

#include "models/placement/scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace halab::placement {
namespace {

class Cluster {
 public:
  Cluster(TopologyKind kind, int active, int spares = 1) {
    TopologyTemplate t{kind, active, spares};
    for (int i = 1; i <= nodes_needed(t); ++i) state_.nodes.push_back({"n" + std::to_string(i), NodeState::online, {}});
    state_.properties["stonith-enabled"] = "false";
    apply_topology(t, state_);
    step();
  }
  void set(const std::string& node, NodeState st) {
    for (Node& n : state_.nodes) {
      if (n.name == node) n.state = st;
    }
    step();
  }
  // Where each primitive runs (clone instances by clone id, sorted).
  std::string where(const std::string& rsc) const {
    std::vector<std::string> nodes;
    for (const Assignment& a : last_.assignments) {
      if ((a.rsc == rsc || a.clone == rsc) && !a.node.empty()) nodes.push_back(a.node);
    }
    std::sort(nodes.begin(), nodes.end());
    std::string out;
    for (const auto& n : nodes) out += (out.empty() ? "" : ",") + n;
    return out.empty() ? "stopped" : out;
  }

 private:
  // One scheduler run, then the cluster carries out the transition.
  void step() {
    last_ = schedule(state_);
    state_.active.clear();
    for (const Assignment& a : last_.assignments) {
      if (!a.node.empty()) state_.active.push_back({a.rsc, a.node, a.role, false});
    }
  }
  ClusterState state_;
  Schedule last_;
};

TEST(Topology, ActivePassiveFailsOverWithoutFailback) {
  Cluster c(TopologyKind::active_passive, 1);
  EXPECT_EQ(c.where("svc1-app"), "n1");
  c.set("n1", NodeState::offline);
  EXPECT_EQ(c.where("svc1-ip"), "n2");
  EXPECT_EQ(c.where("svc1-app"), "n2");
  c.set("n1", NodeState::online);
  EXPECT_EQ(c.where("svc1-app"), "n2");  // stickiness 200 x 2 members > preference 100
}

TEST(Topology, ActiveActiveRunsEverywhereUp) {
  Cluster c(TopologyKind::active_active, 3);
  EXPECT_EQ(c.where("svc-clone"), "n1,n2,n3");
  c.set("n2", NodeState::offline);
  EXPECT_EQ(c.where("svc-clone"), "n1,n3");
  c.set("n2", NodeState::online);
  EXPECT_EQ(c.where("svc-clone"), "n1,n2,n3");
}

TEST(Topology, NPlusOneSpareTakesOverAndRepairedNodeBecomesSpare) {
  Cluster c(TopologyKind::n_plus_1, 3);
  EXPECT_EQ(c.where("svc1-app") + c.where("svc2-app") + c.where("svc3-app"), "n1n2n3");
  c.set("n2", NodeState::offline);
  EXPECT_EQ(c.where("svc2-app"), "n4");
  c.set("n2", NodeState::online);
  EXPECT_EQ(c.where("svc2-app"), "n4");
  c.set("n3", NodeState::offline);
  EXPECT_EQ(c.where("svc3-app"), "n2");  // the repaired node is the new spare
}

TEST(Topology, NPlusMSparesCoverMFailures) {
  Cluster c(TopologyKind::n_plus_m, 3, 2);
  c.set("n1", NodeState::offline);
  c.set("n2", NodeState::offline);
  EXPECT_NE(c.where("svc1-app"), "stopped");
  EXPECT_NE(c.where("svc2-app"), "stopped");
  EXPECT_NE(c.where("svc1-app"), c.where("svc2-app"));
  c.set("n3", NodeState::offline);  // a third failure exceeds M = 2
  EXPECT_EQ(c.where("svc3-app"), "stopped");
}

TEST(Topology, NToOneFailsBackAndFreesTheStandby) {
  Cluster c(TopologyKind::n_to_1, 3);
  c.set("n2", NodeState::offline);
  EXPECT_EQ(c.where("svc2-app"), "n4");
  c.set("n1", NodeState::offline);  // one standby, two failed actives: the lower-numbered wins
  EXPECT_EQ(c.where("svc1-app"), "n4");
  EXPECT_EQ(c.where("svc2-app"), "stopped");
  c.set("n2", NodeState::online);   // svc2 fails back home
  EXPECT_EQ(c.where("svc2-app"), "n2");
  c.set("n1", NodeState::online);   // svc1 fails back too: the standby is free again
  EXPECT_EQ(c.where("svc1-app"), "n1");
  EXPECT_EQ(c.where("svc3-app"), "n3");
}

TEST(Topology, NToNSpreadsAFailedNodesServices) {
  Cluster c(TopologyKind::n_to_n, 3);
  c.set("n2", NodeState::offline);
  EXPECT_TRUE(c.where("svc2-app") == "n1" || c.where("svc2-app") == "n3");
  EXPECT_EQ(c.where("svc1-app"), "n1");
  EXPECT_EQ(c.where("svc3-app"), "n3");
  c.set("n2", NodeState::online);
  EXPECT_NE(c.where("svc2-app"), "n2");  // no failback
}

}  // namespace
}  // namespace halab::placement
