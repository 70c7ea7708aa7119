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

TEST(Expectations, PlacementPromotionAndStartOrder) {
  nlohmann::ordered_json s = summary();
  s["placement"] = {{"web", "n2"}, {"pg", {"n1", "n2"}}};
  s["promoted"] = {{"pg", {"n2"}}};
  s["start_order"] = {"fence", "fs", "db", "web"};
  nlohmann::json want = {{"placement", {{"web", "n2"}, {"pg", {"n2", "n1"}}, {"gone", "stopped"}}},
                         {"promoted", {{"pg", {"n2"}}}},
                         {"start_order", {"fs", "web"}}};
  EXPECT_TRUE(check_expectations(s, want).empty());
  auto bad = check_expectations(s, {{"placement", {{"web", "n1"}}}, {"start_order", {"web", "fs"}}});
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0], "placement.web = \"n2\", expected \"n1\"");
  EXPECT_NE(bad[1].find("in this order"), std::string::npos);
  Diagnostics d("s.json");
  check_expectations_shape({{"placement", {{"web", 3}}}, {"promoted", "n1"}, {"start_order", nlohmann::json::array()}},
                           "/expect", d);
  EXPECT_EQ(d.errors().size(), 3u);
}

} // namespace halab
