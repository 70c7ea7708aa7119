// The "crm" section of a scenario and the "agent-fail" fault: the placement form read
// inside a scenario, with the members as nodes and the run's own keys, and every user
// error reported with its JSON pointer.
#include "sim/scenario/loader.hpp"

#include "tests/sim/scenario/input_errors.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace halab {
namespace {

nlohmann::json valid() {
  return nlohmann::json::parse(R"({
    "version": 1, "name": "t", "seed": 1, "duration": "60s",
    "topology": {"regions": [{"name": "eu", "datacenters": [{"name": "dc1", "hosts": ["n1", "n2", "n3", "c1"]}]}]},
    "cluster": {"manager": "pacemaker", "members": [{"host": "n1"}, {"host": "n2"}, {"host": "n3"}],
                "fencing": {"mode": "device", "device": {"kind": "power"}},
                "crm": {"topology": {"kind": "n+1", "active": 2},
                        "resources": [{"id": "extra", "meta": {"migration-threshold": 2}}],
                        "vip": "svc1-ip",
                        "operations": {"start": "3s", "monitor_interval": "5s"},
                        "resource_operations": {"extra": {"start": "30s", "timeout": "10s"}},
                        "recheck_interval": "2m", "monitor_on_fail": "ban"}},
    "service": {"name": "web", "vip": "10.0.0.80"},
    "workload": {"clients": ["c1"], "rate": 10, "timeout": "1s"},
    "faults": [{"kind": "agent-fail", "host": "n1", "resource": "svc1-app", "at": "10s", "until": "20s"},
               {"kind": "agent-fail", "host": "n2", "resource": "extra", "operation": "stop", "rc": 5, "at": "30s"}]
  })");
}

using test::all;
using test::has_error;

}  // namespace

TEST(CrmReader, ReadsTheConfigurationTimingsAndFaults) {
  nlohmann::json doc = valid();
  doc["cluster"]["crm"]["monitor_on_fail"] = "stop";
  LoadResult r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  const ClusterSpec& c = r.scenario->services.front().cluster;
  ASSERT_TRUE(c.crm);
  // the members are the nodes; the template's groups, the extra primitive, and the
  // fence device the scenario's fencing stands for
  ASSERT_EQ(c.crm->config.nodes.size(), 3u);
  EXPECT_EQ(c.crm->config.nodes[2].name, "n3");
  std::vector<std::string> ids;
  for (const auto& res : c.crm->config.resources) ids.push_back(res.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"extra", "svc1", "svc2", "fence-device"}));
  EXPECT_EQ(c.crm->config.resources.back().standard, "stonith");
  EXPECT_EQ(c.crm->config.properties.at("stonith-enabled"), "true");
  EXPECT_EQ(c.crm->config.properties.at("no-quorum-policy"), "stop");
  EXPECT_EQ(c.crm->vip_resource, "svc1-ip");
  EXPECT_EQ(c.crm->timing_of("svc1-ip").start, Duration::seconds(3));
  EXPECT_EQ(c.crm->timing_of("svc1-ip").stop, Duration::seconds(1));  // the default
  EXPECT_EQ(c.crm->timing_of("extra").start, Duration::seconds(30));
  EXPECT_EQ(c.crm->timing_of("extra").monitor_interval, Duration::seconds(5));  // from "operations"
  EXPECT_EQ(c.crm->recheck_interval, Duration::seconds(120));
  ASSERT_EQ(r.scenario->faults.size(), 2u);
  EXPECT_EQ(r.scenario->faults[0].kind, FaultSpec::Kind::agent_fail);
  EXPECT_EQ(r.scenario->faults[0].operation, "monitor");
  EXPECT_EQ(r.scenario->faults[0].rc, 7);  // a dead resource: not running
  EXPECT_EQ(r.scenario->faults[1].rc, 5);
}

TEST(CrmReader, ReportsEveryErrorWithItsPointer) {
  nlohmann::json doc = valid();
  auto& crm = doc["cluster"]["crm"];
  crm["status"] = nlohmann::json::array();
  crm["vip"] = "svc9-ip";
  crm["operations"]["start"] = "soon";
  crm["resource_operations"]["ghost"] = {{"start", "1s"}};
  crm["colour"] = "red";
  doc["faults"][0]["resource"] = "ghost";
  doc["faults"][1]["operation"] = "probe";
  doc["faults"][1]["host"] = "c1";
  LoadResult r = load_scenario_json(doc, "s.json");
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm/status", "the run produces")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm/vip", "primitive")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm/operations/start", "duration")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm/resource_operations/ghost", "primitive")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm/colour", "unknown key")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/faults/0/resource", "primitive")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/faults/1/operation", "monitor")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/faults/1/host", "member")) << all(r.errors);
}

TEST(CrmReader, PropertiesMustAgreeWithTheClusterSettings) {
  nlohmann::json doc = valid();
  doc["cluster"]["crm"]["properties"] = {{"stonith-enabled", false}};
  doc["cluster"]["crm"]["nodes"] = {{{"name", "n1"}}, {{"name", "n2"}}, {{"name", "n9"}}};
  LoadResult r = load_scenario_json(doc, "s.json");
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm/properties/stonith-enabled", "/cluster/fencing/mode")) << all(r.errors);
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm/nodes", "members")) << all(r.errors);
}

TEST(CrmReader, NeedsThePacemakerManager) {
  nlohmann::json doc = valid();
  doc["cluster"].erase("manager");
  doc["cluster"].erase("fencing");
  doc["cluster"]["detector"] = {{"kind", "fixed-timeout"}, {"timeout", "3s"}};
  LoadResult r = load_scenario_json(doc, "s.json");
  EXPECT_TRUE(has_error(r.errors, "/cluster/crm", "pacemaker")) << all(r.errors);
  // the faults need the crm section, whose error says why it is missing
  EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);
}

}  // namespace halab
