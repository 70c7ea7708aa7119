// Time-based availability per client and datacenter, on hand-written traces.
#include "sim/metrics/service_time.hpp"

#include "tests/sim/metrics/trace_event.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

using test::event;

ServiceTime replay(std::vector<TraceEvent> events) {
  ServiceTime s;
  for (const auto& e : events) s.observe(e);
  return s;
}

const TraceEvent kStart = event(0, "run.start",
                                {{"clients", {"c1", "c2"}},
                                 {"regions", {{{"name", "eu"},
                                               {"datacenters", {{{"name", "dc1"}, {"hosts", {"n1", "c1"}}},
                                                                {{"name", "dc2"}, {"hosts", {"n2", "c2"}}}}}}}}});

} // namespace

TEST(ServiceTime, ACrashIsUnservedUntilTheTakeoverWhateverTheRequestRate) {
  ServiceTime s = replay({kStart, event(0, "ip.take", {{"node", "n1"}}),
                          event(20, "ip.release", {{"node", "n1"}, {"reason", kCrashReason}}),
                          event(26.1, "ip.take", {{"node", "n2"}}),
                          event(50, "request", {{"client", "c1"}, {"sent", 50.0}, {"outcome", "ok"}}),
                          event(100, "run.end")});
  EXPECT_NEAR(*s.clients().at("c1").time_availability(), 1 - 6.1 / 100, 1e-12);
  EXPECT_EQ(*s.clients().at("c1").availability(), 1.0);  // its one request saw no outage
  EXPECT_FALSE(s.clients().at("c2").availability());      // no request: undefined, not 1
  EXPECT_NEAR(*s.time_availability(), 1 - 6.1 / 100, 1e-12);
}

TEST(ServiceTime, ACutMetroLinkHidesTheServiceFromOneDatacenterOnly) {
  ServiceTime s = replay({kStart, event(0, "ip.take", {{"node", "n1"}}),
                          event(30, "fault.link_down", {{"fault", 0}, {"link", "metro:dc1|dc2"}}),
                          event(47, "fault.link_up", {{"fault", 0}, {"link", "metro:dc1|dc2"}}),
                          event(100, "run.end")});
  auto dcs = s.datacenters();
  EXPECT_DOUBLE_EQ(*dcs.at("dc1").time_availability(), 1.0);
  EXPECT_NEAR(*dcs.at("dc2").time_availability(), 0.83, 1e-12);  // 17 s of 100
  EXPECT_NEAR(*s.time_availability(), (1.0 + 0.83) / 2, 1e-12);
}

TEST(ServiceTime, OneWayPartitionsAndPausesCount) {
  ServiceTime s = replay({kStart, event(10, "ip.take", {{"node", "n2"}}),
                          // only c2 -> others is cut, but replies must come back too
                          event(20, "fault.partition", {{"fault", 0}, {"groups", {{"n2"}, {"c1"}}}, {"one_way", true}}),
                          event(30, "fault.heal", {{"fault", 0}}),
                          event(40, "fault.pause", {{"fault", 0}, {"host", "n2"}}),
                          event(45, "fault.resume", {{"host", "n2"}}),
                          event(110, "run.end")});
  // Counted from the first take: 100 s; c1 lost 10 s (one-way cut) + 5 s (pause), c2 5 s.
  EXPECT_NEAR(*s.clients().at("c1").time_availability(), 0.85, 1e-12);
  EXPECT_NEAR(*s.clients().at("c2").time_availability(), 0.95, 1e-12);
}

} // namespace halab
