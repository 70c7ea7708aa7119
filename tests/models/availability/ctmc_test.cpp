#include "models/availability/ctmc.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace halab {
namespace {

// A cycle 0 → 1 → 2 → 0 spends in each state its mean sojourn: π ∝ (1/a, 1/b, 1/c).
TEST(Ctmc, ACycleSpendsInEachStateItsMeanSojourn) {
  const double a = 2, b = 0.5, c = 10;
  Ctmc chain(3);
  chain.add_rate(0, 1, a);
  chain.add_rate(1, 2, b);
  chain.add_rate(2, 0, c);
  const auto pi = chain.steady_state();
  const double total = 1 / a + 1 / b + 1 / c;
  EXPECT_NEAR(pi[0], (1 / a) / total, 1e-15);
  EXPECT_NEAR(pi[1], (1 / b) / total, 1e-15);
  EXPECT_NEAR(pi[2], (1 / c) / total, 1e-15);
}

// Global balance holds in every state: what flows in equals what flows out.
TEST(Ctmc, TheSteadyStateBalancesEveryState) {
  Ctmc chain(4);
  const double rates[4][4] = {{0, 1, 0.2, 0}, {3, 0, 0.7, 0.1}, {0, 2, 0, 5}, {0.01, 0, 4, 0}};
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 4; ++j)
      if (rates[i][j] > 0) chain.add_rate(i, j, rates[i][j]);
  const auto pi = chain.steady_state();
  double sum = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    double in = 0, out = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      in += pi[j] * rates[j][i];
      out += pi[i] * rates[i][j];
    }
    EXPECT_NEAR(in, out, 1e-14) << "state " << i;
    sum += pi[i];
  }
  EXPECT_NEAR(sum, 1, 1e-15);
}

// A birth-death chain whose last state is 1e-30 as likely as the first: GTH keeps its digits.
TEST(Ctmc, TinyProbabilitiesKeepTheirRelativePrecision) {
  Ctmc chain(4);
  for (std::size_t i = 0; i < 3; ++i) {
    chain.add_rate(i, i + 1, 1e-10);
    chain.add_rate(i + 1, i, 1.0);
  }
  const auto pi = chain.steady_state();
  const double expected_last = 1e-30 / (1 + 1e-10 + 1e-20 + 1e-30);
  EXPECT_NEAR(pi[3] / expected_last, 1, 1e-12);
}

TEST(Ctmc, RefusesAChainThatIsNotIrreducible) {
  Ctmc absorbing(2);
  absorbing.add_rate(0, 1, 1);  // 1 is never left
  EXPECT_THROW(absorbing.steady_state(), std::invalid_argument);
  Ctmc cut(3);
  cut.add_rate(0, 1, 1);
  cut.add_rate(1, 0, 1);
  cut.add_rate(2, 0, 1);  // 2 is never reached
  EXPECT_THROW(cut.steady_state(), std::invalid_argument);
  Ctmc c(2);
  EXPECT_THROW(c.add_rate(0, 0, 1), std::invalid_argument);
  EXPECT_THROW(c.add_rate(0, 1, -1), std::invalid_argument);
}

}  // namespace
}  // namespace halab
