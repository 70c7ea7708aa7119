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

}  // namespace halab
