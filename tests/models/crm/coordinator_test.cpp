// The DC over time: transitions carried out through node operations, node loss,
// monitor failures against migration-threshold, failed stops escalating to fencing,
// and failure-timeout noticed at the re-check.
#include "models/crm/coordinator.hpp"

#include "models/placement/topology_template.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace halab::crm
