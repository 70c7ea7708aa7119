#include "sim/fault/drawn_failures.hpp"

#include "sim/scenario/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>


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
    if (both[i].until) {
      EXPECT_DOUBLE_EQ((*both[i].until - both[i].at).to_seconds(), 30);
    }
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

// A process of pauses on a host that also crashes draws on a stream of its own: the host's
// crashes stay as they were, and every pause ends (at the run's end at the latest).
TEST(DrawnFailures, PausesDrawnBesideCrashesLeaveTheCrashesAlone) {
  Scenario s = pair_under_failures();
  const auto crashes = drawn_failures(s, 4);
  FailureProcessSpec pauses;
  pauses.hosts = {"n1"};
  pauses.time_to_failure = {Lifetime::Distribution::exponential, 300};
  pauses.time_to_repair = {Lifetime::Distribution::fixed, 2};
  pauses.faults = {{FaultSpec::Kind::pause, 1.0}};
  pauses.stream = "pause";
  s.failures.push_back(pauses);
  const auto both = drawn_failures(s, 4);
  ASSERT_GT(both.size(), crashes.size() + 100);
  for (std::size_t i = 0; i < crashes.size(); ++i) {
    EXPECT_EQ(both[i].at, crashes[i].at);
    EXPECT_EQ(both[i].kind, FaultSpec::Kind::crash);
  }
  for (std::size_t i = crashes.size(); i < both.size(); ++i) {
    EXPECT_EQ(both[i].kind, FaultSpec::Kind::pause);
    ASSERT_TRUE(both[i].until);
    EXPECT_LE((*both[i].until - both[i].at).to_seconds(), 2);
  }
}

// The outage mix (docs/concepts.md, 11) on the databases: each failure's kind drawn by its
// weight; the slow ones carry the process's factor; a table dropped while a drop of it is
// not restored yet is left out, so no two drops of one table overlap.
TEST(DrawnFailures, TheOutageMixDrawsEachKindByItsWeight) {
  auto loaded = load_scenario_file(std::string(HALAB_SCENARIO_DIR) + "/avail-db-outage-mix.json");
  ASSERT_TRUE(loaded.scenario);
  Scenario s = *loaded.scenario;
  s.duration = Duration::seconds(4e6);  // ~3,800 failures: shares to about ±0.02 (3 SE)
  const auto faults = drawn_failures(s, 2);
  std::map<FaultSpec::Kind, double> count;
  std::vector<const FaultSpec*> drops;
  for (const FaultSpec& f : faults) {
    ++count[f.kind];
    if (f.kind == FaultSpec::Kind::slow) {
      EXPECT_EQ(f.factor, 2000);
    }
    if (f.kind == FaultSpec::Kind::operator_error) {
      EXPECT_EQ(f.tier, "db");
      drops.push_back(&f);
    }
  }
  const double n = static_cast<double>(faults.size());
  ASSERT_GT(n, 3000);
  EXPECT_NEAR(count[FaultSpec::Kind::disk_full] / n, 0.35, 0.025);
  EXPECT_NEAR(count[FaultSpec::Kind::slow] / n, 0.35, 0.025);
  EXPECT_NEAR(count[FaultSpec::Kind::replication_broken] / n, 0.20, 0.02);
  EXPECT_NEAR(count[FaultSpec::Kind::operator_error] / n, 0.10, 0.015);
  std::sort(drops.begin(), drops.end(), [](const FaultSpec* a, const FaultSpec* b) { return a->at < b->at; });
  for (std::size_t i = 1; i < drops.size(); ++i) EXPECT_GE(drops[i]->at, *drops[i - 1]->until);
}

}  // namespace
}  // namespace halab
