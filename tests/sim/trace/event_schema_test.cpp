#include "sim/trace/event_schema.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
std::string error_of(const char* json) { return event_schema_error(TraceEvent::parse(json)).value_or(""); }
}  // namespace

TEST(EventSchema, AcceptsWhatHalabWrites) {
  EXPECT_EQ(error_of(R"({"t":0,"ev":"run.start","hosts":["n1","c1"],"members":[{"host":"n1","priority":200}],"clients":["c1"]})"), "");
  EXPECT_EQ(error_of(R"({"t":1.5,"ev":"fault.partition","fault":0,"groups":[["n1"],["n2"]],"one_way":false})"), "");
  EXPECT_EQ(error_of(R"({"t":2,"ev":"belief","node":"n1","members":["n1"],"holder":null,"quorate":false})"), "");
  EXPECT_EQ(error_of(R"({"t":3,"ev":"some.future.event","anything":[1,2]})"), "");  // unknown kinds: t and ev only
}

TEST(EventSchema, NamesTheKeyAndWhatWasExpected) {
  EXPECT_EQ(error_of(R"({"t":1,"ev":"fault.partition","fault":0,"groups":null,"one_way":false})"),
            "/groups: expected an array of arrays of host names, found null");
  EXPECT_EQ(error_of(R"({"t":1,"ev":"request","client":"c1","sent":"x","outcome":"ok"})"),
            "/sent: expected a finite number, found \"x\"");
  EXPECT_EQ(error_of(R"({"t":1,"ev":"ip.take"})"), "/node: expected a value, found nothing (missing)");
  EXPECT_EQ(error_of(R"({"t":0,"ev":"run.start","hosts":["n1"],"members":[{"host":"n9"}]})"),
            "/members/0/host: expected one of /hosts, found \"n9\"");
  EXPECT_NE(error_of(R"({"t":0,"ev":"run.start","services":[{"name":"s","vip":"v","members":[],"resources":5}]})"), "");
  EXPECT_EQ(error_of(R"({"t":1,"ev":"fault.stop","fault":0,"host":"n1","planned":"yes"})"),
            "/planned: expected true or false, found \"yes\"");
}

// A tier instance's optional counts come in groups: one key of a group means all of them
// (the summary adds each group up together). Found by fuzz_trace: a cache server's record
// without "sets_noreplicas" stopped the summary.
TEST(EventSchema, ATierRecordsOptionalCountsComeAsWholeGroups) {
  const std::string base =
      R"({"t":3,"ev":"tier.stats","tier":"cache","node":"r1","requests":0,"ok":0,"timeout":0,"no_backend":0,)"
      R"("overloaded":0,"breaker_open":0,"pool_exhausted":0,"rate_limited":0,"bulkhead_full":0,"refused":0,)"
      R"("buffer_full":0,"read_only":0,"disk_full":0,"no_table":0,"degraded":0,"retried":0,"writes_applied":0,)"
      R"("writes_duplicated":0,"writes_deduplicated":0,"max_busy":0,"max_queue":0,"latency":[])";
  EXPECT_EQ(error_of((base + "}").c_str()), "");
  EXPECT_EQ(error_of((base + R"(,"gets":1,"get_hits":1,"sets":2,"sets_readonly":0,"sets_noreplicas":0})").c_str()), "");
  EXPECT_EQ(error_of((base + R"(,"gets":1,"get_hits":1,"sets":2,"sets_readonly":0,"sevs_noreplicas":0})").c_str()),
            "/sets_noreplicas: expected a value with \"gets\", found nothing (missing)");
  EXPECT_EQ(error_of((base + R"(,"cache_lookups":1})").c_str()),
            "/cache_hits: expected a value with \"cache_lookups\", found nothing (missing)");
  EXPECT_EQ(error_of((base + R"(,"reads":1,"reads_stale":0})").c_str()),
            "/max_stale_s: expected a value with \"reads\", found nothing (missing)");
}

TEST(EventSchema, TimeIsFiniteNonNegativeAndBounded) {
  EXPECT_EQ(error_of(R"({"t":-5,"ev":"x"})"), "/t: expected a time from 0 to 400 days in seconds, found -5");
  EXPECT_EQ(error_of(R"({"t":1e300,"ev":"x"})"), "/t: expected a time from 0 to 400 days in seconds, found 1e+300");
  EXPECT_EQ(error_of(R"({"ev":"x"})"), "/t: expected the event's time in seconds, found nothing");
  EXPECT_EQ(error_of(R"([1])"), "/: expected an event object, found an array of 1");
}

}  // namespace halab
