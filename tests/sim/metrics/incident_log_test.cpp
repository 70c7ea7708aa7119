// Attribution of failovers to their causes, on hand-written traces.
#include "sim/metrics/incident_log.hpp"

#include "tests/sim/metrics/trace_event.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

using test::event;

IncidentLog log_of(const std::vector<TraceEvent>& events) {
  IncidentLog log;
  for (const auto& e : events) log.observe(e);
  return log;
}

const TraceEvent kStart = event(0, "run.start",
                                {{"regions", {{{"name", "eu"},
                                               {"datacenters", {{{"name", "dc1"}, {"hosts", {"n1", "c1"}}},
                                                                {{"name", "dc2"}, {"hosts", {"n2", "n3"}}}}}}}}});

} // namespace

TEST(IncidentLog, TwoCrashesTenSecondsApartEachKeepTheirCause) {
  IncidentLog log = log_of({kStart, event(20, "fault.crash", {{"fault", 0}, {"host", "n1"}}),
                            event(30, "fault.crash", {{"fault", 1}, {"host", "n3"}}),
                            event(31, "detector.suspect", {{"node", "n2"}, {"peer", "n1"}}),
                            event(35, "fence.done", {{"by", "n2"}, {"target", "n1"}, {"success", true}, {"kind", "power"}})});
  auto cause = log.cause(36, std::string("n1"), 0, "n2");
  ASSERT_TRUE(cause);
  EXPECT_EQ(cause->fault, 0);  // not the later crash of n3
  EXPECT_DOUBLE_EQ(cause->at_s, 20);
  EXPECT_EQ(cause->what, "crash n1");
  IncidentPhases p = log.phases(*cause, 36, std::string("n1"), "n2");
  EXPECT_EQ(p.detected_at_s, 31);
  EXPECT_EQ(p.fenced_at_s, 35);
  EXPECT_FALSE(p.decided_at_s);
}

TEST(IncidentLog, PartitionsAndLinksCountOnlyBetweenTheTwo) {
  IncidentLog log = log_of({kStart,
                            event(10, "fault.partition", {{"fault", 0}, {"groups", {{"n1"}, {"n2", "n3"}}}, {"one_way", false}}),
                            event(12, "fault.partition", {{"fault", 1}, {"groups", {{"n2"}, {"n3"}}}, {"one_way", false}}),
                            event(13, "fault.link_down", {{"fault", 2}, {"link", "nic:c1"}})});
  auto cause = log.cause(14, std::string("n1"), 0, "n2");
  ASSERT_TRUE(cause);
  EXPECT_EQ(cause->fault, 0);  // fault 1 leaves n1 and n2 together; fault 2 is a client's NIC
  IncidentLog metro = log_of({kStart, event(5, "fault.link_down", {{"fault", 0}, {"link", "metro:dc1|dc2"}})});
  ASSERT_TRUE(metro.cause(9, std::string("n1"), 0, "n2"));
  EXPECT_FALSE(metro.cause(9, std::string("n2"), 0, "n3"));  // one datacenter: not on their route
}

TEST(IncidentLog, AFailbackIsCausedByTheEndOfTheNewHoldersFault) {
  IncidentLog log = log_of({kStart, event(20, "fault.crash", {{"fault", 0}, {"host", "n1"}}),
                            event(35, "fault.restart", {{"fault", 0}, {"host", "n1"}})});
  auto back = log.cause(38, std::string("n2"), 0, "n1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->what, "end of crash n1");
  EXPECT_DOUBLE_EQ(back->at_s, 35);
  EXPECT_FALSE(log.cause(10, std::string("n1"), 0, "n2"));  // nothing happened before 10 s
  // A restart ends whatever it ends: here a graceful stop.
  IncidentLog stopped = log_of({kStart, event(20, "fault.stop", {{"fault", 0}, {"host", "n1"}}),
                                event(35, "fault.restart", {{"fault", 0}, {"host", "n1"}})});
  EXPECT_EQ(stopped.cause(38, std::string("n2"), 0, "n1")->what, "end of stop n1");
}

// Under a failure process n2 crashes and comes back long before n1's crash makes it the
// holder; n1's restart and preemption later is the end of n1's crash, not n2's old crash.
TEST(IncidentLog, AHoldersFaultFromBeforeItTookTheIpIsNotTheCause) {
  IncidentLog log = log_of({kStart, event(100, "fault.crash", {{"fault", 0}, {"host", "n2"}}),
                            event(110, "fault.restart", {{"fault", 0}, {"host", "n2"}}),
                            event(200, "fault.crash", {{"fault", 1}, {"host", "n1"}}),
                            event(210, "fault.restart", {{"fault", 1}, {"host", "n1"}})});
  // n2 took the IP at 203, after its own crash had ended.
  auto back = log.cause(213, std::string("n2"), 203, "n1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->what, "end of crash n1");
  EXPECT_DOUBLE_EQ(back->at_s, 210);
  // Held since before its crash, n2's crash is the cause.
  EXPECT_EQ(log.cause(105, std::string("n2"), 50, "n1")->what, "crash n2");
}

// A failover away from a live holder is a false alarm: a pause of the holder, a partition
// between the two, a Backup thawing with its timers overdue; not a crash, nor a failback.
// A pause that was over before the move did not cause it.
TEST(IncidentLog, FalseAlarmsLeaveALiveHolder) {
  IncidentLog log = log_of({kStart, event(10, "fault.pause", {{"fault", 0}, {"host", "n1"}}),
                            event(15, "fault.resume", {{"fault", 0}, {"host", "n1"}}),
                            event(40, "fault.pause", {{"fault", 1}, {"host", "n2"}}),
                            event(45, "fault.resume", {{"fault", 1}, {"host", "n2"}}),
                            event(60, "fault.crash", {{"fault", 2}, {"host", "n1"}}),
                            event(90, "fault.restart", {{"fault", 2}, {"host", "n1"}})});
  auto paused = log.cause(13, std::string("n1"), 0, "n2");  // the Master frozen: n2 took over
  ASSERT_TRUE(paused);
  EXPECT_TRUE(paused->false_alarm("n2"));
  auto thawed = log.cause(45, std::string("n1"), 20, "n2");  // the Backup thawed, overdue
  ASSERT_TRUE(thawed);
  EXPECT_EQ(thawed->what, "end of pause n2");
  EXPECT_TRUE(thawed->false_alarm("n2"));
  auto crashed = log.cause(63, std::string("n1"), 20, "n2");
  ASSERT_TRUE(crashed);
  EXPECT_EQ(crashed->what, "crash n1");
  EXPECT_FALSE(crashed->false_alarm("n2"));
  // n2, holder since 30, paused at 40 and was over it long before: the failback is the end of n1's crash.
  auto back = log.cause(92, std::string("n2"), 30, "n1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->what, "end of crash n1");
  EXPECT_FALSE(back->false_alarm("n1"));
}

} // namespace halab
