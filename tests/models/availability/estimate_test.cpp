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

// Cycles of length 10 with 1 down, and of length 30 with 2: 3 down in 40. The interval from
// zᵢ = yᵢ − r·xᵢ = (1 − 0.75, 2 − 2.25) = (0.25, −0.25): s_z = √0.125, x̄ = 20.
TEST(Estimate, ARatioOfMeansAndItsInterval) {
  const Estimate e = ratio_estimate({1, 2}, {10, 30});
  EXPECT_DOUBLE_EQ(e.mean, 0.075);
  EXPECT_NEAR(e.sd, std::sqrt(0.125), 1e-15);
  EXPECT_NEAR(e.half_width, 12.706 * std::sqrt(0.125) / (20 * std::sqrt(2.0)), 1e-12);
  EXPECT_THROW(ratio_estimate({1}, {1, 2}), std::invalid_argument);
}

}  // namespace
}  // namespace halab
