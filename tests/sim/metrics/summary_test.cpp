// Metrics are a pure function of the trace: hand-written traces with known answers.
#include "sim/metrics/summary.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

class TraceBuilder {
public:
  TraceBuilder& ev(double t, const char* type, TraceEvent fields = TraceEvent::object()) {
    trace_.emit(t, type, fields);
    return *this;
  }
  TraceBuilder& request(double sent, double done, const char* outcome, const char* server) {
    TraceEvent f{{"client", "c1"}, {"id", id_++}, {"sent", sent}, {"outcome", outcome}, {"server", server}};
    if (std::string(outcome) == "ok") f["latency_s"] = done - sent;
    return ev(done, "request", f);
  }
  const std::vector<TraceEvent>& events() const { return trace_.events(); }

private:
  Trace trace_;
  int id_ = 0;
};

} // namespace

TEST(Summary, CrashFailoverTimeline) {
  TraceBuilder b;
  b.ev(0, "run.start", {{"scenario", "x"}, {"seed", 4}})
      .ev(0.2, "ip.take", {{"node", "n1"}, {"reason", "start"}})
      .request(1, 1.001, "ok", "n1")
      .ev(10, "fault.crash", {{"fault", 0}, {"host", "n1"}})
      .ev(10, "ip.release", {{"node", "n1"}, {"reason", kCrashReason}})
      .request(11, 11.5, "timeout", "n1")
      .request(12, 12.5, "timeout", "n1")
      .ev(13, "detector.suspect", {{"node", "n2"}, {"peer", "n1"}})
      .ev(13, "ip.take", {{"node", "n2"}, {"reason", "n1 suspected"}})
      .request(14, 14.001, "ok", "n2")
      .ev(20, "run.end");
  Summary s = summarize(b.events());
  EXPECT_EQ(s.scenario, "x");
  EXPECT_EQ(s.seed, 4u);
  EXPECT_EQ(s.requests_total, 4u);
  EXPECT_EQ(s.requests_failed, 2u);
  EXPECT_DOUBLE_EQ(*s.availability, 0.5);
  ASSERT_EQ(s.failovers.size(), 1u);
  const FailoverRecord& f = s.failovers[0];
  EXPECT_EQ(f.node, "n2");
  EXPECT_EQ(f.from, "n1");  // the ARP entry still pointed at the crashed n1
  EXPECT_EQ(f.fault_at_s, 10.0);
  EXPECT_EQ(f.detected_at_s, 13.0);
  EXPECT_EQ(f.ip_moved_at_s, 13.0);
  EXPECT_EQ(f.first_success_at_s, 14.001);
  EXPECT_EQ(s.max_ip_holders, 1u);
  EXPECT_DOUBLE_EQ(s.split_brain_s, 0.0);
  EXPECT_DOUBLE_EQ(s.max_outage_s, 3.0);  // first failure sent at 11, next success sent at 14
  EXPECT_EQ(s.outages, 1u);
  const auto j = s.to_json();
  EXPECT_DOUBLE_EQ(j["mean_outage_s"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(j["mean_time_between_outages_s"].get<double>(), 17.0);  // 20 s, 3 of them down
}

// An outage is planned when the latest fault event by the time its first failed request
// failed is a maintenance window's (its stop or its start again); a crash during the window
// makes the next outage a failure's.
TEST(Summary, MaintenanceOutagesAreCountedApart) {
  TraceBuilder b;
  b.ev(0, "run.start", {{"scenario", "x"}, {"seed", 1}})
      .request(1, 1.001, "ok", "n1")
      .ev(10, "fault.stop", {{"fault", 3}, {"host", "n1"}, {"planned", true}})
      .request(10, 10.5, "timeout", "n1")  // sent as n1 resigned: the window's
      .request(11, 11.001, "ok", "n2")
      .ev(20, "fault.restart", {{"fault", 3}, {"host", "n1"}})
      .request(20, 20.5, "timeout", "n2")  // the preemption back: still the window's
      .request(21, 21.001, "ok", "n1")
      .ev(30, "fault.crash", {{"fault", 0}, {"host", "n1"}})
      .request(30, 30.5, "timeout", "n1")
      .request(31, 31.5, "timeout", "n1")
      .request(33, 33.001, "ok", "n2")
      .ev(40, "run.end");
  const Summary s = summarize(b.events());
  EXPECT_EQ(s.outages, 3u);
  EXPECT_DOUBLE_EQ(s.down_s, 5.0);
  EXPECT_EQ(s.planned_outages, 2u);
  EXPECT_DOUBLE_EQ(s.planned_down_s, 2.0);
}

TEST(Summary, SplitBrainTimeCountsOverlapOnly) {
  TraceBuilder b;
  b.ev(0, "ip.take", {{"node", "n1"}})
      .ev(5, "fault.partition", {{"fault", 0}, {"groups", {{"n1"}, {"n2"}}}, {"one_way", false}})
      .ev(8, "ip.take", {{"node", "n2"}})
      .ev(15, "ip.release", {{"node", "n2"}, {"reason", "yield"}})
      .ev(30, "ip.take", {{"node", "n2"}})
      .ev(40, "run.end");
  Summary s = summarize(b.events());
  EXPECT_EQ(s.max_ip_holders, 2u);
  EXPECT_DOUBLE_EQ(s.split_brain_s, 7.0 + 10.0);  // 8..15, and 30..end
  EXPECT_EQ(s.failovers.size(), 2u);
  EXPECT_EQ(s.to_json()["split_brain"], true);
}

TEST(Summary, InitialElectionIsNotAFailover) {
  TraceBuilder b;
  b.ev(0.3, "ip.take", {{"node", "n1"}}).ev(10, "run.end");
  Summary s = summarize(b.events());
  EXPECT_TRUE(s.failovers.empty());
  EXPECT_FALSE(s.availability.has_value());
  EXPECT_TRUE(s.to_json()["availability"].is_null());
}

TEST(Summary, ReleaseHandsTheArpEntryToTheOtherHolder) {
  TraceBuilder b;
  b.ev(0, "ip.take", {{"node", "n1"}})
      .ev(5, "ip.take", {{"node", "n2"}})
      .ev(6, "ip.release", {{"node", "n2"}, {"reason", "yield"}})
      .ev(7, "fault.crash", {{"fault", 0}, {"host", "n1"}})
      .ev(7, "ip.release", {{"node", "n1"}, {"reason", kCrashReason}})
      .ev(9, "ip.take", {{"node", "n2"}})
      .ev(10, "run.end");
  Summary s = summarize(b.events());
  ASSERT_EQ(s.failovers.size(), 2u);
  EXPECT_EQ(s.failovers[0].from, "n1");
  EXPECT_EQ(s.failovers[1].from, "n1");
  EXPECT_EQ(s.failovers[1].fault_at_s, 7.0);
  EXPECT_FALSE(s.failovers[1].detected_at_s.has_value());  // no suspicion after the fault
}

TEST(Summary, LatencyPercentilesAreNearestRank) {
  TraceBuilder b;
  for (int i = 1; i <= 100; ++i) b.request(i, i + i / 1000.0, "ok", "n1");
  b.ev(200, "run.end");
  Summary s = summarize(b.events());
  EXPECT_NEAR(s.latency_p50_s, 0.050, 1e-9);
  EXPECT_NEAR(s.latency_p99_s, 0.099, 1e-9);
}

TEST(Summary, ReadTraceNamesTheBadLine) {
  std::istringstream in("{\"t\":0,\"ev\":\"run.start\",\"hosts\":[],\"members\":[]}\n{\"t\":1,\"ev\":\n");
  try {
    read_trace(in);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
  }
}

} // namespace halab

namespace halab {

// n2 takes the IP and loses it to n1 (preemption) before it answers anyone: that failover
// has no first success — not n2's answer the next time it holds the IP, an hour later.
TEST(Summary, AHolderThatServedNoOneHasNoFirstSuccess) {
  TraceBuilder b;
  b.ev(0, "run.start", {{"scenario", "x"}, {"seed", 1}})
      .ev(0.2, "ip.take", {{"node", "n1"}, {"reason", "start"}})
      .ev(10, "fault.crash", {{"fault", 0}, {"host", "n1"}})
      .ev(13, "ip.take", {{"node", "n2"}, {"reason", "n1 suspected"}})
      .ev(13.5, "fault.restart", {{"fault", 0}, {"host", "n1"}})
      .ev(13.8, "ip.take", {{"node", "n1"}, {"reason", "preempt"}})
      .ev(13.8, "ip.release", {{"node", "n2"}, {"reason", "preempted"}})
      .request(14, 14.001, "ok", "n1")
      .ev(3600, "fault.crash", {{"fault", 1}, {"host", "n1"}})
      .ev(3603, "ip.take", {{"node", "n2"}, {"reason", "n1 suspected"}})
      .request(3604, 3604.001, "ok", "n2")
      .ev(3700, "run.end");
  const Summary s = summarize(b.events());
  ASSERT_EQ(s.failovers.size(), 3u);
  EXPECT_FALSE(s.failovers[0].first_success_at_s);  // n2 at 13 s served no one
  EXPECT_EQ(s.failovers[1].first_success_at_s, 14.001);
  EXPECT_EQ(s.failovers[2].first_success_at_s, 3604.001);
  EXPECT_EQ(s.failovers[1].cause->what, "end of crash n1");
}

} // namespace halab
