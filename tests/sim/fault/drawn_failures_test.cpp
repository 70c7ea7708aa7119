#include "sim/fault/drawn_failures.hpp"

#include "sim/scenario/loader.hpp"

#include <gtest/gtest.h>


namespace halab {
namespace {

Scenario pair_under_failures() {
  const auto loaded = load_scenario_file(std::string(HALAB_SCENARIO_DIR) + "/avail-pair-failure-process.json");
  EXPECT_TRUE(loaded.scenario);
  return *loaded.scenario;
}

// Up for a time to failure, down for a time to repair, over and over until the end: the
// crashes of a host alternate with its restarts and never overlap.
TEST(DrawnFailures, AlternateUpAndDownUntilTheEnd) {
  const Scenario s = pair_under_failures();
  const auto crashes = drawn_failures(s, 3);
  ASSERT_GT(crashes.size(), 60u);  // 2 hosts × 50,000 s / 1,010 s ≈ 99
  double last_restart = 0, down = 0;
  std::string host;
  for (const FaultSpec& c : crashes) {
    EXPECT_EQ(c.kind, FaultSpec::Kind::crash);
    if (c.host != host) last_restart = 0, host = c.host;
    EXPECT_GE(c.at.to_seconds(), last_restart);
    EXPECT_LT(c.at.to_seconds(), s.duration.to_seconds());
    if (c.until) {
      down += (*c.until - c.at).to_seconds();
      last_restart = c.until->to_seconds();
    } else {
      last_restart = s.duration.to_seconds();
    }
  }
  // About 10 s down per crash (exponential: a loose check on the mean; the unit tests of
  // Lifetime check the draws themselves).
  EXPECT_NEAR(down / static_cast<double>(crashes.size()), 10, 3);
}

// A host's failures depend on the seed and its own process alone: removing the other host
// from the process leaves them as they were (common random numbers across variants).
TEST(DrawnFailures, AHostsFailuresDoNotDependOnTheOthers) {
  Scenario s = pair_under_failures();
  const auto both = drawn_failures(s, 5);
  s.failures.front().hosts = {"n2"};
  const auto alone = drawn_failures(s, 5);
  std::vector<FaultSpec> n2;
  for (const FaultSpec& c : both)
    if (c.host == "n2") n2.push_back(c);
  ASSERT_EQ(n2.size(), alone.size());
  for (std::size_t i = 0; i < n2.size(); ++i) {
    EXPECT_EQ(n2[i].at, alone[i].at);
    EXPECT_EQ(n2[i].until, alone[i].until);
  }
  EXPECT_NE(drawn_failures(s, 6).front().at, alone.front().at);
}

// A site's process draws site-down faults on a stream of its own: the hosts' crashes are
// the same with or without it.
TEST(DrawnFailures, ASiteFailsAsAWholeOnItsOwnStream) {
  Scenario s = pair_under_failures();
  const auto hosts_only = drawn_failures(s, 9);
  FailureProcessSpec sites;
  sites.sites = {"dc1"};
  sites.time_to_failure = {Lifetime::Distribution::exponential, 5000};
  sites.time_to_repair = {Lifetime::Distribution::fixed, 30};
  s.failures.push_back(sites);
  const auto both = drawn_failures(s, 9);
  ASSERT_GT(both.size(), hosts_only.size());
  for (std::size_t i = 0; i < hosts_only.size(); ++i) EXPECT_EQ(both[i].at, hosts_only[i].at);
  for (std::size_t i = hosts_only.size(); i < both.size(); ++i) {
    EXPECT_EQ(both[i].kind, FaultSpec::Kind::site_down);
    EXPECT_EQ(both[i].site, "dc1");
    if (both[i].until) EXPECT_DOUBLE_EQ((*both[i].until - both[i].at).to_seconds(), 30);
  }
}

TEST(DrawnFailures, AreAppendedAfterTheScenariosOwnFaults) {
  Scenario s = pair_under_failures();
  FaultSpec partition;
  partition.kind = FaultSpec::Kind::partition;
  s.faults.push_back(partition);
  const Scenario drawn = with_drawn_failures(s, 1);
  EXPECT_EQ(drawn.faults.front().kind, FaultSpec::Kind::partition);
  EXPECT_EQ(drawn.faults.size(), 1 + drawn_failures(s, 1).size());
}

}  // namespace
}  // namespace halab
