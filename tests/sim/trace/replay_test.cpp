#include "sim/trace/replay.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

std::vector<TraceEvent> split_brain_trace() {
  Trace t;
  t.emit(0, "run.start", {{"hosts", {"n1", "n2", "c1"}}, {"members", {{{"host", "n1"}}, {{"host", "n2"}}}}});
  t.emit(0.5, "ip.take", {{"node", "n1"}});
  t.emit(20, "fault.partition", {{"fault", 0}, {"groups", {{"n1"}, {"n2"}}}, {"one_way", false}});
  t.emit(23, "detector.suspect", {{"node", "n2"}, {"peer", "n1"}});
  t.emit(23, "ip.take", {{"node", "n2"}});
  t.emit(27, "fence.done", {{"by", "n2"}, {"target", "n1"}, {"success", true}, {"kind", "power"}});
  t.emit(40, "fault.heal", {{"fault", 0}});
  t.emit(57, "node.boot", {{"node", "n1"}});
  return t.events();
}

} // namespace

TEST(TraceReplay, StateAtEachMoment) {
  TraceReplay r(split_brain_trace());
  RunState before = r.at(10);
  EXPECT_TRUE(before.nodes.at("n1").holds_ip);
  EXPECT_TRUE(before.nodes.at("n1").member);
  EXPECT_FALSE(before.nodes.at("c1").member);
  EXPECT_TRUE(before.partitions.empty());

  RunState split = r.at(25);
  EXPECT_EQ(split.ip_holders(), 2u);
  EXPECT_EQ(split.partitions.size(), 1u);
  EXPECT_EQ(split.nodes.at("n2").suspects.count("n1"), 1u);

  RunState fenced = r.at(30);
  EXPECT_EQ(fenced.ip_holders(), 1u);
  EXPECT_TRUE(fenced.nodes.at("n1").fenced);
  EXPECT_FALSE(fenced.nodes.at("n1").up);

  RunState healed = r.at(58);
  EXPECT_TRUE(healed.partitions.empty());
  EXPECT_TRUE(healed.nodes.at("n1").up);
  EXPECT_FALSE(healed.nodes.at("n1").fenced);
}

// A tier process stopped gracefully drains, then idles; its restart leaves the host's
// keepalived as it was.
TEST(TraceReplay, TierStopDrainsThenRestartsWithoutTouchingTheMember) {
  Trace t;
  t.emit(0, "run.start",
         {{"hosts", {"lb1", "c1"}}, {"members", {{{"host", "lb1"}}}}, {"tiers", {{{"name", "proxy"}, {"hosts", {"lb1"}}}}}});
  t.emit(0, "vrrp.state", {{"node", "lb1"}, {"state", "master"}, {"priority", 200}});
  t.emit(20, "fault.stop", {{"fault", 0}, {"host", "lb1"}, {"process", "tier"}});
  t.emit(20, "tier.stop", {{"tier", "proxy"}, {"node", "lb1"}, {"in_flight", 2}});
  t.emit(20.5, "tier.stopped", {{"tier", "proxy"}, {"node", "lb1"}});
  t.emit(40, "fault.restart", {{"fault", 0}, {"host", "lb1"}});
  TraceReplay r(t.events());
  EXPECT_EQ(r.at(20.1).nodes.at("lb1").tier_stop, "draining");
  EXPECT_EQ(r.at(30).nodes.at("lb1").tier_stop, "stopped");
  EXPECT_EQ(r.at(30).nodes.at("lb1").vrrp_state, "master");  // keepalived was not stopped
  RunState restarted = r.at(41);
  EXPECT_EQ(restarted.nodes.at("lb1").tier_stop, "");
  EXPECT_EQ(restarted.nodes.at("lb1").vrrp_state, "master");
  EXPECT_EQ(restarted.nodes.at("lb1").tier, "proxy");
}

// What a proxy's pool believes of its servers: passive skips until a time, active checks.
TEST(TraceReplay, APoolsBeliefsFollowItsChecks) {
  Trace t;
  t.emit(0, "run.start", {{"hosts", {"lb1", "web1", "web2"}}, {"members", TraceEvent::array()}});
  t.emit(20.5, "upstream.failed", {{"tier", "proxy"}, {"node", "lb1"}, {"server", "web1"}, {"fails", 1}, {"until_s", 31.0}});
  t.emit(22, "check.state", {{"tier", "proxy"}, {"node", "lb1"}, {"server", "web2"}, {"up", false}});
  t.emit(30, "check.state", {{"tier", "proxy"}, {"node", "lb1"}, {"server", "web2"}, {"up", true}});
  TraceReplay r(t.events());
  EXPECT_TRUE(r.at(20).nodes.at("lb1").skipped_until.empty());
  EXPECT_DOUBLE_EQ(r.at(25).nodes.at("lb1").skipped_until.at("web1"), 31.0);
  EXPECT_EQ(r.at(25).nodes.at("lb1").checked_down.count("web2"), 1u);
  EXPECT_EQ(r.at(35).nodes.at("lb1").checked_down.count("web2"), 0u);
}

// A Sentinel's view: its master from run.start, SDOWN and ODOWN, then the switch; a Redis
// instance's role from SLAVEOF.
TEST(TraceReplay, SentinelViewsFollowTheirEvents) {
  Trace t;
  t.emit(0, "run.start",
         {{"hosts", {"r1", "r2", "s1"}}, {"members", TraceEvent::array()},
          {"tiers", {{{"name", "redis"}, {"hosts", {"r1", "r2"}}, {"sentinels", {"s1"}}}}}});
  t.emit(25, "sentinel.event", {{"tier", "redis"}, {"sentinel", "s1"}, {"event", "+sdown"}, {"epoch", 0}});
  t.emit(25.1, "sentinel.event", {{"tier", "redis"}, {"sentinel", "s1"}, {"event", "+odown"}, {"epoch", 0}});
  t.emit(25.2, "cache.role", {{"tier", "redis"}, {"node", "r2"}, {"role", "master"}});
  t.emit(26, "sentinel.switch", {{"tier", "redis"}, {"sentinel", "s1"}, {"from", "r1"}, {"to", "r2"}, {"epoch", 1}});
  TraceReplay r(t.events());
  ASSERT_TRUE(r.at(1).nodes.at("s1").sentinel);
  EXPECT_EQ(r.at(1).nodes.at("s1").sentinel->master, "r1");
  EXPECT_EQ(r.at(1).nodes.at("r2").cache_role, "replica of r1");
  EXPECT_TRUE(r.at(25.15).nodes.at("s1").sentinel->odown);
  EXPECT_EQ(r.at(25.5).nodes.at("r2").cache_role, "master");
  const SentinelView after = *r.at(30).nodes.at("s1").sentinel;
  EXPECT_EQ(after.master, "r2");
  EXPECT_FALSE(after.sdown);
  EXPECT_EQ(after.epoch, 1u);
}

TEST(TraceReplay, CheckpointsGiveTheSameStateAsAFullReplay) {
  Trace t;
  t.emit(0, "run.start", {{"hosts", {"n1", "c1"}}, {"members", {{{"host", "n1"}}}}});
  for (int i = 0; i < 5000; ++i)
    t.emit(i * 0.01, "request", {{"client", "c1"}, {"outcome", i % 7 == 0 ? "timeout" : "ok"}});
  TraceReplay r(t.events());
  for (double when : {0.0, 10.0, 10.245, 33.3, 49.99, 100.0}) {
    RunState fast = r.at(when);
    RunState slow;
    for (const auto& e : t.events())
      if (e["t"].get<double>() <= when) apply_event(slow, e);
    EXPECT_EQ(fast.requests_ok, slow.requests_ok) << when;
    EXPECT_EQ(fast.requests_failed, slow.requests_failed) << when;
  }
}

TEST(TraceReplay, CorruptedWritesGrowWithTheOverlap) {
  Trace t;
  t.emit(0, "run.start", {{"hosts", {"n1", "n2"}}});
  for (int i = 0; i < 40; ++i) t.emit(i * 1.0, "storage.write", {{"node", "n1"}, {"epoch", 1}, {"result", "accepted"}});
  for (int i = 20; i < 40; ++i) t.emit(i + 0.5, "storage.write", {{"node", "n2"}, {"epoch", 2}, {"result", "accepted"}});
  std::vector<TraceEvent> events = t.events();
  std::stable_sort(events.begin(), events.end(),
                   [](const TraceEvent& a, const TraceEvent& b) { return a["t"].get<double>() < b["t"].get<double>(); });
  TraceReplay r(events);
  EXPECT_EQ(r.at(19.9).corrupted_writes, 0u);
  // The sessions overlap on [20.5, 39]: n1's writes at 21..39 and n2's at 20.5..38.5.
  EXPECT_EQ(r.at(25.0).corrupted_writes, 10u);  // n1 at 21..25, n2 at 20.5..24.5
  EXPECT_EQ(r.at(100).corrupted_writes, 38u);
}

TEST(TraceReplay, StreamingAppendMatchesBulkLoad) {
  TraceReplay bulk(split_brain_trace());
  TraceReplay streamed;
  for (const auto& e : split_brain_trace()) streamed.append(e);
  EXPECT_EQ(streamed.at(25).ip_holders(), bulk.at(25).ip_holders());
  EXPECT_DOUBLE_EQ(streamed.end_time(), 57.0);
}

} // namespace halab
