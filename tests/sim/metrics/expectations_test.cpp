#include "sim/metrics/expectations.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
nlohmann::ordered_json summary() {
  return {{"availability", 0.95}, {"failovers", nlohmann::ordered_json::array({1, 2})}, {"split_brain", false},
          {"split_brain_s", 0.0}, {"max_ip_holders", 1}};
}
} // namespace

TEST(Expectations, MetAndUnmet) {
  auto ok = check_expectations(summary(), {{"availability", {{"min", 0.9}}}, {"failovers", 2}, {"split_brain", false}});
  EXPECT_TRUE(ok.empty());
  auto bad = check_expectations(summary(), {{"availability", {{"min", 0.99}, {"max", 1}}}, {"failovers", 1},
                                            {"split_brain", true}, {"max_ip_holders", {{"max", 0}}}});
  ASSERT_EQ(bad.size(), 4u);
  EXPECT_EQ(bad[0], "availability = 0.95, expected >= 0.99");
}

TEST(Expectations, ShapeErrors) {
  Diagnostics d("s.json");
  check_expectations_shape({{"availability", "high"}, {"split_brain", 1}, {"failovers", {{"least", 1}}}, {"x", 1}},
                           "/expect", d);
  EXPECT_EQ(d.errors().size(), 4u);
}

} // namespace halab
