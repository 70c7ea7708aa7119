#include "models/availability/active_passive.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace halab {
namespace {

constexpr double kHour = 3600;

// A perfect, instant failover is a parallel pair with one repair crew.
TEST(ActivePassive, APerfectInstantFailoverIsAPairWithOneCrew) {
  const double mttf = 1000 * kHour, mttr = 10 * kHour;
  const Availability ap = active_passive({mttf, mttr, 0, 0, 1, 0});
  const Availability pair = k_out_of_n({2, 1, 1, mttf, mttr});
  EXPECT_NEAR(ap.unavailability / pair.unavailability, 1, 1e-12);
  EXPECT_NEAR(ap.failures_per_s / pair.failures_per_s, 1, 1e-12);
}

// When failures are rare, each costs its switchover (covered) or its manual recovery
// (uncovered): U ≈ (λ (c·(detect + switchover) + (1 − c)·manual) + the pair's own 2ρ²)
// × P(both up) ≈ 1 / (1 + 2ρ), ρ = MTTR / MTTF.
TEST(ActivePassive, RareFailuresCostTheirSwitchoverOrTheirManualRecovery) {
  const double mttf = 8760 * kHour, mttr = 4 * kHour;
  const double detect = 3, switchover = 7, coverage = 0.95, manual = 1800;
  const Availability a = active_passive({mttf, mttr, detect, switchover, coverage, manual});
  const double rho = mttr / mttf;
  const double expected = ((coverage * (detect + switchover) + (1 - coverage) * manual) / mttf + 2 * rho * rho) / (1 + 2 * rho);
  EXPECT_NEAR(a.unavailability / expected, 1, 1e-3);
  // Every active failure is an outage; a standby's only when the other is down.
  EXPECT_NEAR(a.failures_per_s * mttf, 1, 1e-3);
}

TEST(ActivePassive, LowerCoverageOrSlowerDetectionCostsAvailability) {
  const double mttf = 2000 * kHour, mttr = 8 * kHour;
  const double base = active_passive({mttf, mttr, 5, 5, 0.99, 3600}).unavailability;
  EXPECT_GT(active_passive({mttf, mttr, 5, 5, 0.9, 3600}).unavailability, base);
  EXPECT_GT(active_passive({mttf, mttr, 30, 5, 0.99, 3600}).unavailability, base);
  EXPECT_LT(active_passive({mttf, mttr, 5, 5, 1, 0}).unavailability, base);
}

// The chain's balance equations solved by hand, with B both up, O one up, S switching, M
// manual, D both down (B = 1): O = 2λ/μ, S = λc/(β + λ), M = λ(1 − c)/(α + λ),
// D = λ(O + S + M)/μ, where β = 1/(detect + switchover) and α = 1/manual.
TEST(ActivePassive, MatchesTheBalanceEquationsSolvedByHand) {
  const double mttf = 2000 * kHour, mttr = 8 * kHour, manual = 3600;
  for (double coverage : {0.0, 0.5, 0.95}) {
    const double l = 1 / mttf, mu = 1 / mttr, beta = 1 / 10.0, alpha = 1 / manual;
    const double o = 2 * l / mu, sw = l * coverage / (beta + l), m = l * (1 - coverage) / (alpha + l);
    const double d = l * (o + sw + m) / mu;
    const double u = (sw + m + d) / (1 + o + sw + m + d);
    const Availability a = active_passive({mttf, mttr, 4, 6, coverage, manual});
    EXPECT_NEAR(a.unavailability / u, 1, 1e-12) << "coverage " << coverage;
    EXPECT_NEAR(a.failures_per_s / ((o * l + l * coverage + l * (1 - coverage)) / (1 + o + sw + m + d)), 1, 1e-12);
  }
}

TEST(ActivePassive, RefusesImpossibleParameters) {
  EXPECT_THROW(active_passive({0, 1, 0, 0, 1, 0}), std::invalid_argument);
  EXPECT_THROW(active_passive({1, 1, -1, 0, 1, 0}), std::invalid_argument);
  EXPECT_THROW(active_passive({1, 1, 0, 0, 1.5, 0}), std::invalid_argument);
  EXPECT_THROW(active_passive({1, 1, 0, 0, 0.5, 0}), std::invalid_argument);  // uncovered, no manual time
}

}  // namespace
}  // namespace halab
