// The memberlist manager's keys, and what a membership-only service may not be given.
#include "sim/scenario/loader.hpp"
#include "sim/service/service_kind.hpp"

#include "tests/sim/scenario/input_errors.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

using test::all;
using test::has_error;

nlohmann::json gossip() {
  return nlohmann::json::parse(R"({
    "version": 1, "name": "t", "duration": "60s",
    "topology": {"regions": [{"name": "eu", "datacenters": [{"name": "dc1", "hosts": ["m1", "m2", "m3", "c1"]}]}]},
    "cluster": {"manager": "memberlist", "members": [{"host": "m1"}, {"host": "m2"}, {"host": "m3"}]},
    "service": {"name": "gossip"},
    "faults": [{"kind": "crash", "host": "m1", "at": "10s"}]
  })");
}

std::vector<InputError> errors_of(const nlohmann::json& doc) { return load_scenario_json(doc, "s.json").errors; }

}  // namespace

TEST(MemberlistReader, DefaultsAreMemberlistsLanConfig) {
  LoadResult r = load_scenario_json(gossip(), "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  const ClusterSpec& c = r.scenario->services.front().cluster;
  EXPECT_FALSE(c.kind->serves_ip);
  EXPECT_EQ(c.memberlist.probe_interval, Duration::seconds(1));
  EXPECT_EQ(c.memberlist.probe_timeout, Duration::millis(500));
  EXPECT_EQ(c.memberlist.suspicion_mult, 4);
  EXPECT_TRUE(r.scenario->workload.clients.empty()) << "no workload: nothing serves an IP";
}

TEST(MemberlistReader, ARunTooShortForAnyDeathIsWarned) {
  auto doc = gossip();
  LoadResult r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  EXPECT_TRUE(r.scenario->warnings.empty());  // 1 s + 4 s suspicion in 60 s
  doc["duration"] = "5s";
  doc["faults"][0]["at"] = "1s";
  r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  ASSERT_EQ(r.scenario->warnings.size(), 1u);
  EXPECT_EQ(r.scenario->warnings[0].pointer, "/cluster/memberlist");
  EXPECT_NE(r.scenario->warnings[0].message.find("no crash or partition in this run"), std::string::npos);
}

TEST(MemberlistReader, ReadsEverySetting) {
  auto doc = gossip();
  doc["cluster"]["memberlist"] = nlohmann::json::parse(R"({
    "probe_interval": "2s", "probe_timeout": "800ms", "indirect_checks": 2, "gossip_interval": "100ms",
    "gossip_nodes": 4, "gossip_to_the_dead_time": "20s", "retransmit_mult": 3, "suspicion_mult": 5,
    "suspicion_max_timeout_mult": 4, "awareness_max_multiplier": 6})");
  LoadResult r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  const SwimConfig& c = r.scenario->services.front().cluster.memberlist;
  EXPECT_EQ(c.probe_interval, Duration::seconds(2));
  EXPECT_EQ(c.probe_timeout, Duration::millis(800));
  EXPECT_EQ(c.indirect_checks, 2);
  EXPECT_EQ(c.gossip_interval, Duration::millis(100));
  EXPECT_EQ(c.gossip_nodes, 4);
  EXPECT_EQ(c.gossip_to_the_dead, Duration::seconds(20));
  EXPECT_EQ(c.retransmit_mult, 3);
  EXPECT_EQ(c.suspicion_mult, 5);
  EXPECT_EQ(c.suspicion_max_timeout_mult, 4);
  EXPECT_EQ(c.awareness_max_multiplier, 6);
}

TEST(MemberlistReader, RefusesWhatAMembershipOnlyServiceCannotHave) {
  auto doc = gossip();
  doc["service"]["vip"] = "10.0.0.80";
  doc["cluster"]["members"][1]["priority"] = 150;
  doc["cluster"]["heartbeat_interval"] = "1s";
  doc["cluster"]["detector"] = {{"kind", "fixed-timeout"}};
  doc["cluster"]["memberlist"] = {{"probe_timeout", "1s"}, {"suspicion_mult", 11}, {"probe_intervall", "1s"}};
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/service/vip", "keeps membership only")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/members/1/priority", "no priority")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/heartbeat_interval", "probe_interval")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/detector", "not a setting of the memberlist manager")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/memberlist/probe_timeout", "shorter than probe_interval")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/cluster/memberlist/suspicion_mult", "10")) << all(errors);  // 8 confirmations at most
  EXPECT_TRUE(has_error(errors, "/cluster/memberlist/probe_intervall", "unknown")) << all(errors);
}

TEST(MemberlistReader, ClientsCannotCallIt) {
  auto doc = gossip();
  doc["workload"] = {{"clients", {"c1"}}, {"rate", 1}, {"timeout", "1s"}};
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/workload", "no floating IP")) << all(errors);
  doc["workload"]["target"] = "gossip";
  errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/workload/target", "keeps membership only")) << all(errors);
}

TEST(MemberlistReader, OtherKindsStillNeedTheirIpAndWorkload) {
  auto doc = gossip();
  doc["cluster"]["manager"] = "keepalived";
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/service/vip", "required")) << all(errors);
  EXPECT_TRUE(has_error(errors, "/workload", "required")) << all(errors);
}

TEST(MemberlistReader, ItsKeysNeedItsManager) {
  auto doc = gossip();
  doc["cluster"]["manager"] = "pacemaker";
  doc["cluster"]["memberlist"] = nlohmann::json::object();
  auto errors = errors_of(doc);
  EXPECT_TRUE(has_error(errors, "/cluster/memberlist", "needs \"manager\": \"memberlist\"")) << all(errors);
}

}  // namespace halab
