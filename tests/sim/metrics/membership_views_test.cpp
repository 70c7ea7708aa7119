// Membership figures from hand-written member.* episodes and the faults around them.
#include "sim/metrics/membership_views.hpp"

#include "sim/metrics/summary.hpp"
#include "tests/sim/metrics/trace_event.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

using test::event;

TraceEvent start() {
  return event(0, "run.start",
               {{"services", {{{"name", "gossip"}, {"manager", "memberlist"}, {"members", {"m1", "m2", "m3", "m4"}}},
                              {{"name", "web"}, {"vip", "10.0.0.80"}, {"manager", "keepalived"}, {"members", {"n1", "n2"}}}}}});
}

}  // namespace

TEST(MembershipViews, ACrashIsTimedToItsFirstDeclarationAndToAllOfThem) {
  MembershipViews v;
  for (const TraceEvent& e : {start(), event(10, "fault.crash", {{"fault", 0}, {"host", "m2"}}),
                              event(12, "member.suspect", {{"node", "m2"}, {"by", "m1"}}),
                              event(16.5, "member.dead", {{"node", "m2"}, {"by", "m1"}}),
                              event(17, "member.dead_everywhere", {{"node", "m2"}, {"members", 3}}),
                              event(30, "fault.crash", {{"fault", 1}, {"host", "n1"}})})
    v.observe(e);
  auto figures = v.finish();
  ASSERT_EQ(figures.size(), 1u) << "only the memberlist service";
  const MembershipFigures& f = figures.at("gossip");
  EXPECT_EQ(f.crashes, 1u);
  EXPECT_EQ(f.detected, 1u);
  EXPECT_DOUBLE_EQ(*f.max_detection_s, 6.5);
  EXPECT_DOUBLE_EQ(*f.max_convergence_s, 7);
  EXPECT_EQ(f.false_deaths, 0u);
  EXPECT_EQ(f.apart_at_end, 0u) << "a crashed member held dead is not apart";
}

TEST(MembershipViews, ALiveMemberDeclaredDeadIsAFalseDeathUntilItIsAliveAgain) {
  MembershipViews v;
  for (const TraceEvent& e : {start(), event(5, "fault.partition", {{"fault", 0}}),
                              event(8, "member.dead", {{"node", "m3"}, {"by", "m1"}}),
                              event(9, "member.dead", {{"node", "m4"}, {"by", "m1"}}),
                              event(20, "member.alive", {{"node", "m3"}, {"peak_dead", 2}})})
    v.observe(e);
  const MembershipFigures f = v.finish().at("gossip");
  EXPECT_EQ(f.false_deaths, 2u);
  EXPECT_EQ(f.apart_at_end, 1u) << "m4 is still held dead";
  EXPECT_EQ(f.crashes, 0u);
  EXPECT_FALSE(f.max_detection_s.has_value());
}

TEST(MembershipViews, ACrashUndetectedBeforeTheRestartIsNotTimed) {
  MembershipViews v;
  for (const TraceEvent& e : {start(), event(10, "fault.crash", {{"fault", 0}, {"host", "m2"}}),
                              event(11, "fault.restart", {{"fault", 0}, {"host", "m2"}}),
                              event(14, "member.suspect", {{"node", "m2"}, {"by", "m1"}}),
                              event(18, "member.dead", {{"node", "m2"}, {"by", "m1"}})})
    v.observe(e);
  const MembershipFigures f = v.finish().at("gossip");
  EXPECT_EQ(f.crashes, 1u);
  EXPECT_EQ(f.detected, 0u);
  EXPECT_EQ(f.false_deaths, 1u) << "declared dead after it came back";
}

TEST(MembershipViews, TheSummaryCarriesThemAndOnlyWithAMemberlistService) {
  std::vector<TraceEvent> trace{start(), event(10, "fault.crash", {{"fault", 0}, {"host", "m2"}}),
                                event(16, "member.dead", {{"node", "m2"}, {"by", "m1"}}), event(20, "run.end")};
  nlohmann::ordered_json j = summarize(trace).to_json();
  EXPECT_EQ(j["membership"]["gossip"]["detected"], 1);
  EXPECT_TRUE(j["membership"]["gossip"]["max_convergence_s"].is_null());
  EXPECT_TRUE(j["services"].contains("web"));
  EXPECT_FALSE(j["services"].contains("gossip")) << "no floating IP: no IP figures";
  trace[0]["services"].erase(0);
  EXPECT_FALSE(summarize(trace).to_json().contains("membership"));
}

}  // namespace halab
