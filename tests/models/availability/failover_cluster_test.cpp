#include "models/availability/failover_cluster.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <tuple>

namespace halab {
namespace {

constexpr double kHour = 3600;
using Layout = FailoverClusterSpec::Layout;

FailoverClusterSpec pair(double mttf, double mttr) {
  FailoverClusterSpec s;
  s.workloads = s.spares = 1;
  s.mttf_s = mttf;
  s.mttr_s = mttr;
  return s;
}

// Instant, fully covered failover without failback: the chain lumps to k-out-of-n (N of
// N + M), whatever the layout, crews or sizes.
TEST(FailoverCluster, AnInstantFailoverIsKOutOfN) {
  for (Layout layout : {Layout::standby, Layout::all_active})
    for (auto [n, m, crews] : {std::tuple{1, 1, 1}, {3, 1, 1}, {4, 2, 1}, {4, 2, 6}, {2, 3, 2}}) {
      FailoverClusterSpec s = pair(500 * kHour, 20 * kHour);
      s.layout = layout;
      s.workloads = n;
      s.spares = m;
      s.crews = crews;
      const Availability f = failover_cluster(s);
      const Availability k = k_out_of_n({n + m, n, crews, s.mttf_s, s.mttr_s});
      EXPECT_NEAR(f.unavailability / k.unavailability, 1, 1e-9) << n << "+" << m << " crews " << crews;
      EXPECT_NEAR(f.failures_per_s / k.failures_per_s, 1, 1e-9) << n << "+" << m << " crews " << crews;
    }
}

// Active/passive (1+1) with rare failures: each active failure costs its switchover
// (covered) or its manual recovery (uncovered), and both nodes down adds the pair's own
// 2ρ², ρ = MTTR / MTTF: U ≈ (λ (c·(detect + switchover) + (1 − c)·manual) + 2ρ²) / (1 + 2ρ).
TEST(FailoverCluster, RareFailuresCostTheirSwitchoverOrTheirManualRecovery) {
  FailoverClusterSpec s = pair(8760 * kHour, 4 * kHour);
  s.detect_s = 3;
  s.switchover_s = 7;
  s.coverage = 0.95;
  s.manual_s = 1800;
  const Availability a = failover_cluster(s);
  const double rho = s.mttr_s / s.mttf_s;
  const double expected = ((s.coverage * 10 + (1 - s.coverage) * s.manual_s) / s.mttf_s + 2 * rho * rho) / (1 + 2 * rho);
  EXPECT_NEAR(a.unavailability / expected, 1, 1e-3);
  // Every active failure is an outage (and a failover); a standby's only when the other is down.
  EXPECT_NEAR(a.failures_per_s * s.mttf_s, 1, 1e-3);
  EXPECT_NEAR(a.failovers_per_s * s.mttf_s, 1, 1e-3);
}

// The repair that ends a spell with both nodes down restores the workload in restore_s,
// by default detection + switchover: each such spell (P(both) · 2μ of them per second, a
// crew per node) costs its restoration.
TEST(FailoverCluster, ARepairAfterBothWereDownTakesItsRestoration) {
  FailoverClusterSpec s = pair(3000, 150);
  s.crews = 2;
  s.detect_s = 3;
  s.switchover_s = 9;
  const double by_default = failover_cluster(s).unavailability;
  s.restore_s = 12;
  EXPECT_DOUBLE_EQ(failover_cluster(s).unavailability, by_default);
  s.restore_s = 0;
  const double instant = failover_cluster(s).unavailability;
  const double both = std::pow(150.0 / 3150, 2);
  EXPECT_NEAR((by_default - instant) / (both * 2 / 150 * 12), 1, 0.02);
  s.restore_s = -1;
  EXPECT_THROW(failover_cluster(s), std::invalid_argument);
}

// N-to-1: each repair returns a workload to its node, another outage of failback_s; N+M
// without failback does not pay it.
TEST(FailoverCluster, FailbackCostsAnOutagePerRepair) {
  FailoverClusterSpec s = pair(2000 * kHour, 8 * kHour);
  s.workloads = 4;
  s.detect_s = 4;
  s.switchover_s = 6;
  const double without = failover_cluster(s).unavailability;
  s.failback_s = 5;
  const Availability with = failover_cluster(s);
  // About N λ failback_s more (each of N workload nodes fails at λ, its repair fails
  // back), weighted by the share of time all five nodes are up, ≈ 1 / (1 + 5ρ).
  const double rho = s.mttr_s / s.mttf_s;
  EXPECT_NEAR((with.unavailability - without) / (4 * 5 / s.mttf_s / (1 + 5 * rho)), 1, 0.005);
  EXPECT_NEAR(with.failures_per_s * s.mttf_s / 8, 1, 0.02);  // two outages per failure
}

// N-to-N: every node carries load, so every failure moves a share: n λ (detect +
// switchover), where N+M's idle standbys fail without an outage.
TEST(FailoverCluster, AllActiveNodesFailOverOnEveryFailure) {
  FailoverClusterSpec s = pair(4000 * kHour, 4 * kHour);
  s.workloads = 3;
  s.spares = 1;
  s.detect_s = 2;
  s.switchover_s = 3;
  s.layout = Layout::all_active;
  const Availability all = failover_cluster(s);
  EXPECT_NEAR(all.failovers_per_s * s.mttf_s / 4, 1, 0.01);
  s.layout = Layout::standby;
  const Availability standby = failover_cluster(s);
  EXPECT_NEAR(standby.failovers_per_s * s.mttf_s / 3, 1, 0.01);
  const double capacity = k_out_of_n({4, 3, 1, s.mttf_s, s.mttr_s}).unavailability;
  EXPECT_NEAR((all.unavailability - capacity) / (4 * 5 / s.mttf_s), 1, 0.01);
  EXPECT_NEAR((standby.unavailability - capacity) / (3 * 5 / s.mttf_s), 1, 0.01);
}

TEST(FailoverCluster, LowerCoverageOrSlowerDetectionCostsAvailability) {
  FailoverClusterSpec s = pair(2000 * kHour, 8 * kHour);
  s.detect_s = s.switchover_s = 5;
  s.coverage = 0.99;
  s.manual_s = 3600;
  const double base = failover_cluster(s).unavailability;
  FailoverClusterSpec worse = s;
  worse.coverage = 0.9;
  EXPECT_GT(failover_cluster(worse).unavailability, base);
  worse = s;
  worse.detect_s = 30;
  EXPECT_GT(failover_cluster(worse).unavailability, base);
  FailoverClusterSpec better = s;
  better.coverage = 1;
  EXPECT_LT(failover_cluster(better).unavailability, base);
}

// Five nines and beyond keep their digits: no 1 − A subtraction anywhere.
TEST(FailoverCluster, TinyUnavailabilitiesKeepTheirPrecision) {
  FailoverClusterSpec s = pair(1e6 * kHour, 1 * kHour);
  s.workloads = 2;
  s.spares = 2;
  const double u = failover_cluster(s).unavailability;
  const double k = k_out_of_n({4, 2, 1, s.mttf_s, s.mttr_s}).unavailability;
  EXPECT_GT(u, 0);
  EXPECT_LT(u, 1e-15);
  EXPECT_NEAR(u / k, 1, 1e-9);
}

TEST(FailoverCluster, RefusesImpossibleParametersAndChainsTooLargeToSolve) {
  const auto refused = [](auto change) {
    FailoverClusterSpec s = pair(1000, 10);
    change(s);
    EXPECT_THROW(failover_cluster(s), std::invalid_argument);
  };
  refused([](auto& s) { s.mttf_s = 0; });
  refused([](auto& s) { s.mttr_s = -1; });
  refused([](auto& s) { s.detect_s = -1; });
  refused([](auto& s) { s.failback_s = INFINITY; });
  refused([](auto& s) { s.coverage = 1.5; });
  refused([](auto& s) { s.coverage = 0.5; });  // uncovered, no manual time
  refused([](auto& s) { s.workloads = 0; });
  refused([](auto& s) { s.spares = -1; });
  refused([](auto& s) { s.crews = 0; });
  FailoverClusterSpec large = pair(1000, 10);
  large.workloads = 400;
  large.spares = 4;
  large.detect_s = 1;
  EXPECT_THROW(failover_cluster(large), ChainTooLarge);
}

}  // namespace
}  // namespace halab
