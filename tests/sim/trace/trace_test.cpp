#include "sim/trace/trace.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace halab {
namespace {

// A trace of `events` lines (a run.start, then ip.take events one millisecond apart), with
// a blank line every 1,000 lines: several MiB, so it is parsed in several runs.
std::string long_trace(int events) {
  std::string text = R"({"t":0,"ev":"run.start","hosts":["n1","n2"],"members":[{"host":"n1"},{"host":"n2"}]})" "\n";
  for (int i = 1; i < events; ++i) {
    text += R"({"t":)" + std::to_string(i / 1000.0) + R"(,"ev":"ip.take","node":"n)" + std::to_string(1 + i % 2) + "\"}\n";
    if (i % 1000 == 0) text += "  \n";
  }
  return text;
}

// The 1-based line of the `event`-th event (counted from 0) of long_trace.
std::size_t line_of(int event) { return static_cast<std::size_t>(event + 1 + (event - 1) / 1000); }

// Runs of 4 KiB at least: a short trace is cut in several places.
std::string error_of(const std::string& text, unsigned threads) {
  try {
    parse_trace_text(text, threads, 4096);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ParseTraceText, EveryThreadCountGivesTheEventsInFileOrder) {
  const std::string text = long_trace(100'000);
  ASSERT_GT(text.size(), std::size_t{4} << 20);
  const auto one = parse_trace_text(text, 1);
  ASSERT_EQ(one.size(), 100'000u);
  for (unsigned threads : {3u, 0u}) {
    const auto many = parse_trace_text(text, threads);
    EXPECT_EQ(many, one) << threads << " threads";
  }
  std::istringstream in(text);
  EXPECT_EQ(read_trace(in), one);
}

TEST(ParseTraceText, TheFirstBadLineIsNamedWhicheverRunHoldsIt) {
  std::string text = long_trace(5'000);
  // Break an event late in the file and one early: the early one is reported.
  for (int event : {4'000, 2'000}) {
    const std::string needle = R"({"t":)" + std::to_string(event / 1000.0) + ",";
    const std::size_t at = text.find(needle);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, needle.size(), R"({"t":"x",)");
  }
  const std::string expected = "line " + std::to_string(line_of(2'000)) + ": not a valid trace event: /t:";
  for (unsigned threads : {1u, 2u, 4u, 16u}) EXPECT_EQ(error_of(text, threads).rfind(expected, 0), 0u) << error_of(text, threads);
}

TEST(ParseTraceText, AnEventEarlierThanTheOneBeforeIsNamedAcrossRuns) {
  std::string text = long_trace(5'000);
  // An event in the middle of the file set back to time 0: the runs are cut near there.
  const int event = 2'500;
  const std::string needle = R"({"t":)" + std::to_string(event / 1000.0) + ",";
  const std::size_t at = text.find(needle);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, needle.size(), R"({"t":0,)");
  const std::string expected = "line " + std::to_string(line_of(event)) + ": events go back in time";
  for (unsigned threads : {1u, 2u, 3u, 16u}) EXPECT_EQ(error_of(text, threads), expected);
}

TEST(ParseTraceText, BlankAndEmptyInputs) {
  EXPECT_TRUE(parse_trace_text("").empty());
  EXPECT_TRUE(parse_trace_text("\n \n\t\r\n").empty());
  const auto events = parse_trace_text("\n" R"({"t":0,"ev":"run.start","hosts":[],"members":[]})");  // no final newline
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["ev"], "run.start");
  EXPECT_EQ(error_of("\n\n{\"t\":1,\"ev\":\n", 2).rfind("line 3: not valid JSON (", 0), 0u);
}

}  // namespace
}  // namespace halab
