#include "models/cache/sentinel.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace halab {
namespace {

using Kind = Sentinel::Event::Kind;
Instant at(double s) { return Instant::at_seconds(s); }

SentinelConfig config(int quorum, double down_after_s = 5, double failover_timeout_s = 60) {
  SentinelConfig c;
  c.quorum = quorum;
  c.down_after = Duration::seconds(down_after_s);
  c.failover_timeout = Duration::seconds(failover_timeout_s);
  return c;
}

ReplicaInfo replica(const std::string& id, int priority, std::uint64_t offset, Instant now) {
  ReplicaInfo r;
  r.run_id = id;
  r.priority = priority;
  r.offset = offset;
  r.last_reply = now;
  r.info_refresh = now;
  return r;
}

bool has(const std::vector<Sentinel::Event>& events, Kind kind) {
  return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.kind == kind; });
}

// Sentinels that reach each other at once unless cut off; each ticks every 100 ms.
struct Group {
  Group(std::size_t n, SentinelConfig c) : rng(Rng::stream(7, "sentinels")) {
    for (std::size_t i = 0; i < n; ++i) sentinels.emplace_back(c, i, n);
    reachable.assign(n, std::vector<bool>(n, true));
  }
  void cut_off(std::size_t s) {
    for (std::size_t i = 0; i < reachable.size(); ++i) reachable[s][i] = reachable[i][s] = i == s;
  }
  // Runs from `from` to `to`: the master answers nothing from time 0; returns the first
  // (time, sentinel, replica) promotion asked for.
  std::optional<std::tuple<double, std::size_t, std::size_t>> run(double from, double to,
                                                                  const std::vector<ReplicaInfo>& base) {
    for (auto& s : sentinels) s.ping_sent(at(from));
    for (double t = from; t <= to; t += 0.1) {
      std::vector<ReplicaInfo> replicas = base;
      for (auto& r : replicas) r.last_reply = r.info_refresh = at(t);
      for (std::size_t i = 0; i < sentinels.size(); ++i) {
        const Sentinel::Step step = sentinels[i].tick(at(t), replicas, rng);
        for (std::size_t p : step.ask) {
          if (!reachable[i][p]) continue;
          std::optional<std::size_t> candidate;
          if (step.seek_vote) candidate = i;
          const auto reply = sentinels[p].on_request(at(t), sentinels[i].current_epoch(), candidate, rng);
          sentinels[i].on_reply(at(t), p, reply);
        }
        if (step.promote) return std::tuple{t, i, *step.promote};
      }
    }
    return std::nullopt;
  }
  std::vector<Sentinel> sentinels;
  std::vector<std::vector<bool>> reachable;
  Rng rng;
};

TEST(Sentinel, SubjectivelyDownOnceAPingIsUnansweredForLongerThanDownAfter) {
  Sentinel s(config(2, 5), 0, 3);
  Rng rng = Rng::stream(1, "s");
  s.ping_sent(at(1));
  s.ping_sent(at(2));  // the oldest unanswered ping counts
  s.tick(at(6), {}, rng);
  EXPECT_FALSE(s.sdown());  // elapsed 5 s: not more than down-after
  s.tick(at(6.01), {}, rng);
  EXPECT_TRUE(s.sdown());
  EXPECT_TRUE(has(s.take_events(), Kind::sdown));
  s.master_replied(at(7));
  s.tick(at(7), {}, rng);
  EXPECT_FALSE(s.sdown());
  EXPECT_TRUE(has(s.take_events(), Kind::sdown_cleared));
}

TEST(Sentinel, ObjectivelyDownNeedsQuorumSentinelsAndForgetsOldReplies) {
  Sentinel s(config(2, 5), 0, 3);
  Rng rng = Rng::stream(1, "s");
  s.ping_sent(at(0));
  const auto step = s.tick(at(5.1), {}, rng);
  EXPECT_TRUE(s.sdown());
  EXPECT_FALSE(s.odown());  // its own SDOWN is one of two
  EXPECT_EQ(step.ask, (std::vector<std::size_t>{1, 2}));  // it asks the others
  EXPECT_FALSE(step.seek_vote);
  s.on_reply(at(5.2), 1, {true, std::nullopt, 0});
  s.tick(at(5.3), {}, rng);
  EXPECT_TRUE(s.odown());
  // A reply older than five ask periods is forgotten.
  s.tick(at(10.21), {}, rng);  // forgets it
  s.tick(at(10.3), {}, rng);
  EXPECT_FALSE(s.odown());
}

TEST(Sentinel, AVoteGoesToTheFirstCandidateOfAnEpoch) {
  Sentinel s(config(2), 0, 3);
  Rng rng = Rng::stream(1, "s");
  auto r = s.on_request(at(1), 1, 1, rng);
  EXPECT_EQ(r.leader, std::optional<std::size_t>(1));
  EXPECT_EQ(r.leader_epoch, 1u);
  r = s.on_request(at(1.1), 1, 2, rng);  // same epoch: the earlier vote stands
  EXPECT_EQ(r.leader, std::optional<std::size_t>(1));
  r = s.on_request(at(2), 2, 2, rng);  // a newer epoch: a new vote
  EXPECT_EQ(r.leader, std::optional<std::size_t>(2));
  EXPECT_EQ(s.current_epoch(), 2u);
  r = s.on_request(at(3), 2, std::nullopt, rng);  // not seeking a vote: none given
  EXPECT_FALSE(r.leader);
}

TEST(Sentinel, ThreeSentinelsFailOverAndTheLeaderPromotesTheBestReplica) {
  Group g(3, config(2, 5, 60));
  const std::vector<ReplicaInfo> replicas{replica("b", 100, 900, at(0)), replica("a", 100, 1000, at(0)),
                                          replica("c", 50, 10, at(0))};
  const auto promoted = g.run(0, 30, replicas);
  ASSERT_TRUE(promoted);
  const auto [t, leader, chosen] = *promoted;
  EXPECT_EQ(chosen, 2u);  // the lowest replica-priority wins over the larger offset
  // SDOWN after 5 s; ODOWN and the election a few ticks later (up to 1 s of desync).
  EXPECT_GT(t, 5.0);
  EXPECT_LT(t, 7.5);
  EXPECT_TRUE(g.sentinels[leader].failover() == Sentinel::Failover::wait_promotion);
  g.sentinels[leader].promotion_seen(at(t + 1));
  EXPECT_TRUE(g.sentinels[leader].failover() == Sentinel::Failover::reconf_replicas);
  EXPECT_EQ(g.sentinels[leader].config_epoch(), g.sentinels[leader].current_epoch());
}

// sentinelSelectSlave: Redis's rule over the replicas its filter keeps.
std::optional<std::size_t> select(Instant now, const std::vector<ReplicaInfo>& r, std::optional<Duration> sdown_for, Duration down_after) {
  return RedisPromotion().choose(r, Sentinel::usable_replicas(now, r, sdown_for, down_after));
}

// A user's rule: the most data first, whatever the replica-priority.
class MostDataFirst final : public PromotionPolicy {
 public:
  std::optional<std::size_t> choose(const std::vector<ReplicaInfo>& r, const std::vector<bool>& usable) const override {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < r.size(); ++i)
      if (usable[i] && (!best || r[i].offset > r[*best].offset)) best = i;
    return best;
  }
};

TEST(Sentinel, TheLeaderPromotesWhatAConfiguredPolicyChooses) {
  const MostDataFirst policy;
  SentinelConfig c = config(2, 5, 60);
  c.promotion = &policy;
  Group g(3, c);
  const std::vector<ReplicaInfo> replicas{replica("b", 100, 900, at(0)), replica("a", 100, 1000, at(0)),
                                          replica("c", 50, 10, at(0))};
  const auto promoted = g.run(0, 30, replicas);
  ASSERT_TRUE(promoted);
  EXPECT_EQ(std::get<2>(*promoted), 1u);  // the largest offset, not the lowest priority
}

TEST(Sentinel, ReplicaChoiceByPriorityThenOffsetThenRunId) {
  const Instant now = at(100);
  const Duration down_after = Duration::seconds(5);
  const std::optional<Duration> sdown_for = Duration::seconds(3);
  std::vector<ReplicaInfo> r{replica("b", 100, 1000, now), replica("a", 100, 1000, now), replica("c", 100, 999, now)};
  EXPECT_EQ(select(now, r, sdown_for, down_after), std::optional<std::size_t>(1));  // run id
  r[2].offset = 2000;
  EXPECT_EQ(select(now, r, sdown_for, down_after), std::optional<std::size_t>(2));  // offset
  r[0].priority = 10;
  EXPECT_EQ(select(now, r, sdown_for, down_after), std::optional<std::size_t>(0));  // priority
  r[0].priority = 0;  // never promoted
  EXPECT_EQ(select(now, r, sdown_for, down_after), std::optional<std::size_t>(2));
  r[2].down = true;
  r[1].last_reply = at(94.9);  // no PING reply for more than 5 s
  EXPECT_EQ(select(now, r, sdown_for, down_after), std::nullopt);
  r[1].last_reply = now;
  r[1].info_refresh = at(94.9);  // INFO older than 5 s while the master is down
  EXPECT_EQ(select(now, r, sdown_for, down_after), std::nullopt);
  EXPECT_EQ(select(now, r, std::nullopt, down_after), std::optional<std::size_t>(1));  // 30 s then
  r[1].master_link_down = Duration::seconds(53.1);  // > 3 s down + 10 × 5 s
  EXPECT_EQ(select(now, r, sdown_for, down_after), std::nullopt);
}

TEST(Sentinel, NoFailoverWithoutAMajorityOfTheSentinelsKnown) {
  // Two Sentinels, quorum 1: one alone reaches ODOWN but never a majority of two.
  Group two(2, config(1, 5, 60));
  two.cut_off(1);
  EXPECT_FALSE(two.run(0, 40, {replica("a", 100, 1, at(0))}));
  EXPECT_TRUE(two.sentinels[0].odown());
  EXPECT_TRUE(has(two.sentinels[0].take_events(), Kind::abort_not_elected));
  // Three Sentinels, one cut off: the other two are a majority.
  Group three(3, config(2, 5, 60));
  three.cut_off(2);
  const auto promoted = three.run(0, 40, {replica("a", 100, 1, at(0))});
  ASSERT_TRUE(promoted);
  EXPECT_NE(std::get<1>(*promoted), 2u);
}

TEST(Sentinel, QuorumBoundsTheDownStateAndTheElectionAlike) {
  // Five Sentinels, quorum 4, one cut off: four agree the master is down and elect a leader.
  Group g(5, config(4, 5, 60));
  g.cut_off(4);
  EXPECT_TRUE(g.run(0, 30, {replica("a", 100, 1, at(0))}));
  Group h(5, config(3, 5, 60));
  h.cut_off(3);
  h.cut_off(4);
  EXPECT_TRUE(h.run(0, 30, {replica("a", 100, 1, at(0))}));  // three votes, quorum 3: elected
  Group k(5, config(4, 5, 60));
  k.cut_off(3);
  k.cut_off(4);
  EXPECT_FALSE(k.run(0, 30, {replica("a", 100, 1, at(0))}));  // three, a majority of five, but ODOWN needs 4
  EXPECT_FALSE(k.sentinels[0].odown());
}

TEST(Sentinel, AnAbortedFailoverWaitsTwiceTheFailoverTimeout) {
  Sentinel s(config(1, 5, 20), 0, 2);  // its peer never answers
  Rng rng = Rng::stream(1, "s");
  s.ping_sent(at(0));
  double started = -1, aborted = -1, restarted = -1;
  for (double t = 0; t < 60; t += 0.1) {
    s.tick(at(t), {}, rng);
    for (const auto& e : s.take_events()) {
      if (e.kind == Kind::try_failover && started < 0) started = t;
      else if (e.kind == Kind::try_failover && restarted < 0) restarted = t;
      if (e.kind == Kind::abort_not_elected && aborted < 0) aborted = t;
    }
  }
  ASSERT_GE(started, 0);
  // Not elected: aborted min(10 s, failover-timeout) after the start (+ up to 1 s desync).
  EXPECT_GT(aborted - started, 10.0);
  EXPECT_LT(aborted - started, 11.2);
  // The next attempt only 2 × failover-timeout after the last start.
  EXPECT_GE(restarted - started, 40.0);
  EXPECT_LT(restarted - started, 41.2);
  EXPECT_EQ(s.current_epoch(), 2u);
}

TEST(Sentinel, VotingForAnotherDelaysItsOwnFailover) {
  Sentinel s(config(1, 5, 20), 0, 3);
  Rng rng = Rng::stream(1, "s");
  s.on_request(at(1), 1, 2, rng);  // votes for Sentinel 2 in epoch 1
  s.ping_sent(at(1));
  s.tick(at(6.2), {}, rng);
  EXPECT_TRUE(s.odown());
  EXPECT_TRUE(s.failover() == Sentinel::Failover::none);  // within 2 × 20 s of that vote
}

}  // namespace
}  // namespace halab
