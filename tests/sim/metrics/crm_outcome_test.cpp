// Where resources end up, from the trace alone: operations, failed monitors, crashes
// and fencing.
#include "sim/metrics/crm_outcome.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

TraceEvent action(const std::string& node, const std::string& rsc, const std::string& task, int rc = 0) {
  return {{"t", 1.0}, {"ev", "crm.action"}, {"node", node}, {"rsc", rsc}, {"task", task}, {"rc", rc}};
}

}  // namespace

TEST(CrmOutcome, FollowsOperationsToTheFinalPlacement) {
  CrmOutcome o;
  o.observe({{"t", 0.5}, {"ev", "crm.transition"}});
  o.observe(action("n1", "fs", "start"));
  o.observe(action("n1", "db", "start"));
  o.observe(action("n1", "pg:0", "start"));
  o.observe(action("n2", "pg:1", "start"));
  o.observe(action("n1", "pg:0", "promote"));
  o.observe(action("n2", "web", "start", 1));  // a failed start serves nothing
  o.observe({{"t", 2.0}, {"ev", "crm.monitor"}, {"node", "n1"}, {"rsc", "db"}, {"rc", 7}});
  EXPECT_EQ(o.placement(), nlohmann::ordered_json::parse(
                               R"({"db": "stopped", "fs": "n1", "pg": ["n1", "n2"], "web": "stopped"})"));
  EXPECT_EQ(o.promoted(), nlohmann::ordered_json::parse(R"({"pg": ["n1"]})"));
  EXPECT_EQ(o.start_order(), (std::vector<std::string>{"fs", "db", "pg"}));
  EXPECT_EQ(o.transitions(), 1u);
  EXPECT_EQ(o.failed_operations(), 2u);  // the start and the monitor
}

TEST(CrmOutcome, CrashAndPowerFencingEmptyANode) {
  CrmOutcome o;
  o.observe(action("n1", "a", "start"));
  o.observe(action("n2", "b", "start"));
  o.observe(action("n3", "c", "start"));
  o.observe({{"t", 3.0}, {"ev", "fault.crash"}, {"host", "n1"}});
  o.observe({{"t", 4.0}, {"ev", "fence.done"}, {"target", "n2"}, {"success", true}, {"kind", "power"}});
  o.observe({{"t", 4.0}, {"ev", "fence.done"}, {"target", "n3"}, {"success", false}, {"kind", "power"}});
  EXPECT_EQ(o.placement(), nlohmann::ordered_json::parse(R"({"a": "stopped", "b": "stopped", "c": "n3"})"));
}

// Down time: a tracked resource is down from when it stops running anywhere (after its first
// start) until it runs again; resources_down_s is the union over them. A clone is down only
// with no instance; a promotable clone, once promoted, with no promoted instance; an
// untracked resource (a fence device) counts for nothing.
TEST(CrmOutcome, ResourcesDownTimeIsTheUnionOfEachOnesSpells) {
  CrmOutcome o;
  EXPECT_EQ(o.resources_down_s(10), std::nullopt);  // nothing tracked: no CRM
  o.track({"ip", "app", "pg"});
  const auto at = [](double t, TraceEvent e) { return e["t"] = t, e; };
  o.observe(at(1, action("n1", "ip", "start")));
  o.observe(at(2, action("n1", "app", "start")));
  o.observe(at(2, action("n1", "pg:0", "start")));
  o.observe(at(2, action("n2", "pg:1", "start")));
  o.observe(at(3, action("n2", "pg:1", "promote")));
  o.observe(at(3, action("n2", "fence-device", "start")));
  o.observe({{"t", 10.0}, {"ev", "fault.crash"}, {"host", "n1"}});  // ip, app down; pg:0 gone, pg promoted on n2
  o.observe(at(14, action("n2", "ip", "start")));
  o.observe(at(16, action("n2", "app", "start")));                  // all up again: 6 s down
  o.observe(at(20, action("n2", "pg:1", "demote")));                 // no promoted instance: down
  o.observe(at(21, action("n2", "pg:1", "promote")));
  o.observe(at(30, action("n2", "fence-device", "stop")));           // not tracked
  EXPECT_DOUBLE_EQ(*o.resources_down_s(40), 7.0);
  EXPECT_EQ(o.resource_down_s(40), (std::map<std::string, double>{{"app", 6}, {"ip", 4}, {"pg", 1}}));
  o.observe({{"t", 35.0}, {"ev", "fault.crash"}, {"host", "n2"}});  // down to the end
  EXPECT_DOUBLE_EQ(*o.resources_down_s(40), 12.0);
}

}  // namespace halab
