// The zookeeper manager's keys: the ensemble, zoo.cfg's timing, the clients' session
// timeout, and the faults refused because the leader's election is not modelled.
#include "sim/scenario/loader.hpp"
#include "sim/service/service_kind.hpp"

#include "tests/sim/scenario/input_errors.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

using test::all;
using test::has_error;

nlohmann::json registry() {
  return nlohmann::json::parse(R"({
    "version": 1, "name": "t", "duration": "60s",
    "topology": {"regions": [{"name": "eu", "datacenters": [
      {"name": "dc1", "hosts": ["c1", "c2", "c3", "z1", "z2"]}, {"name": "dc2", "hosts": ["z3", "x"]}]}]},
    "cluster": {"manager": "zookeeper", "members": [{"host": "c1"}, {"host": "c2"}, {"host": "c3"}],
                "zookeeper": {"ensemble": ["z1", "z2", "z3"]}},
    "service": {"name": "group"}
  })");
}

std::vector<InputError> errors_of(const nlohmann::json& doc) { return load_scenario_json(doc, "s.json").errors; }

}  // namespace

TEST(ZookeeperReader, DefaultsAreTheSampleZooCfgAndTheServersFollowTheClients) {
  LoadResult r = load_scenario_json(registry(), "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  const ClusterSpec& c = r.scenario->services.front().cluster;
  EXPECT_FALSE(c.kind->serves_ip);
  EXPECT_EQ(c.zookeeper.tick_ms, 2000);
  EXPECT_EQ(c.zookeeper.sync_limit, 5);
  EXPECT_EQ(c.zookeeper.servers, 3u);
  EXPECT_EQ(c.zookeeper.negotiated_timeout(), 10000);
  ASSERT_EQ(c.members.size(), 6u);
  EXPECT_EQ(c.group_size(), 3u);
  EXPECT_EQ(c.members[5].name, "z3");  // the highest id: the leader
}

TEST(ZookeeperReader, ReadsEverySettingAndNegotiatesTheTimeoutIntoItsBounds) {
  auto doc = registry();
  doc["cluster"]["zookeeper"].update(nlohmann::json::parse(R"({
    "tick_time": "500ms", "sync_limit": 3, "session_timeout": "30s", "min_session_timeout": "2s",
    "max_session_timeout": "8s"})"));
  LoadResult r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  const ZkConfig& z = r.scenario->services.front().cluster.zookeeper;
  EXPECT_EQ(z.tick_ms, 500);
  EXPECT_EQ(z.sync_limit, 3);
  EXPECT_EQ(z.session_timeout_ms, 30000);
  EXPECT_EQ(z.negotiated_timeout(), 8000);  // maxSessionTimeout
  doc["cluster"]["zookeeper"].erase("max_session_timeout");
  r = load_scenario_json(doc, "s.json");
  EXPECT_EQ(r.scenario->services.front().cluster.zookeeper.negotiated_timeout(), 10000);  // 20 ticks
}

TEST(ZookeeperReader, RefusesWrongSettings) {
  auto doc = registry();
  doc["cluster"]["heartbeat_interval"] = "1s";
  doc["cluster"]["members"][0]["priority"] = 120;
  doc["cluster"]["zookeeper"] = nlohmann::json::parse(R"({
    "ensemble": ["z1", "c2", "nowhere", "z1"], "tick_time": "1.5ms", "sync_limit": 0,
    "min_session_timeout": "9s", "max_session_timeout": "3s", "init_limit": 10})");
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/cluster/heartbeat_interval", "session_timeout")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/members/0/priority", "no priority")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/ensemble/1", "client of the group")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/ensemble/2", "not a host")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/ensemble/3", "twice")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/tick_time", "whole number of milliseconds")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/sync_limit", "")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/min_session_timeout", "above max_session_timeout")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/init_limit", "unknown")) << all(errors);
  doc = registry();
  doc["cluster"]["zookeeper"].erase("ensemble");
  EXPECT_TRUE(has_error(errors_of(doc), "/cluster/zookeeper/ensemble", "required"));
}

TEST(ZookeeperReader, AServerMayNotBeAnotherServicesMember) {
  auto doc = registry();
  nlohmann::json group = {{"name", "group"}, {"cluster", doc["cluster"]}};
  nlohmann::json entry = nlohmann::json::parse(R"({"name": "entry", "vip": "10.0.0.80",
      "cluster": {"members": [{"host": "x"}, {"host": "z2"}]}})");
  doc.erase("cluster");
  doc.erase("service");
  doc["services"] = {entry, group};
  const auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/services/1/cluster/zookeeper/ensemble/1", "already a member of service \"entry\""))
      << all(errors);
}

TEST(ZookeeperReader, ARunTooShortForAnySessionToExpireIsWarned) {
  auto doc = registry();
  LoadResult r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  EXPECT_TRUE(r.scenario->warnings.empty());  // 10 s sessions in 60 s
  doc["cluster"]["zookeeper"]["session_timeout"] = "40s";  // maxSessionTimeout: 20 ticks, 40 s
  doc["duration"] = "40s";
  r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  ASSERT_EQ(r.scenario->warnings.size(), 1u);
  EXPECT_EQ(r.scenario->warnings[0].pointer, "/cluster/zookeeper/session_timeout");
  EXPECT_NE(r.scenario->warnings[0].message.find("40s"), std::string::npos) << r.scenario->warnings[0].message;
}

TEST(ZookeeperReader, RefusesATimeoutTooShortForTheClientsMilliseconds) {
  auto doc = registry();
  doc["cluster"]["zookeeper"].update(nlohmann::json::parse(R"({"tick_time": "1ms", "session_timeout": "1ms"})"));
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper/session_timeout", "negotiated session timeout is 2 ms; at least 4 ms"))
      << all(errors);
}

TEST(ZookeeperReader, FaultsMayTakeFollowersAndClientsButNotTheLeader) {
  auto doc = registry();
  doc["faults"] = nlohmann::json::parse(R"([
    {"kind": "crash", "host": "z1", "at": "10s", "restart_at": "20s"},
    {"kind": "crash", "host": "c1", "at": "10s"},
    {"kind": "partition", "groups": [["z2"], ["z1", "z3"]], "at": "30s", "until": "40s"}])");
  auto r = load_scenario_json(doc, "s.json");
  EXPECT_TRUE(r.errors.empty()) << all(r.errors);
  doc["faults"] = nlohmann::json::parse(R"([
    {"kind": "crash", "host": "z3", "at": "10s"},
    {"kind": "pause", "host": "z3", "at": "20s", "until": "21s"},
    {"kind": "partition", "groups": [["z3", "c1"], ["z1", "z2"]], "at": "30s", "until": "40s"},
    {"kind": "site-down", "site": "dc2", "at": "50s", "until": "55s"}])");
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/faults/0/host", "leads service \"group\"'s ZooKeeper ensemble")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/faults/1/host", "not modelled")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/faults/2/groups", "fewer than a quorum (2 of 3)")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/faults/3/site", "its site")) << all(errors);
  doc.erase("faults");
  doc["failures"] = nlohmann::json::parse(R"([{"hosts": ["z3"], "time_to_failure": {"distribution": "exponential", "mean": "1h"}, "time_to_repair": {"distribution": "exponential", "mean": "60s"}}])");
  EXPECT_TRUE(has_error(errors_of(doc), "/failures/0", "at random")) << all(errors_of(doc));
}

TEST(ZookeeperReader, ItsKeysNeedItsManager) {
  auto doc = registry();
  doc["cluster"]["manager"] = "memberlist";
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/cluster/zookeeper", "needs \"manager\": \"zookeeper\"")) << all(errors);
}

}  // namespace halab
