#include "models/cache/zipf_keys.hpp"

#include "models/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace halab {
namespace {

TEST(ZipfKeys, ProbabilitiesFollowTheInversePowerOfTheRank) {
  const ZipfKeys keys(1000, 1.0);
  double harmonic = 0;
  for (int k = 1; k <= 1000; ++k) harmonic += 1.0 / k;
  EXPECT_NEAR(keys.probability(0), 1 / harmonic, 1e-12);
  EXPECT_NEAR(keys.probability(9) * 10, keys.probability(0), 1e-12);
  EXPECT_EQ(keys.key(0.0), 0u);
  EXPECT_EQ(keys.key(0.999999999), 999u);
}

TEST(ZipfKeys, DrawsMatchTheDistribution) {
  const ZipfKeys keys(100, 0.99);
  Rng rng = Rng::stream(3, "zipf");
  const int n = 200000;
  int first = 0, top_ten = 0;
  for (int i = 0; i < n; ++i) {
    const std::uint64_t k = keys.key(rng.uniform01());
    first += k == 0;
    top_ten += k < 10;
  }
  double p10 = 0;
  for (std::uint64_t k = 0; k < 10; ++k) p10 += keys.probability(k);
  const auto sd = [&](double p) { return std::sqrt(p * (1 - p) / n); };
  EXPECT_NEAR(first / double(n), keys.probability(0), 4 * sd(keys.probability(0)));
  EXPECT_NEAR(top_ten / double(n), p10, 4 * sd(p10));
}

TEST(ZipfKeys, ZeroSkewIsUniform) {
  const ZipfKeys keys(4, 0.0);
  for (std::uint64_t k = 0; k < 4; ++k) EXPECT_NEAR(keys.probability(k), 0.25, 1e-12);
}

}  // namespace
}  // namespace halab
