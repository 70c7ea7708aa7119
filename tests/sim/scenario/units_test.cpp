#include "sim/scenario/units.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(Units, Durations) {
  EXPECT_EQ(parse_duration("1.5s"), Duration::seconds(1.5));
  EXPECT_EQ(parse_duration("200ms"), Duration::millis(200));
  EXPECT_EQ(parse_duration("3m"), Duration::seconds(180));
  EXPECT_EQ(parse_duration("1h"), Duration::seconds(3600));
  EXPECT_EQ(parse_duration("2d"), Duration::seconds(2 * 86400));
  EXPECT_EQ(parse_duration("250us"), Duration::micros(250));
  EXPECT_EQ(parse_duration("0s"), Duration::seconds(0));
}

TEST(Units, RejectedDurations) {
  for (const char* bad : {"", "5", "s", "-1s", "1.5", "1 s", "1.2.3s", "1sec", "+1s"})
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
}

TEST(Units, Bandwidths) {
  EXPECT_DOUBLE_EQ(*parse_bandwidth("1Gbps"), 125e6);
  EXPECT_DOUBLE_EQ(*parse_bandwidth("100Mbps"), 12.5e6);
  EXPECT_DOUBLE_EQ(*parse_bandwidth("10MBps"), 10e6);
  EXPECT_FALSE(parse_bandwidth("0Gbps").has_value());
  EXPECT_FALSE(parse_bandwidth("fast").has_value());
}

// What the lab writes into scenarios reads back: never in exponent notation.
TEST(Units, DurationTextReadsBack) {
  EXPECT_EQ(duration_text(0.25), "0.25s");
  EXPECT_EQ(duration_text(1e-05), "0.00001s");
  EXPECT_EQ(duration_text(2.5e16), "25000000000000000s");
  for (double s : {0.25, 27.961, 1e-05, 3e-7, 2.5e16, 86400.0})
    EXPECT_EQ(parse_duration(duration_text(s)), Duration::seconds(s)) << duration_text(s);
}

} // namespace halab
