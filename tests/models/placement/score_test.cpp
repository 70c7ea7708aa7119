// "Pacemaker Explained" 2.1, "Infinity Math".
#include "models/placement/score.hpp"

#include <gtest/gtest.h>

namespace halab::placement {

TEST(Score, InfinityMath) {
  EXPECT_EQ(add_scores(kInfinity, -kInfinity), -kInfinity);   // -INFINITY wins
  EXPECT_EQ(add_scores(-kInfinity, kInfinity), -kInfinity);
  EXPECT_EQ(add_scores(kInfinity, 5), kInfinity);
  EXPECT_EQ(add_scores(999'999, 5), kInfinity);                // saturates
  EXPECT_EQ(add_scores(-999'999, -5), -kInfinity);
  EXPECT_EQ(add_scores(100, -30), 70);
}

TEST(Score, ParsesAndFormatsLikePacemaker) {
  EXPECT_EQ(parse_score("INFINITY"), kInfinity);
  EXPECT_EQ(parse_score("+INFINITY"), kInfinity);
  EXPECT_EQ(parse_score("-INFINITY"), -kInfinity);
  EXPECT_EQ(parse_score("2000000"), kInfinity);
  EXPECT_EQ(parse_score("-42"), -42);
  EXPECT_FALSE(parse_score("lots"));
  EXPECT_FALSE(parse_score(""));
  EXPECT_EQ(format_score(kInfinity), "INFINITY");
  EXPECT_EQ(format_score(-kInfinity), "-INFINITY");
  EXPECT_EQ(format_score(7), "7");
}

}  // namespace halab::placement
