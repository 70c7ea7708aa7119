// The state each fault met, read from hand-written traces.
#include "sim/explore/fault_coverage.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

TraceEvent ev(double t, const char* type, TraceEvent fields = TraceEvent::object()) {
  TraceEvent e{{"t", t}, {"ev", type}};
  for (const auto& [k, v] : fields.items()) e[k] = v;
  return e;
}

TEST(FaultCoverage, AMembershipAloneFollowsItsMembersNotAnIpHolder) {
  const std::vector<TraceEvent> events{
      ev(1, "fault.pause", {{"fault", 0}, {"host", "c2"}}),  // no IP, ever: steady, not starting
      ev(2, "fault.resume", {{"fault", 0}, {"host", "c2"}}),
      ev(5, "fault.crash", {{"fault", 1}, {"host", "c1"}}),  // the pause is over: steady
      ev(9, "member.suspect", {{"node", "c1"}, {"by", "c3"}}),
      ev(10, "fault.partition", {{"fault", 2}, {"groups", {{"c2"}, {"c3"}}}}),  // c1 lost by some
      ev(11, "member.dead_everywhere", {{"node", "c1"}, {"members", 3}}),
      ev(12, "fault.link_down", {{"fault", 3}, {"link", "nic:c4"}}),  // settled; others in effect
  };
  const auto hits = fault_hits(events);
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0].state, "steady");
  EXPECT_EQ(hits[1].state, "steady");
  EXPECT_EQ(hits[2].state, "failover");
  EXPECT_EQ(hits[3].state, "another fault");
}

TEST(FaultCoverage, EachFaultMeetsTheStateBeforeIt) {
  const std::vector<TraceEvent> events{
      ev(0.5, "fault.pause", {{"fault", 0}, {"host", "n2"}}),  // nobody holds the IP yet
      ev(0.9, "fault.resume", {{"fault", 0}, {"host", "n2"}}),
      ev(1, "ip.take", {{"node", "n1"}, {"ip", "10.0.0.80"}}),
      ev(5, "fault.degrade", {{"fault", 1}, {"link", "nic:n2"}, {"loss", 0.0}, {"extra_latency_s", 0.5}}),  // steady
      ev(6, "fault.crash", {{"fault", 2}, {"host", "n1"}}),  // the degraded link is still slow
      ev(6, "ip.release", {{"node", "n1"}, {"ip", "10.0.0.80"}, {"reason", "host crashed"}}),
      ev(7, "fault.partition", {{"fault", 3}, {"groups", {{"n1"}, {"n2"}}}, {"one_way", true}}),  // no holder
      ev(8, "fence.request", {{"by", "n2"}, {"target", "n1"}}),
      ev(8.5, "fault.link_down", {{"fault", 4}, {"link", "nic:n3"}}),
      ev(9, "fence.done", {{"by", "n2"}, {"target", "n1"}, {"success", true}}),
      ev(10, "ip.take", {{"node", "n2"}, {"ip", "10.0.0.80"}}),
      ev(11, "ip.take", {{"node", "n3"}, {"ip", "10.0.0.80"}}),
      ev(12, "fault.fence_device", {{"fault", 5}, {"failing", true}}),
      ev(13, "ip.release", {{"node", "n3"}, {"ip", "10.0.0.80"}}),
      ev(14, "fault.restore", {{"fault", 1}, {"link", "nic:n2"}}),
      ev(14, "fault.heal", {{"fault", 3}}),
      ev(14, "fault.link_up", {{"fault", 4}, {"link", "nic:n3"}}),
      ev(14, "fault.fence_device", {{"fault", 5}, {"failing", false}}),
      ev(15, "fault.restart", {{"fault", 2}, {"host", "n1"}}),
      ev(20, "fault.degrade", {{"fault", 6}, {"link", "nic:n2"}, {"loss", 0.5}}),
  };
  const auto hits = fault_hits(events);
  ASSERT_EQ(hits.size(), 7u);
  const std::vector<std::pair<std::string, std::string>> want{
      {"pause", "starting"},        {"slow-link", "steady"},
      {"crash", "another fault"},   {"one-way-partition", "failover"},
      {"link-cut", "fencing"},      {"fence-device-failure", "split brain"},
      {"lossy-link", "steady"}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(hits[i].kind, want[i].first) << i;
    EXPECT_EQ(hits[i].state, want[i].second) << i;
  }
  FaultCoverage coverage;
  for (const auto& h : hits) coverage.add(h);
  EXPECT_EQ(coverage.count("crash", "another fault"), 1u);
  EXPECT_EQ(coverage.count("crash", "steady"), 0u);
  const std::string table = coverage.table({"crash", "pause"});
  EXPECT_NE(table.find("Never tried (10 of 12)"), std::string::npos) << table;
  EXPECT_NE(table.find("crash during steady"), std::string::npos);
  EXPECT_EQ(table.find("pause during starting"), std::string::npos);
  EXPECT_EQ(coverage.to_json({"crash"})["crash"]["another fault"], 1);
}

}  // namespace
}  // namespace halab
