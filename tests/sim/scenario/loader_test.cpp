// One test per kind of user error: each must be reported with its JSON pointer, and all of
// them at once.
#include "sim/scenario/loader.hpp"

#include "tests/sim/scenario/input_errors.hpp"

#include <gtest/gtest.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace halab {
namespace {

nlohmann::json valid() {
  return nlohmann::json::parse(R"({
    "version": 1, "name": "t", "seed": 3, "duration": "60s",
    "topology": {"regions": [{"name": "eu", "datacenters": [
      {"name": "dc1", "hosts": ["n1", "n2", "c1"]}, {"name": "dc2", "hosts": ["n3"]}]}]},
    "cluster": {"members": [{"host": "n1", "priority": 200}, {"host": "n2"}],
                "heartbeat_interval": "500ms", "detector": {"kind": "fixed-timeout", "timeout": "2s"}},
    "service": {"name": "web", "vip": "10.0.0.80"},
    "workload": {"clients": ["c1"], "rate": 10, "timeout": "1s"},
    "faults": [{"kind": "crash", "host": "n1", "at": "10s", "restart_at": "20s"},
               {"kind": "partition", "groups": [["n1"], ["n2"]], "at": "30s", "until": "40s"},
               {"kind": "degrade", "link": ["dc1", "dc2"], "extra_latency": "5ms", "loss": 0.1, "at": "1s"}],
    "expect": {"failovers": 1, "availability": {"min": 0.5}}
  })");
}

std::vector<InputError> errors_of(const nlohmann::json& doc) {
  return load_scenario_json(doc, "s.json").errors;
}

using test::all;
using test::has_error;

} // namespace

TEST(Loader, ValidScenarioLoadsEveryField) {
  LoadResult r = load_scenario_json(valid(), "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.seed, 3u);
  EXPECT_EQ(s.duration, Duration::seconds(60));
  EXPECT_EQ(s.services.front().cluster.members[0].priority, 200);
  EXPECT_EQ(s.services.front().cluster.members[1].priority, 100);
  EXPECT_EQ(s.services.front().cluster.heartbeat_interval, Duration::millis(500));
  EXPECT_EQ(s.services.front().cluster.detector.timeout, Duration::seconds(2));
  ASSERT_EQ(s.faults.size(), 3u);
  EXPECT_EQ(s.faults[0].until, Instant::at_seconds(20));
  EXPECT_EQ(s.faults[1].groups.size(), 2u);
  ASSERT_TRUE(s.faults[2].link.between.has_value());
  EXPECT_EQ(s.faults[2].link.between->second, "dc2");
  EXPECT_DOUBLE_EQ(s.faults[2].loss, 0.1);
  EXPECT_EQ(s.all_hosts(), (std::vector<std::string>{"n1", "n2", "c1", "n3"}));
}

TEST(Loader, LinkDownFault) {
  auto doc = valid();
  doc["faults"].push_back({{"kind", "link-down"}, {"link", "n2"}, {"at", "45s"}, {"until", "50s"}});
  LoadResult r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  EXPECT_EQ(r.scenario->faults[3].kind, FaultSpec::Kind::link_down);
  EXPECT_EQ(r.scenario->faults[3].link.host, "n2");
  doc["faults"][3]["loss"] = 0.5;
  EXPECT_TRUE(has_error(errors_of(doc), "/faults/3/loss", "unknown key")) << all(errors_of(doc));
}

TEST(Loader, LinkOverrides) {
  auto doc = valid();
  doc["topology"]["links"] = {{"overrides", {{{"link", {"dc2", "dc1"}}, {"latency", "3ms"}},
                                             {{"link", "n3"}, {"bandwidth", "10Mbps"}}}}};
  LoadResult r = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(r.errors.empty()) << all(r.errors);
  ASSERT_EQ(r.scenario->topology.overrides.size(), 2u);
  EXPECT_EQ(r.scenario->topology.overrides[0].latency, Duration::millis(3));
  EXPECT_DOUBLE_EQ(*r.scenario->topology.overrides[1].bandwidth_bytes_per_s, 10e6 / 8);

  doc["topology"]["links"]["overrides"].push_back({{"link", {"dc1", "dc2"}}, {"latency", "4ms"}});
  doc["topology"]["links"]["overrides"].push_back({{"link", "nZ"}});
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/topology/links/overrides/2/link", "overridden twice")) << all(e);
  EXPECT_TRUE(has_error(e, "/topology/links/overrides/3/link", "a host name (its NIC)")) << all(e);
  EXPECT_TRUE(has_error(e, "/topology/links/overrides/3", "an override that changes nothing")) << all(e);
}

TEST(Loader, UnknownKey) {
  auto doc = valid();
  doc["cluster"]["deadtime"] = "3s";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/cluster/deadtime", "unknown key \"deadtime\"")) << all(e);
}

TEST(Loader, WrongType) {
  auto doc = valid();
  doc["workload"]["rate"] = "fast";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/workload/rate", "expected a number")) << all(e);
  EXPECT_TRUE(has_error(e, "/workload/rate", "found \"fast\"")) << all(e);
}

TEST(Loader, MissingRequiredKey) {
  auto doc = valid();
  doc.erase("service");
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/service", "missing")) << all(e);
}

TEST(Loader, DurationWithoutUnit) {
  auto doc = valid();
  doc["duration"] = 60;
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/duration", "a duration string with a unit")) << all(e);
}

TEST(Loader, NegativeDuration) {
  auto doc = valid();
  doc["faults"][0]["at"] = "-5s";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/0/at", "non-negative duration")) << all(e);
}

TEST(Loader, UnknownHostName) {
  auto doc = valid();
  doc["cluster"]["members"][1]["host"] = "nX";
  doc["faults"][1]["groups"][1][0] = "nY";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/cluster/members/1/host", "a host named in /topology")) << all(e);
  EXPECT_TRUE(has_error(e, "/faults/1/groups/1/0", "a host named in /topology")) << all(e);
}

TEST(Loader, DuplicateHostName) {
  auto doc = valid();
  doc["topology"]["regions"][0]["datacenters"][1]["hosts"][0] = "n1";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/topology/regions/0/datacenters/1/hosts/0", "duplicate name")) << all(e);
}

TEST(Loader, FaultEndsBeforeItStarts) {
  auto doc = valid();
  doc["faults"][1]["until"] = "25s";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/1/until", "a time after \"at\"")) << all(e);
}

TEST(Loader, FaultAfterTheRunEnds) {
  auto doc = valid();
  doc["faults"][0]["at"] = "2m";
  doc["faults"][0].erase("restart_at");
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/0/at", "within the run's duration")) << all(e);
}

TEST(Loader, OverlappingCrashesOfOneHostContradict) {
  auto doc = valid();
  doc["faults"].push_back({{"kind", "crash"}, {"host", "n1"}, {"at", "15s"}});
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/3", "overlaps /faults/0")) << all(e);
}

TEST(Loader, OverlappingDegradationsOfOneLinkContradict) {
  auto doc = valid();
  doc["faults"].push_back({{"kind", "degrade"}, {"link", {"dc2", "dc1"}}, {"loss", 0.5}, {"at", "50s"}});
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/3", "overlaps /faults/2")) << all(e);
}

TEST(Loader, HostInTwoGroupsOfOnePartition) {
  auto doc = valid();
  doc["faults"][1]["groups"][1].push_back("n1");
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/1/groups/1/1", "in two groups")) << all(e);
}

TEST(Loader, UnknownFaultKind) {
  auto doc = valid();
  doc["faults"][0]["kind"] = "meteor";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/0/kind", "\"crash\", \"stop\", \"partition\", \"degrade\", \"link-down\", \"pause\", \"hang\", \"slow\", \"site-down\", \"fence-device-failure\", \"agent-fail\", \"check-fail\", \"disk-full\", \"replication-broken\" or \"operator-error\"")) << all(e);
}

TEST(Loader, CrashOfANonMember) {
  auto doc = valid();
  doc["faults"][0]["host"] = "c1";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/0/host", "a cluster member")) << all(e);
}

TEST(Loader, DegradeOfUnknownLink) {
  auto doc = valid();
  doc["faults"][2]["link"] = {"dc1", "dc9"};
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/faults/2/link", "a pair of datacenters of one region")) << all(e);
}

TEST(Loader, ClientThatIsAMember) {
  auto doc = valid();
  doc["workload"]["clients"] = {"n2"};
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/workload/clients/0", "is a cluster member")) << all(e);
}

TEST(Loader, DetectorSettingOfTheOtherKind) {
  auto doc = valid();
  doc["cluster"]["detector"]["threshold"] = 8;
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/cluster/detector/threshold", "not a setting of the fixed-timeout detector")) << all(e);
}

TEST(Loader, WrongVersion) {
  auto doc = valid();
  doc["version"] = 2;
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/version", "from 1 to 1")) << all(e);
}

TEST(Loader, UnknownExpectation) {
  auto doc = valid();
  doc["expect"]["uptime"] = 1;
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/expect/uptime", "unknown expectation")) << all(e);
}

TEST(Loader, ReportsAllErrorsAtOnce) {
  auto doc = valid();
  doc["duration"] = "soon";
  doc["workload"]["rate"] = -1;
  doc["cluster"]["members"][1]["host"] = "nX";
  doc["faults"][0]["kind"] = "meteor";
  auto e = errors_of(doc);
  EXPECT_EQ(e.size(), 4u) << all(e);
}

TEST(Loader, UnreadableAndMalformedFiles) {
  auto missing = load_scenario_file("/nonexistent/x.json");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_NE(missing.errors[0].message.find("cannot open"), std::string::npos);

  std::string path = testing::TempDir() + "malformed.json";
  std::ofstream(path) << "{\"version\": 1, \"name\": ";
  auto malformed = load_scenario_file(path);
  ASSERT_EQ(malformed.errors.size(), 1u);
  EXPECT_EQ(malformed.errors[0].file, path);
  EXPECT_NE(malformed.errors[0].message.find("not valid JSON"), std::string::npos);
  EXPECT_FALSE(malformed.scenario.has_value());
}

TEST(Loader, ErrorRendersAsFilePointerMessage) {
  InputError e{"scenarios/x.json", "/faults/2/at", "expected a duration like \"1.5s\", found 12"};
  EXPECT_EQ(e.to_string(), "scenarios/x.json: /faults/2/at: expected a duration like \"1.5s\", found 12");
}

namespace {
// valid() under the pacemaker manager (corosync timing: no detector of its own).
nlohmann::json pacemaker() {
  auto doc = valid();
  doc["cluster"]["manager"] = "pacemaker";
  doc["cluster"].erase("detector");
  return doc;
}
}  // namespace

TEST(Loader, CorosyncJoinTimeout) {
  auto doc = pacemaker();
  doc["cluster"]["membership"] = {{"timing", "corosync"}, {"join", "200ms"}};
  auto loaded = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(loaded.errors.empty()) << all(loaded.errors);
  EXPECT_EQ(loaded.scenario->services.front().cluster.membership.join, Duration::millis(200));
  doc["cluster"]["membership"]["join"] = "0s";
  auto e = errors_of(doc);
  EXPECT_TRUE(has_error(e, "/cluster/membership/join", "positive")) << all(e);
}

// quorum.device.timeout sets the qdevice client's heartbeat (0.8 x, within 1 s .. 2 min) and
// so how long qnetd keeps a silent client (1.5 heartbeats); sync_timeout is votequorum's wait.
TEST(Loader, QnetdTimeoutsAreCorosyncQdevices) {
  auto doc = pacemaker();
  doc["cluster"]["quorum"] = {{"device", {{"kind", "qnetd"}, {"host", "n3"}}}};
  auto loaded = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(loaded.errors.empty()) << all(loaded.errors);
  const QuorumDeviceSpec& defaults = *loaded.scenario->services.front().cluster.quorum.device;
  EXPECT_DOUBLE_EQ(defaults.qnetd.dpd_s, 12);
  EXPECT_EQ(defaults.sync_timeout, Duration::seconds(30));
  doc["cluster"]["quorum"]["device"]["timeout"] = "20s";
  doc["cluster"]["quorum"]["device"]["sync_timeout"] = "40s";
  auto set = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(set.errors.empty()) << all(set.errors);
  const QuorumDeviceSpec& d = *set.scenario->services.front().cluster.quorum.device;
  EXPECT_DOUBLE_EQ(d.qnetd.dpd_s, 24);
  EXPECT_EQ(d.sync_timeout, Duration::seconds(40));
  doc["cluster"]["quorum"]["device"]["timeout"] = "500ms";  // a heartbeat of at least 1 s
  EXPECT_DOUBLE_EQ(load_scenario_json(doc, "s.json").scenario->services.front().cluster.quorum.device->qnetd.dpd_s, 1.5);
  doc["cluster"]["quorum"]["device"] = {{"kind", "ping"}, {"host", "n3"}, {"sync_timeout", "40s"}};
  EXPECT_TRUE(has_error(errors_of(doc), "/cluster/quorum/device/sync_timeout", "not a setting of a ping device"));
}

// A corosync cluster larger than vendors support, whose losses cannot change the view
// within the run, loads with a warning for each.
TEST(Loader, CorosyncBeyondItsLimitsIsWarned) {
  auto doc = pacemaker();
  auto& hosts = doc["topology"]["regions"][0]["datacenters"][0]["hosts"];
  auto& members = doc["cluster"]["members"];
  for (int i = 4; i <= 40; ++i) {
    const std::string name = fmt::format("n{}", i);  // not "n" + to_string: GCC 12 warns -Wrestrict wrongly
    hosts.push_back(name);
    members.push_back({{"host", name}});
  }
  auto loaded = load_scenario_json(doc, "s.json");
  ASSERT_TRUE(loaded.errors.empty()) << all(loaded.errors);
  // 39 members: token timeout 3 s + 37 x 0.65 s = 27.05 s, consensus 32.46 s: 59.51 s < 60 s.
  ASSERT_EQ(loaded.scenario->warnings.size(), 1u);
  EXPECT_EQ(loaded.scenario->warnings[0].pointer, "/cluster/members");
  EXPECT_NE(loaded.scenario->warnings[0].message.find("at most 32 nodes"), std::string::npos);
  hosts.push_back("n41");
  members.push_back({{"host", "n41"}});
  auto longer = load_scenario_json(doc, "s.json");
  ASSERT_EQ(longer.scenario->warnings.size(), 2u);
  EXPECT_EQ(longer.scenario->warnings[1].pointer, "/cluster/membership");
  EXPECT_NE(longer.scenario->warnings[1].message.find("no sooner than the run ends (60s)"), std::string::npos);
}

} // namespace halab
