#include "models/availability/lifetime.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace halab {
namespace {

using D = Lifetime::Distribution;

// 200,000 draws' mean lies within 4 standard errors of the distribution's mean, which is
// checked against its closed form.
void expect_mean(const Lifetime& l, double closed_form) {
  EXPECT_NEAR(l.mean() / closed_form, 1, 1e-12);
  Rng rng(42);
  constexpr int n = 200000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double x = l.draw(rng);
    ASSERT_GE(x, 0);
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / n, se = std::sqrt((sum_sq / n - mean * mean) / n);
  EXPECT_NEAR(mean, closed_form, 4 * se + 1e-12) << "sample mean " << mean << " ± " << se;
}

TEST(Lifetime, DrawsHaveTheDistributionsMeans) {
  expect_mean({D::exponential, 30}, 30);
  expect_mean({D::fixed, 30}, 30);
  // Weibull η = 100: β = 1 is the exponential; β = 2 (wear-out) has mean η·√π/2.
  expect_mean({D::weibull, 0, 100, 1}, 100);
  expect_mean({D::weibull, 0, 100, 2}, 100 * std::sqrt(M_PI) / 2);
  expect_mean({D::weibull, 0, 100, 0.5}, 200);  // Γ(3) = 2
  // Log-normal median 60, σ = 1: mean 60·e^½.
  expect_mean({D::log_normal, 0, 0, 1, 60, 1}, 60 * std::exp(0.5));
}

// The median of log-normal draws is the median parameter; Weibull's survival at η is e⁻¹.
TEST(Lifetime, DrawsHaveTheDistributionsShapes) {
  Rng rng(7);
  std::vector<double> x(100001);
  const Lifetime lognormal{D::log_normal, 0, 0, 1, 60, 1.5};
  for (double& v : x) v = lognormal.draw(rng);
  std::nth_element(x.begin(), x.begin() + 50000, x.end());
  EXPECT_NEAR(x[50000] / 60, 1, 0.02);
  const Lifetime weibull{D::weibull, 0, 100, 3};
  int above = 0;
  for (int i = 0; i < 100000; ++i) above += weibull.draw(rng) > 100;
  EXPECT_NEAR(above / 100000.0, std::exp(-1.0), 0.005);
}

TEST(Lifetime, NamesWhatImpossibleParametersShouldBe) {
  EXPECT_EQ(Lifetime({D::exponential, 1}).invalid(), nullptr);
  EXPECT_STREQ(Lifetime({D::exponential, 0}).invalid(), "a positive, finite mean");
  EXPECT_STREQ(Lifetime({D::fixed, -1}).invalid(), "a positive, finite mean");
  EXPECT_STREQ(Lifetime({D::weibull, 0, 0, 2}).invalid(), "a positive, finite scale");
  EXPECT_STREQ(Lifetime({D::weibull, 0, 10, 0}).invalid(), "a shape from 0.1 to 100");
  EXPECT_STREQ(Lifetime({D::log_normal, 0, 0, 1, 0, 1}).invalid(), "a positive, finite median");
  EXPECT_STREQ(Lifetime({D::log_normal, 0, 0, 1, 10, -1}).invalid(), "a sigma from 0 to 10");
}

}  // namespace
}  // namespace halab
