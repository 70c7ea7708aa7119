// The scheduler's own checks of what it is given, and its arithmetic at the edges of the
// range: what Pacemaker's schema refuses is refused (ConfigError), and values past the
// range saturate as Pacemaker's parsers do instead of overflowing.
#include "models/placement/scheduler.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace halab::placement {
namespace {

ClusterState one_node() {
  ClusterState s;
  s.properties["stonith-enabled"] = "false";
  s.nodes.push_back({"n1", NodeState::online, {}, false});
  return s;
}

Resource primitive(const std::string& id) { return {id, ResourceKind::primitive, false, "ocf", {}, {}}; }

std::string refusal(const ClusterState& s) {
  try {
    check_configuration(s);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(SchedulerInput, RefusesAnEmptyGroup) {
  ClusterState s = one_node();
  s.resources.push_back({"G", ResourceKind::group, false, "ocf", {}, {}});
  EXPECT_EQ(refusal(s), "group G has no members");
}

TEST(SchedulerInput, RefusesDuplicateIdsAndUnnamedNodes) {
  ClusterState s = one_node();
  s.resources = {primitive("A"), primitive("A")};
  EXPECT_EQ(refusal(s), "resource id A is used twice");
  s = one_node();
  s.nodes.push_back({"n1", NodeState::online, {}, false});
  EXPECT_EQ(refusal(s), "node n1 is listed twice");
  s.nodes.back().name = "";
  EXPECT_EQ(refusal(s), "a node has no name");
}

TEST(SchedulerInput, RefusesBadMetaAttributesBeforeScheduling) {
  ClusterState s = one_node();
  s.resources.push_back(primitive("A"));
  s.resources.back().meta["resource-stickiness"] = "abc";
  EXPECT_EQ(refusal(s), "resource A resource-stickiness: expected an integer, found \"abc\"");
}

TEST(SchedulerInput, CloneMaxHasAStatedLimit) {
  ClusterState s = one_node();
  s.resources.push_back({"C", ResourceKind::clone, false, "ocf", {{"clone-max", "INFINITY"}}, {primitive("A")}});
  EXPECT_EQ(refusal(s), "resource C clone-max: 1000000 instances is above the lab's limit of 10000");
  s.resources.back().meta["clone-max"] = "3";
  EXPECT_EQ(refusal(s), "");
}

// Pacemaker ignores these with a configuration error; the lab refuses them (found by fuzzing:
// a self-ordered group aborted the CRM).
TEST(SchedulerInput, RefusesSelfOrderAndSelfColocation) {
  ClusterState s = one_node();
  s.resources = {primitive("A")};
  s.orders.push_back({"o", "A", "A", "start", "start", OrderKind::mandatory, true});
  EXPECT_EQ(refusal(s), "order o: A cannot be ordered after itself");
  s.orders.clear();
  s.colocations.push_back({"c", "A", "A", kInfinity, Role::unknown, Role::unknown, "#uname", true});
  EXPECT_EQ(refusal(s), "colocation c: A cannot be colocated with itself");
}

TEST(SchedulerInput, IntervalsSaturate) {
  constexpr long long max = std::numeric_limits<long long>::max();
  EXPECT_EQ(parse_interval_seconds("9223372036854775807h"), max);
  EXPECT_EQ(parse_interval_seconds("-9223372036854775807min"), std::numeric_limits<long long>::min());
  EXPECT_EQ(parse_interval_seconds("2h"), 7200);
}

// A failure at the end of the range never expires, rather than wrapping into the past.
TEST(SchedulerInput, FailureTimeoutPastTheRangeNeverExpires) {
  ClusterState s = one_node();
  s.now = 1000;
  s.resources.push_back(primitive("A"));
  s.resources.back().meta["failure-timeout"] = "60";
  s.resources.back().meta["migration-threshold"] = "1";
  s.failcounts.push_back({"A", "n1", 1, std::numeric_limits<long long>::max()});
  const Schedule out = schedule(s);
  ASSERT_EQ(out.assignments.size(), 1u);
  EXPECT_EQ(out.assignments[0].node, "");  // banned by the fail count, which has not expired
}

// Version components beyond the range compare as LONG_MAX (strtol's saturation).
TEST(SchedulerInput, VersionComponentsSaturate) {
  ClusterState s = one_node();
  s.nodes[0].attributes["ver"] = "99999999999999999999";
  s.resources.push_back(primitive("A"));
  LocationConstraint lc{"l", "A", std::nullopt, 0, {}, Role::unknown};
  lc.rules.push_back({-kInfinity, std::nullopt, false, {{"ver", "gt", "1", "version"}}});
  s.locations.push_back(lc);
  const Schedule out = schedule(s);
  ASSERT_EQ(out.assignments.size(), 1u);
  EXPECT_EQ(out.assignments[0].node, "");  // the rule matched: huge > 1
}

}  // namespace halab::placement
