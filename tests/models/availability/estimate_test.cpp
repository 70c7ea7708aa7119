#include "models/availability/estimate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace halab {
namespace {

TEST(Estimate, MeanSdAndTheStudentInterval) {
  const Estimate e = estimate({1, 2, 3, 4, 5});
  EXPECT_EQ(e.n, 5u);
  EXPECT_DOUBLE_EQ(e.mean, 3);
  EXPECT_DOUBLE_EQ(e.sd, std::sqrt(2.5));
  EXPECT_NEAR(e.half_width, 2.776 * std::sqrt(2.5) / std::sqrt(5.0), 1e-12);
}

TEST(Estimate, OneSampleHasNoInterval) {
  const Estimate e = estimate({0.5});
  EXPECT_DOUBLE_EQ(e.mean, 0.5);
  EXPECT_TRUE(std::isinf(e.half_width));
  EXPECT_EQ(estimate({}).n, 0u);
}

// The expansion beyond the table meets its last entry and tends to the normal 1.96.
TEST(Estimate, StudentQuantilesBeyondTheTable) {
  EXPECT_NEAR(student_t_975(30), 2.042, 1e-9);
  EXPECT_NEAR(student_t_975(31), 2.0395, 2e-4);
  EXPECT_NEAR(student_t_975(60), 2.0003, 2e-4);
  EXPECT_NEAR(student_t_975(120), 1.9799, 2e-4);
  EXPECT_NEAR(student_t_975(1000000), 1.95996, 1e-4);
}

// One stratum is the plain ratio estimator. Cycles of length 10 with 1 down and of length
// 30 with 2: 3 down in 40; zᵢ = yᵢ − r·xᵢ = (0.25, −0.25), s_z = √0.125, x̄ = 20.
TEST(Estimate, ARatioOfMeansAndItsInterval) {
  const Estimate e = stratified_ratio_estimate({{1, {1, 2}, {10, 30}}});
  EXPECT_DOUBLE_EQ(e.mean, 0.075);
  EXPECT_NEAR(e.sd, std::sqrt(0.125) / std::sqrt(2.0) / 20, 1e-15);
  EXPECT_NEAR(e.half_width, 12.706 * e.sd, 1e-15);
  EXPECT_THROW(stratified_ratio_estimate({{1, {1}, {1, 2}}}), std::invalid_argument);
}

// Strata weighted by their known shares: a stratum sampled ten times as often as its
// weight says counts by its weight, not its samples; a stratum with no spread adds none.
TEST(Estimate, StrataCountByTheirWeights) {
  const Estimate e = stratified_ratio_estimate({{0.5, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}},
                                                {0.5, {4, 6}, {10, 10}}});
  EXPECT_DOUBLE_EQ(e.mean, 2.5 / 10);  // (0.5·0 + 0.5·5) / 10
  // z = y − 0.25·10: stratum 1 all −2.5 (no spread); stratum 2 (1.5, 3.5): s² = 2.
  EXPECT_NEAR(e.sd, std::sqrt(0.25 * 2 / 2) / 10, 1e-15);
  EXPECT_NEAR(e.half_width, 2.228 * e.sd, 1e-15);  // t with 12 − 2 = 10 degrees of freedom
  EXPECT_THROW(stratified_ratio_estimate({{0.5, {1}, {1}}, {0.5, {}, {}}}), std::invalid_argument);
  EXPECT_TRUE(std::isinf(stratified_ratio_estimate({{0.5, {1}, {1}}, {0.5, {1, 2}, {1, 2}}}).half_width));
}

// The same cycles, the second variant down 1 s longer in each: the difference is exact,
// its interval nil; an unpaired one would carry both variants' spread.
TEST(Estimate, PairedDifferencesCancelWhatTheVariantsShare) {
  const std::vector<Stratum> a{{0.5, {1, 3, 2}, {10, 10, 10}}, {0.5, {0, 0, 4}, {10, 10, 10}}};
  std::vector<Stratum> b = a;
  for (Stratum& s : b)
    for (double& y : s.y) y += 1;
  const Estimate d = paired_ratio_difference(a, b);
  EXPECT_NEAR(d.mean, 0.1, 1e-15);
  EXPECT_NEAR(d.half_width, 0, 1e-15);
  EXPECT_GT(stratified_ratio_estimate(a).half_width, 0.05);
  b.pop_back();
  EXPECT_THROW(paired_ratio_difference(a, b), std::invalid_argument);
}

// y = 1 + 2c exactly: the control removes all spread, and the mean moves to what c's known
// mean says. With noise: the hand-worked regression.
TEST(Estimate, AControlVariateCorrectsTheMeanAndNarrowsTheInterval) {
  const Estimate exact = control_variate_estimate({3, 5, 9}, {1, 2, 4}, 2);
  EXPECT_NEAR(exact.mean, 5, 1e-12);  // ȳ = 17/3, c̄ = 7/3: 17/3 − 2·(7/3 − 2)
  EXPECT_NEAR(exact.sd, 0, 1e-12);
  // c = (0, 1, 2, 3), y = (0, 2, 1, 3): ȳ = c̄ = 1.5, Σ(c − c̄)² = 5, b = 4/5; residuals
  // y − ȳ − b(c − c̄) = (−0.3, 0.9, −0.9, 0.3), s_e² = 1.8 / 2.
  const Estimate e = control_variate_estimate({0, 2, 1, 3}, {0, 1, 2, 3}, 1);
  EXPECT_NEAR(e.mean, 1.5 - 0.8 * 0.5, 1e-12);
  EXPECT_NEAR(e.sd, std::sqrt(0.9 * (0.25 + 0.25 / 5)), 1e-12);
  EXPECT_NEAR(e.half_width, 4.303 * e.sd, 1e-12);  // t on 4 − 2 degrees of freedom
  EXPECT_THROW(control_variate_estimate({1, 2}, {1, 2}, 1), std::invalid_argument);
  EXPECT_THROW(control_variate_estimate({1, 2, 3}, {1, 1, 1}, 1), std::invalid_argument);
}

// Cycles whose reward is twice the control's: the corrected ratio is twice the control's
// known ratio, exactly, whatever the sample's own control ratio was; a control that does not
// vary is refused.
TEST(Estimate, AControlOnTheSameCyclesCorrectsARatio) {
  const std::vector<Stratum> control{{0.5, {1, 3, 2}, {10, 20, 10}}, {0.5, {0, 1, 4}, {10, 10, 30}}};
  std::vector<Stratum> y = control;
  for (Stratum& s : y)
    for (double& v : s.y) v *= 2;
  const Estimate e = stratified_ratio_control_estimate(y, control, 0.1);
  EXPECT_NEAR(e.mean, 0.2, 1e-12);
  EXPECT_NEAR(e.sd, 0, 1e-12);
  std::vector<Stratum> flat = control;
  for (Stratum& s : flat)
    for (std::size_t i = 0; i < s.y.size(); ++i) s.y[i] = 0.1 * s.x[i];
  EXPECT_THROW(stratified_ratio_control_estimate(y, flat, 0.1), std::invalid_argument);
  std::vector<Stratum> other = control;
  other[0].x[0] = 11;
  EXPECT_THROW(stratified_ratio_control_estimate(y, other, 0.1), std::invalid_argument);
}

}  // namespace
}  // namespace halab
