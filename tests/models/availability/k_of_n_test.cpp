#include "models/availability/k_of_n.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace halab {
namespace {

constexpr double kHour = 3600;

// One component: A = MTTF / (MTTF + MTTR), a failure every MTTF + MTTR on average.
TEST(KOutOfN, OneComponentIsMttfOverMttfPlusMttr) {
  const Availability a = k_out_of_n({1, 1, 1, 1000 * kHour, 10 * kHour});
  EXPECT_NEAR(a.availability, 1000.0 / 1010.0, 1e-15);
  EXPECT_NEAR(a.unavailability, 10.0 / 1010.0, 1e-15);
  EXPECT_NEAR(a.failures_per_s * 1010 * kHour, 1, 1e-12);
  EXPECT_NEAR(a.mean_up_s / kHour, 1000, 1e-9);
  EXPECT_NEAR(a.mean_down_s / kHour, 10, 1e-9);
}

// Two independent components (a crew each), one needed: U = (MTTR / (MTTF + MTTR))², to
// the last digit at ten nines of availability.
TEST(KOutOfN, ParallelPairWithACrewEachIsTheSquareOfOne) {
  const double mttf = 1e6 * kHour, mttr = 1 * kHour;
  const Availability a = k_out_of_n({2, 1, 2, mttf, mttr});
  const double u1 = mttr / (mttf + mttr);
  EXPECT_NEAR(a.unavailability / (u1 * u1), 1, 1e-12);
  EXPECT_NEAR(parallel_unavailability({u1, u1}) / (u1 * u1), 1, 1e-15);
}

// One crew for two: the second failure waits, so the pair is down longer: π₂ = 2ρ²/(1 + 2ρ + 2ρ²).
TEST(KOutOfN, OneCrewForTwoMatchesTheBirthDeathProductForm) {
  const double mttf = 500 * kHour, mttr = 8 * kHour, rho = mttr / mttf;
  const Availability a = k_out_of_n({2, 1, 1, mttf, mttr});
  EXPECT_NEAR(a.unavailability / (2 * rho * rho / (1 + 2 * rho + 2 * rho * rho)), 1, 1e-12);
  // Leaving state 1 (the last up) for state 2 at rate λ; a down spell lasts one repair.
  EXPECT_NEAR(a.mean_down_s / mttr, 1, 1e-12);
}

// 2-out-of-3 (N+1 with N = 2), one crew: down with two or three failed.
TEST(KOutOfN, TwoOutOfThreeWithOneCrew) {
  const double mttf = 2000 * kHour, mttr = 24 * kHour, rho = mttr / mttf;
  const Availability a = k_out_of_n({3, 2, 1, mttf, mttr});
  const double norm = 1 + 3 * rho + 6 * rho * rho + 6 * rho * rho * rho;
  EXPECT_NEAR(a.unavailability / ((6 * rho * rho + 6 * rho * rho * rho) / norm), 1, 1e-12);
  EXPECT_NEAR(a.failures_per_s / ((3 * rho / norm) * 2 / mttf), 1, 1e-12);
}

// Thousands of independent components (a crew each), all needed: A = (MTTF/(MTTF+MTTR))ⁿ,
// while most states' probabilities are far below the smallest double.
TEST(KOutOfN, ThousandsOfComponentsNeitherOverflowNorUnderflow) {
  const double mttf = 1e4 * kHour, mttr = 1 * kHour;
  const Availability a = k_out_of_n({5000, 5000, 5000, mttf, mttr});
  EXPECT_NEAR(a.availability / std::pow(mttf / (mttf + mttr), 5000), 1, 1e-10);
}

TEST(KOutOfN, SeriesKeepsFiveNinesDigits) {
  const double u = series_unavailability({1e-6, 2e-6});
  EXPECT_NEAR(u / (3e-6 - 2e-12), 1, 1e-12);
  EXPECT_EQ(series_unavailability({}), 0);
  EXPECT_EQ(parallel_unavailability({0.5, 0}), 0);
}

TEST(KOutOfN, RefusesImpossibleSystems) {
  EXPECT_THROW(k_out_of_n({0, 1, 1, 1, 1}), std::invalid_argument);
  EXPECT_THROW(k_out_of_n({2, 3, 1, 1, 1}), std::invalid_argument);
  EXPECT_THROW(k_out_of_n({2, 1, 0, 1, 1}), std::invalid_argument);
  EXPECT_THROW(k_out_of_n({1, 1, 1, 0, 1}), std::invalid_argument);
  EXPECT_THROW(k_out_of_n({1, 1, 1, 1, -1}), std::invalid_argument);
  EXPECT_THROW(series_unavailability({1.5}), std::invalid_argument);
  EXPECT_THROW(parallel_unavailability({-0.1}), std::invalid_argument);
}

}  // namespace
}  // namespace halab
