#include "sim/cli/summary_diff.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

using J = nlohmann::ordered_json;

// Figures are compared where they sit, nested objects walked; lists by their length (and
// said to differ when as long but not the same); the labels (scenario, seed) not at all.
TEST(SummaryDiff, FiguresThatMovedAndNothingElse) {
  const J a = J::parse(R"({"scenario": "x", "seed": 1, "down_s": 2.5, "split_brain": false,
                           "tiers": {"db": {"writes_lost": 3, "promotions": 1}},
                           "failovers": [{"node": "n2"}], "fenced": [{"node": "n1"}]})");
  const J b = J::parse(R"({"scenario": "x", "seed": 2, "down_s": 2.0, "split_brain": true,
                           "tiers": {"db": {"writes_lost": 3, "promotions": 2}},
                           "failovers": [{"node": "n3"}], "fenced": []})");
  const auto d = summary_deltas(a, b);
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].figure, "down_s");
  EXPECT_DOUBLE_EQ(*d[0].change, -0.5);
  EXPECT_EQ(d[1].figure, "failovers");
  EXPECT_EQ(d[1].b, "1, not the same");
  EXPECT_FALSE(d[1].change);
  EXPECT_EQ(d[2].figure, "fenced");
  EXPECT_DOUBLE_EQ(*d[2].change, -1);
  EXPECT_EQ(d[3].figure, "split_brain");
  EXPECT_EQ(d[3].a, "false");
  EXPECT_EQ(d[4].figure, "tiers.db.promotions");
  EXPECT_TRUE(summary_deltas(a, a).empty());
}

// Two traces part at their first different event; a trace that stops early parts where it
// stops; two seeds of one scenario do not part at run.start for the seed alone.
TEST(SummaryDiff, TracesPartAtTheirFirstDifferentEvent) {
  const std::vector<TraceEvent> a{{{"t", 0}, {"ev", "run.start"}, {"seed", 1}}, {{"t", 1}, {"ev", "fault.crash"}, {"host", "n1"}},
                                  {{"t", 2}, {"ev", "ip.take"}, {"node", "n2"}}};
  std::vector<TraceEvent> b = a;
  EXPECT_FALSE(first_divergence(a, b));
  b[0]["seed"] = 7;
  EXPECT_FALSE(first_divergence(a, b));
  b[2]["node"] = "n3";
  EXPECT_EQ(first_divergence(a, b), 2u);
  b.pop_back();
  EXPECT_EQ(first_divergence(a, b), 2u);
  b[1]["host"] = "n2";
  EXPECT_EQ(first_divergence(a, b), 1u);
}

}  // namespace
}  // namespace halab
