// SWIM with Lifeguard as memberlist runs it (memberlist/state.go), on a small in-memory
// network: 1 ms per packet, crashed members silent, pairs of members cut apart.
#include "models/membership/swim_member.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <tuple>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }

class SwimNet {
public:
  explicit SwimNet(std::uint32_t n, SwimConfig config = {}) : config_(config), rng_(1) {
    for (std::uint32_t i = 0; i < n; ++i) members_.emplace_back(config, i, n, at(0), rng_);
  }
  SwimMember& operator[](std::uint32_t i) { return members_[i]; }
  void crash(std::uint32_t i) { down_.insert(i); }
  // A crashed member's process starts again, knowing nothing, and joins.
  void restart(std::uint32_t i) {
    down_.erase(i);
    members_[i] = SwimMember(config_, i, static_cast<std::uint32_t>(members_.size()), at(now_), rng_);
    out_.clear();
    members_[i].join(at(now_), rng_, out_);
    deliver(now_, i);
  }
  std::size_t push_pulls() const { return push_pulls_; }
  void send(std::uint32_t from, std::uint32_t to, const SwimPacket& packet) {
    queue_.push({now_ + 0.001, order_++, from, to, packet, nullptr});
  }
  void cut(std::uint32_t a, std::uint32_t b) { cut_.insert({std::min(a, b), std::max(a, b)}); }
  void heal() { cut_.clear(); }
  std::size_t packets() const { return packets_; }
  std::size_t stuck() const { return stuck_; }
  // Runs until `until`; `on_change(t, observer, change)` sees every change of view.
  void run(double until, const std::function<void(double, std::uint32_t, const SwimChange&)>& on_change = {}) {
    while (true) {
      Instant next = Instant::never();
      std::uint32_t who = 0;
      for (std::uint32_t i = 0; i < members_.size(); ++i) {
        if (down_.count(i)) continue;
        if (members_[i].next_deadline() < next) next = members_[i].next_deadline(), who = i;
      }
      bool message = !queue_.empty() && std::get<0>(queue_.top()) <= next.to_seconds();
      // A deadline already past (a confirmation shortened a suspicion) is run at once.
      double t = std::max(now_, message ? std::get<0>(queue_.top()) : next.to_seconds());
      if (t > until) break;
      now_ = t;
      out_.clear();
      std::uint32_t self = who;
      if (message) {
        auto [time, order, from, to, packet, state] = queue_.top();
        queue_.pop();
        if (down_.count(to)) continue;
        self = to;
        if (state) members_[to].receive_state(at(t), from, *state, out_);
        else members_[to].receive(at(t), from, packet, rng_, out_);
      } else {
        members_[who].on_timer(at(t), rng_, out_);
        if (members_[who].next_deadline() <= at(t)) ++stuck_;  // on_timer left work due
      }
      deliver(t, self);
      if (on_change)
        for (const SwimChange& c : out_.changes) on_change(t, self, c);
    }
    now_ = until;
  }

private:
  void deliver(double t, std::uint32_t self) {
    for (const SwimSend& s : out_.sends) {
      ++packets_;
      if (cut_.count({std::min(self, s.to), std::max(self, s.to)})) continue;
      queue_.push({t + 0.001, order_++, self, s.to, s.packet, nullptr});
    }
    for (const SwimPushPull& pp : out_.push_pulls) {
      ++push_pulls_;
      if (cut_.count({std::min(self, pp.to), std::max(self, pp.to)})) continue;
      queue_.push({t + 0.001, order_++, self, pp.to, SwimPacket{}, std::make_shared<SwimPushPull>(pp)});
    }
  }
  using Item = std::tuple<double, std::uint64_t, std::uint32_t, std::uint32_t, SwimPacket, std::shared_ptr<SwimPushPull>>;
  struct Later {
    bool operator()(const Item& a, const Item& b) const {
      return std::tie(std::get<0>(a), std::get<1>(a)) > std::tie(std::get<0>(b), std::get<1>(b));
    }
  };
  SwimConfig config_;
  Rng rng_;
  std::vector<SwimMember> members_;
  std::priority_queue<Item, std::vector<Item>, Later> queue_;
  std::set<std::uint32_t> down_;
  std::set<std::pair<std::uint32_t, std::uint32_t>> cut_;
  SwimOutput out_;
  std::uint64_t order_ = 0;
  std::size_t packets_ = 0;
  std::size_t push_pulls_ = 0;
  std::size_t stuck_ = 0;
  double now_ = 0;
};
}  // namespace

TEST(SwimConfig, SuspicionMinimumScalesWithLog10OfTheMembers) {
  SwimConfig c;
  EXPECT_DOUBLE_EQ(c.suspicion_min(1).to_seconds(), 4.0);
  EXPECT_DOUBLE_EQ(c.suspicion_min(10).to_seconds(), 4.0);
  EXPECT_DOUBLE_EQ(c.suspicion_min(10000).to_seconds(), 16.0);
  EXPECT_DOUBLE_EQ(c.suspicion_min(50).to_seconds(), 4 * 1.698);  // log10 50 to a thousandth
}

TEST(SwimMember, AHealthyGroupSuspectsNobodyAndSendsAboutTwoPacketsPerMemberPerSecond) {
  SwimNet net(20);
  int changes = 0;
  net.run(60, [&](double, std::uint32_t, const SwimChange&) { ++changes; });
  EXPECT_EQ(changes, 0);
  // A ping and its ack per member per probe interval; no gossip without updates.
  EXPECT_NEAR(static_cast<double>(net.packets()) / (20 * 60), 2.0, 0.1);
  for (std::uint32_t i = 0; i < 20; ++i) EXPECT_EQ(net[i].awareness(), 0);
}

TEST(SwimMember, ACrashIsSuspectedThenDeclaredDeadByEveryone) {
  const std::uint32_t n = 20;
  SwimNet net(n);
  net.run(10);
  net.crash(7);
  std::map<std::uint32_t, double> suspected, dead;
  net.run(60, [&](double t, std::uint32_t who, const SwimChange& c) {
    ASSERT_EQ(c.node, 7u) << "only the crashed member changes";
    if (c.status == SwimStatus::suspect) {
      EXPECT_EQ(c.before, SwimStatus::alive);
      suspected.emplace(who, t);
    }
    if (c.status == SwimStatus::dead) {
      EXPECT_NE(c.before, SwimStatus::dead);
      dead.emplace(who, t);
    }
  });
  ASSERT_EQ(dead.size(), n - 1);
  double first_suspicion = 1e9, last_dead = 0;
  for (auto [who, t] : suspected) first_suspicion = std::min(first_suspicion, t);
  for (auto [who, t] : dead) last_dead = std::max(last_dead, t);
  // The first prober to reach 7 suspects it a probe interval after its ping; each member
  // probes 7 once per round of 19, so within ~20 s of the crash.
  EXPECT_GT(first_suspicion, 11.0);
  EXPECT_LT(first_suspicion, 31.0);
  // Suspicion: minimum 4 × log10 20 = 5.2 s, maximum 6 × that; confirmations from other
  // probers shorten it. Dead everywhere within the maximum after the first suspicion,
  // plus gossip.
  EXPECT_GT(last_dead - first_suspicion, 5.2);
  EXPECT_LT(last_dead - first_suspicion, 6 * 5.204 + 2);
  for (std::uint32_t i = 0; i < n; ++i)
    if (i != 7) {  // dead, or already forgotten (dead for GossipToTheDeadTime)
      EXPECT_TRUE(net[i].status(7) == SwimStatus::dead || net[i].status(7) == SwimStatus::forgotten) << i;
    }
}

TEST(SwimMember, APingReqThroughOthersSavesAMemberCutOffFromTheProberOnly) {
  SwimNet net(10);
  net.cut(0, 3);  // 0 and 3 cannot talk; everyone else reaches both
  int suspicions = 0;
  net.run(120, [&](double, std::uint32_t who, const SwimChange& c) {
    if (c.status != SwimStatus::alive) ++suspicions;
    (void)who;
  });
  EXPECT_EQ(suspicions, 0);
  EXPECT_EQ(net[0].status(3), SwimStatus::alive);
  EXPECT_EQ(net[3].status(0), SwimStatus::alive);
}

TEST(SwimMember, ASuspectedMemberRefutesWithAHigherIncarnation) {
  SwimNet net(10);
  net.run(5);
  // Member 4 is cut from everyone for 3 s: its probers suspect it; once the cut heals the
  // suspicion reaches 4 in gossip (or with a ping) well before it times out (at least
  // 4 s), and 4 refutes it.
  for (std::uint32_t i = 0; i < 10; ++i)
    if (i != 4) net.cut(4, i);
  std::set<std::uint32_t> suspecters;
  net.run(8, [&](double, std::uint32_t who, const SwimChange& c) {
    if (c.node == 4 && c.status == SwimStatus::suspect) suspecters.insert(who);
  });
  ASSERT_FALSE(suspecters.empty());
  net.heal();
  net.run(40);
  EXPECT_GE(net[4].incarnation(4), 1u);
  for (std::uint32_t i = 0; i < 10; ++i) {
    EXPECT_EQ(net[i].status(4), SwimStatus::alive) << i;
    EXPECT_EQ(net[i].incarnation(4), net[4].incarnation(4)) << i;
  }
}

// One member's failed probe, driven by hand: ping, ping-reqs at the probe timeout, the
// suspicion at the probe interval; `nacks` of the ping-req peers answer nack.
int awareness_after_a_failed_probe(int nacks) {
  Rng rng(3);
  SwimMember m({}, 0, 5, at(0), rng);
  SwimOutput out;
  m.on_timer(m.next_deadline(), rng, out);
  EXPECT_EQ(out.sends.size(), 1u);
  const SwimPacket ping = out.sends.at(0).packet;
  std::uint32_t target = out.sends.at(0).to;
  out.clear();
  Instant indirect = m.next_deadline();
  m.on_timer(indirect, rng, out);  // the probe timeout: ping-req through the other three
  EXPECT_EQ(out.sends.size(), 3u);
  std::vector<std::uint32_t> peers;
  for (const SwimSend& s : out.sends) {
    EXPECT_EQ(s.packet.kind, SwimPacket::Kind::ping_req);
    EXPECT_EQ(s.packet.target, target);
    peers.push_back(s.to);
  }
  out.clear();
  SwimPacket nack;
  nack.kind = SwimPacket::Kind::nack;
  nack.seq = ping.seq;
  for (int i = 0; i < nacks; ++i) m.receive(indirect + Duration::millis(10), peers.at(static_cast<std::size_t>(i)), nack, rng, out);
  m.on_timer(m.next_deadline(), rng, out);  // the probe interval: no ack, suspect
  EXPECT_EQ(m.status(target), SwimStatus::suspect);
  return m.awareness();
}

TEST(SwimMember, AFailedProbeRaisesAwarenessByTheNacksMissing) {
  EXPECT_EQ(awareness_after_a_failed_probe(3), 0);  // the relays answered: the target is at fault
  EXPECT_EQ(awareness_after_a_failed_probe(1), 2);
  EXPECT_EQ(awareness_after_a_failed_probe(0), 3);  // nobody answered: this member may be the one cut off
}

TEST(SwimMember, AMemberThatGetsNoNacksRaisesItsAwarenessToTheTop) {
  // 0 is cut from everyone: its pings and ping-reqs go unanswered, no nack comes back,
  // so its local health score climbs to the top (AwarenessMaxMultiplier − 1).
  SwimNet net(8);
  for (std::uint32_t i = 1; i < 8; ++i) net.cut(0, i);
  net.run(60);
  EXPECT_EQ(net[0].awareness(), 7);
  // The others, who all reach each other, stay at 0.
  for (std::uint32_t i = 1; i < 8; ++i) EXPECT_EQ(net[i].awareness(), 0) << i;
}

TEST(SwimMember, OnTimerLeavesNothingDue) {
  // Ticks fall on the same instants as their deadlines, whatever the rounding, and a
  // failed probe that confirms a suspicion past its shortened timeout fires it at once.
  SwimNet net(100);
  net.crash(99);
  net.run(150);
  for (std::uint32_t a = 0; a < 10; ++a)
    for (std::uint32_t b = 10; b < 100; ++b) net.cut(a, b);
  net.run(250);
  net.heal();
  net.run(400);
  EXPECT_EQ(net.stuck(), 0u);
}

TEST(SwimMember, DeadMembersAreForgottenAfterGossipToTheDeadTime) {
  SwimNet net(6);
  net.crash(2);
  net.run(200);
  for (std::uint32_t i = 0; i < 6; ++i) {
    if (i == 2) continue;
    EXPECT_EQ(net[i].status(2), SwimStatus::forgotten) << i;
    EXPECT_EQ(net[i].known(), 5u) << i;
  }
}

TEST(SwimMember, APartitionedGroupDeclaresTheOtherSideDead) {
  SwimNet net(12);
  net.run(5);
  for (std::uint32_t a = 0; a < 4; ++a)
    for (std::uint32_t b = 4; b < 12; ++b) net.cut(a, b);
  net.run(120);
  for (std::uint32_t a = 0; a < 4; ++a)
    for (std::uint32_t b = 4; b < 12; ++b) {
      EXPECT_NE(net[a].status(b), SwimStatus::alive) << a << " sees " << b;
      EXPECT_NE(net[b].status(a), SwimStatus::alive) << b << " sees " << a;
    }
  // Within a side, nobody is lost.
  for (std::uint32_t a = 0; a < 4; ++a)
    for (std::uint32_t b = 0; b < 4; ++b) EXPECT_EQ(net[a].status(b), SwimStatus::alive);
}

// Serf's rejoin: a restarted member push-pulls with another; that member takes the new
// incarnation (1, above the 0 it was declared dead at) and gossips it, and soon nobody holds
// the member dead.
TEST(SwimMember, ARestartedMemberJoinsAndIsAliveAgainEverywhere) {
  const std::uint32_t n = 10;
  SwimNet net(n);
  net.run(10);
  net.crash(3);
  net.run(60);  // declared dead, and forgotten by most 30 s later
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i == 3) continue;
    ASSERT_TRUE(net[i].status(3) == SwimStatus::dead || net[i].status(3) == SwimStatus::forgotten) << i;
  }
  net.restart(3);
  EXPECT_TRUE(net[3].joining());
  EXPECT_EQ(net[3].incarnation(3), 1u);
  std::map<std::uint32_t, double> alive_again;
  net.run(90, [&](double t, std::uint32_t who, const SwimChange& c) {
    if (c.node == 3 && c.status == SwimStatus::alive) alive_again.emplace(who, t);
    EXPECT_FALSE(c.node != 3 && c.status == SwimStatus::dead) << who << " declared " << c.node << " dead";
  });
  EXPECT_FALSE(net[3].joining());
  EXPECT_EQ(net.push_pulls(), 2u);  // the join and its answer
  ASSERT_EQ(alive_again.size(), n - 1);
  for (const auto& [who, t] : alive_again) EXPECT_LT(t, 70) << who;
  for (std::uint32_t i = 0; i < n; ++i) {
    EXPECT_EQ(net[i].status(3), SwimStatus::alive) << i;
    EXPECT_EQ(net[i].incarnation(3), 1u) << i;
    EXPECT_EQ(net[3].status(i), SwimStatus::alive) << i;
  }
}

// A member that had refuted before it crashed was declared dead at its higher
// incarnation: the joiner learns that from the answer and refutes above it.
TEST(SwimMember, AJoinerDeclaredDeadAboveItsIncarnationRefutes) {
  const std::uint32_t n = 5;
  SwimNet net(n);
  net.run(5);
  SwimPacket accusation;  // member 3 hears it is suspected, and refutes at incarnation 1
  accusation.updates[accusation.updates_count++] = {SwimUpdate::Kind::suspect, 3, 0, 0};
  net.send(0, 3, accusation);
  net.run(20);
  for (std::uint32_t i = 0; i < n; ++i) ASSERT_EQ(net[i].incarnation(3), 1u) << i;
  net.crash(3);
  net.run(35);  // declared dead, not yet forgotten
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i == 3) continue;
    ASSERT_EQ(net[i].status(3), SwimStatus::dead) << i;
  }
  net.restart(3);  // announces itself at 1, which nobody takes: it was declared dead at 1
  net.run(60);
  for (std::uint32_t i = 0; i < n; ++i) {
    EXPECT_EQ(net[i].status(3), SwimStatus::alive) << i;
    EXPECT_EQ(net[i].incarnation(3), 2u) << i;
  }
}

// Nobody answers: the joiner asks the next member after each TCP timeout, round again.
TEST(SwimMember, AJoinNobodyAnswersIsRetriedEveryTcpTimeout) {
  SwimNet net(4);
  net.run(5);
  for (std::uint32_t i = 0; i < 4; ++i) net.crash(i);
  net.restart(0);
  net.run(5 + 35);
  EXPECT_TRUE(net[0].joining());
  EXPECT_EQ(net.push_pulls(), 4u);  // at +0, +10, +20, +30 s
}

}  // namespace halab
