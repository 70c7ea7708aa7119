// The DC over time: transitions carried out through node operations, node loss,
// monitor failures against migration-threshold, failed stops escalating to fencing,
// and failure-timeout noticed at the re-check.
#include "models/crm/coordinator.hpp"

#include "models/placement/topology_template.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <functional>

namespace halab::crm {
namespace {

namespace pl = placement;

pl::ClusterState cluster(int nodes, bool fencing) {
  pl::ClusterState s;
  for (int i = 1; i <= nodes; ++i) s.nodes.push_back({"n" + std::to_string(i), pl::NodeState::online, {}});
  s.properties["stonith-enabled"] = fencing ? "true" : "false";
  if (fencing) s.resources.push_back({"fence", pl::ResourceKind::primitive, false, "stonith", {}, {}});
  return s;
}

CoordinatorConfig config(const pl::ClusterState& s, Duration recheck = Duration::seconds(15 * 60)) {
  CoordinatorConfig c;
  c.cluster = s;
  c.recheck_interval = recheck;
  return c;
}

// Carries out every command at `now`, answering each with `rc_for` (default success),
// and records the order in which operations ran.
struct Driver {
  explicit Driver(Coordinator& coordinator) : dc(coordinator) {}
  Coordinator& dc;
  std::vector<std::string> log;
  std::function<int(const Command&)> rc_for = [](const Command&) { return kOcfSuccess; };

  void run(Instant now, std::vector<Command> commands) {
    std::deque<Command> queue(commands.begin(), commands.end());
    while (!queue.empty()) {
      const Command c = queue.front();
      queue.pop_front();
      std::vector<Command> next;
      if (c.kind == Command::Kind::fence) {
        log.push_back("fence " + c.node);
        next = dc.on_fence_result(now, c.action, true);
      } else {
        log.push_back(c.task + " " + c.rsc + " " + c.node);
        next = dc.on_result(now, c.action, rc_for(c));
      }
      queue.insert(queue.end(), next.begin(), next.end());
    }
  }
};

TEST(Coordinator, StartsAGroupInOrderAndFailsItOver) {
  pl::ClusterState s = cluster(2, false);
  pl::apply_topology({pl::TopologyKind::active_passive, 1, 1}, s);
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  EXPECT_EQ(d.log, (std::vector<std::string>{"start svc1-ip n1", "start svc1-app n1"}));
  EXPECT_TRUE(dc.idle());

  d.log.clear();
  d.run(Instant::at_seconds(10), dc.on_membership(Instant::at_seconds(10), {"n2"}, true));
  EXPECT_EQ(d.log, (std::vector<std::string>{"start svc1-ip n2", "start svc1-app n2"}));
  EXPECT_EQ(dc.running_on("svc1-app"), "n2");

  d.log.clear();  // n1 back: stickiness keeps the group on n2
  d.run(Instant::at_seconds(20), dc.on_membership(Instant::at_seconds(20), {"n1", "n2"}, true));
  EXPECT_TRUE(d.log.empty());
}

TEST(Coordinator, MonitorFailuresReachMigrationThreshold) {
  pl::ClusterState s = cluster(2, false);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf",
                         {{"migration-threshold", "2"}, {"resource-stickiness", "100"}}, {}});
  s.locations.push_back({"prefer-n1", "db", std::string("n1"), 50, {}, pl::Role::unknown});
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  d.log.clear();
  d.run(Instant::at_seconds(5), dc.on_monitor_failure(Instant::at_seconds(5), "n1", "db", kOcfNotRunning));
  EXPECT_EQ(d.log, (std::vector<std::string>{"stop db n1", "start db n1"}));  // recovered in place
  d.log.clear();
  d.run(Instant::at_seconds(9), dc.on_monitor_failure(Instant::at_seconds(9), "n1", "db", kOcfNotRunning));
  EXPECT_EQ(d.log, (std::vector<std::string>{"stop db n1", "start db n2"}));  // 2 failures: banned from n1
}

TEST(Coordinator, FailedStopEscalatesToFencing) {
  pl::ClusterState s = cluster(2, true);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {{"resource-stickiness", "100"}}, {}});
  s.locations.push_back({"prefer-n1", "db", std::string("n1"), 50, {}, pl::Role::unknown});
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  ASSERT_EQ(dc.running_on("db"), "n1");
  d.log.clear();
  d.rc_for = [](const Command& c) { return c.task == "stop" && c.rsc == "db" ? kOcfErrGeneric : kOcfSuccess; };
  d.run(Instant::at_seconds(5), dc.on_monitor_failure(Instant::at_seconds(5), "n1", "db", kOcfErrGeneric));
  ASSERT_GE(d.log.size(), 3u);
  EXPECT_EQ(d.log[0], "stop db n1");
  EXPECT_EQ(d.log[1], "fence n1");
  EXPECT_EQ(dc.running_on("db"), "n2");
}

TEST(Coordinator, FailureTimeoutExpiresAtTheRecheck) {
  pl::ClusterState s = cluster(2, false);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf",
                         {{"migration-threshold", "1"}, {"failure-timeout", "60s"}}, {}});
  s.locations.push_back({"prefer-n1", "db", std::string("n1"), 50, {}, pl::Role::unknown});
  Coordinator dc(config(s, Duration::seconds(900)));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  d.run(Instant::at_seconds(10), dc.on_monitor_failure(Instant::at_seconds(10), "n1", "db", kOcfNotRunning));
  EXPECT_EQ(dc.running_on("db"), "n2");
  ASSERT_TRUE(dc.next_timer());
  EXPECT_EQ(*dc.next_timer(), Instant::at_seconds(70));  // the failure expires before the interval
  d.run(Instant::at_seconds(70), dc.on_timer(Instant::at_seconds(70)));
  EXPECT_EQ(dc.running_on("db"), "n1");  // no stickiness: back to the preferred node
}

TEST(Coordinator, PromotesTheReplicaWhenThePrimaryIsLost) {
  pl::ClusterState s = cluster(2, false);
  s.nodes[0].attributes["master-pg"] = "10";
  s.nodes[1].attributes["master-pg"] = "5";
  pl::Resource db{"db", pl::ResourceKind::clone, true, "ocf", {}, {}};
  db.children.push_back({"pg", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  s.resources.push_back(db);
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  ASSERT_EQ(d.log.size(), 3u);  // two starts, then the promotion on n1
  EXPECT_EQ(d.log[2].substr(0, 8), "promote ");
  EXPECT_EQ(d.log[2].substr(d.log[2].size() - 2), "n1");
  d.log.clear();
  d.run(Instant::at_seconds(10), dc.on_membership(Instant::at_seconds(10), {"n2"}, true));
  ASSERT_EQ(d.log.size(), 1u);
  EXPECT_EQ(d.log[0].substr(0, 8), "promote ");
  EXPECT_EQ(d.log[0].substr(d.log[0].size() - 2), "n2");
}

TEST(Coordinator, NPlusOneSpareTakesOver) {
  pl::ClusterState s = cluster(3, false);
  pl::apply_topology({pl::TopologyKind::n_plus_1, 2, 1}, s);
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2", "n3"}, true));
  EXPECT_EQ(dc.running_on("svc1-app"), "n1");
  EXPECT_EQ(dc.running_on("svc2-app"), "n2");
  d.run(Instant::at_seconds(10), dc.on_membership(Instant::at_seconds(10), {"n1", "n3"}, true));
  EXPECT_EQ(dc.running_on("svc2-app"), "n3");
  EXPECT_EQ(dc.running_on("svc1-app"), "n1");
}


// A DC elected later starts from the replicated CIB: a node the CIB shows as a member
// that is missing from the first membership was lost, so it is fenced before what it
// ran starts elsewhere.
TEST(Coordinator, NewDcFencesAMemberLostBeforeItTookOver) {
  pl::ClusterState s = cluster(3, true);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  CoordinatorConfig c = config(s);
  c.cluster.active.push_back({"db", "n1", pl::Role::started, false});
  c.members = {"n1", "n2", "n3"};
  Coordinator dc(c);
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n2", "n3"}, true));
  ASSERT_FALSE(d.log.empty());
  EXPECT_EQ(d.log.front(), "fence n1");
  ASSERT_TRUE(dc.running_on("db"));
  EXPECT_NE(*dc.running_on("db"), "n1");
}

// startup-fencing (default true): a node the CIB has never seen is fenced, since nobody
// knows what it runs; a node seen before and cleanly gone is simply offline, and with
// startup-fencing=false an unseen one is too.
TEST(Coordinator, NodeNeverSeenIsFencedAtStartup) {
  pl::ClusterState s = cluster(3, true);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  {
    Coordinator dc(config(s));
    Driver d(dc);
    d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n2", "n3"}, true));
    EXPECT_EQ(std::count(d.log.begin(), d.log.end(), "fence n1"), 1);
  }
  {
    CoordinatorConfig c = config(s);
    c.seen = {"n1"};
    Coordinator dc(c);
    Driver d(dc);
    d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n2", "n3"}, true));
    EXPECT_EQ(std::count(d.log.begin(), d.log.end(), "fence n1"), 0);
  }
  s.properties["startup-fencing"] = "false";
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n2", "n3"}, true));
  EXPECT_EQ(std::count(d.log.begin(), d.log.end(), "fence n1"), 0);
}

// A node lost while the DC had no quorum stays unclean: when the DC regains quorum with
// another node (and not the lost one), it fences the lost node before starting anything
// the lost node may still run (found by the safety explorer: two holders of the VIP).
TEST(Coordinator, NodeLostWithoutQuorumIsFencedOnceQuorumReturns) {
  pl::ClusterState s = cluster(3, true);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  s.locations.push_back({"prefer-n2", "db", "n2", 100, {}, pl::Role::unknown});
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2", "n3"}, true));
  ASSERT_EQ(dc.running_on("db"), "n2");
  d.log.clear();
  d.run(Instant::at_seconds(10), dc.on_membership(Instant::at_seconds(10), {"n1"}, false));
  EXPECT_EQ(std::count(d.log.begin(), d.log.end(), "fence n2"), 0);  // no quorum: no fencing
  d.run(Instant::at_seconds(50), dc.on_membership(Instant::at_seconds(50), {"n1", "n3"}, true));
  const auto fence = std::find(d.log.begin(), d.log.end(), "fence n2");
  const auto start = std::find_if(d.log.begin(), d.log.end(), [](const std::string& l) { return l.rfind("start db", 0) == 0; });
  ASSERT_NE(fence, d.log.end());
  ASSERT_NE(start, d.log.end());
  EXPECT_LT(fence, start);
  EXPECT_NE(dc.running_on("db"), "n2");
}

// What a joining node's probes find replaces what the CIB said of it.
TEST(Coordinator, ProbeOfAJoiningNodeReplacesItsStatus) {
  pl::ClusterState s = cluster(2, false);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {{"resource-stickiness", "100"}}, {}});
  CoordinatorConfig c = config(s);
  c.cluster.active.push_back({"db", "n1", pl::Role::started, false});
  Coordinator dc(c);
  dc.record_probe("n1", {});
  dc.record_probe("n2", {{"db", "n2", pl::Role::started, false}});
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  EXPECT_TRUE(d.log.empty());  // db already runs on n2, and stays
  EXPECT_EQ(dc.running_on("db"), "n2");
}

// A fenced node is known to be down: when the membership then loses it, it is not
// fenced again.
TEST(Coordinator, FencedNodeLeavingTheMembershipIsNotFencedAgain) {
  pl::ClusterState s = cluster(3, true);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  s.locations.push_back({"prefer-n1", "db", "n1", 100, {}, pl::Role::unknown});
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2", "n3"}, true));
  ASSERT_EQ(dc.running_on("db"), "n1");
  d.rc_for = [](const Command& c) { return c.task == "stop" ? kOcfErrGeneric : kOcfSuccess; };
  d.run(Instant::at_seconds(5), dc.on_monitor_failure(Instant::at_seconds(5), "n1", "db", kOcfNotRunning));
  const auto fences = std::count(d.log.begin(), d.log.end(), "fence n1");
  EXPECT_EQ(fences, 1);
  d.log.clear();
  d.run(Instant::at_seconds(9), dc.on_membership(Instant::at_seconds(9), {"n2", "n3"}, true));
  EXPECT_EQ(std::count(d.log.begin(), d.log.end(), "fence n1"), 0);
}

// Fail counts are transient node attributes: they go with a node that leaves, so a
// rebooted node may run the resource again.
TEST(Coordinator, FailCountsGoWithANodeThatLeaves) {
  pl::ClusterState s = cluster(2, false);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {{"migration-threshold", "1"}}, {}});
  s.locations.push_back({"prefer-n1", "db", "n1", 100, {}, pl::Role::unknown});
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  d.run(Instant::at_seconds(5), dc.on_monitor_failure(Instant::at_seconds(5), "n1", "db", kOcfNotRunning));
  EXPECT_EQ(dc.running_on("db"), "n2");
  ASSERT_EQ(dc.cib().failcounts.size(), 1u);
  d.run(Instant::at_seconds(10), dc.on_membership(Instant::at_seconds(10), {"n2"}, true));
  EXPECT_TRUE(dc.cib().failcounts.empty());
  d.run(Instant::at_seconds(20), dc.on_membership(Instant::at_seconds(20), {"n1", "n2"}, true));
  EXPECT_EQ(dc.running_on("db"), "n1");  // no stickiness: back to the preferred node
}

// An operation in flight on a node that leaves the membership will never report: the DC
// treats it as lost, so the transition ends and the scheduler runs again (here: fencing
// the lost node and starting the resource elsewhere).
TEST(Coordinator, OperationOnANodeThatLeavesIsLost) {
  pl::ClusterState s = cluster(3, true);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  s.locations.push_back({"prefer-n1", "db", "n1", 100, {}, pl::Role::unknown});
  Coordinator dc(config(s));
  std::vector<Command> first = dc.on_membership(Instant::at_seconds(0), {"n1", "n2", "n3"}, true);
  // the fence device's start completes; db's start on n1 never reports
  for (const Command& c : first) {
    if (c.rsc != "db") dc.on_result(Instant::at_seconds(1), c.action, kOcfSuccess);
  }
  EXPECT_FALSE(dc.idle());
  Driver d(dc);
  d.run(Instant::at_seconds(5), dc.on_membership(Instant::at_seconds(5), {"n2", "n3"}, true));
  EXPECT_EQ(std::count(d.log.begin(), d.log.end(), "fence n1"), 1);
  ASSERT_TRUE(dc.running_on("db"));
  EXPECT_NE(*dc.running_on("db"), "n1");
}

// A node reports what it runs after finishing an operation a former DC asked for: the
// status replaces what the CIB said, and the scheduler corrects it (here: db found on
// a second node is stopped on both and started once).
TEST(Coordinator, StatusFromAFormerDcsOperationIsScheduledAgain) {
  pl::ClusterState s = cluster(2, false);
  s.resources.push_back({"db", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  s.locations.push_back({"prefer-n1", "db", "n1", 100, {}, pl::Role::unknown});
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  ASSERT_EQ(dc.running_on("db"), "n1");
  d.log.clear();
  d.run(Instant::at_seconds(5), dc.on_status(Instant::at_seconds(5), "n2", {{"db", "n2", pl::Role::started, false}}));
  EXPECT_EQ(d.log, (std::vector<std::string>{"stop db n1", "stop db n2", "start db n1"}));
}

// Anonymous clone instances are recorded under their primitive, as the executor does.
TEST(Coordinator, CloneInstancesAreRecordedUnderTheirPrimitive) {
  pl::ClusterState s = cluster(2, false);
  pl::Resource clone{"web-clone", pl::ResourceKind::clone, false, "ocf", {}, {}};
  clone.children.push_back({"web", pl::ResourceKind::primitive, false, "ocf", {}, {}});
  s.resources.push_back(clone);
  Coordinator dc(config(s));
  Driver d(dc);
  d.run(Instant::at_seconds(0), dc.on_membership(Instant::at_seconds(0), {"n1", "n2"}, true));
  ASSERT_EQ(dc.cib().active.size(), 2u);
  for (const auto& a : dc.cib().active) EXPECT_EQ(a.rsc, "web");
}

}  // namespace
}  // namespace halab::crm
