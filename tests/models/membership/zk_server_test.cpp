// A ZooKeeper ensemble and its clients (ZkServer, ZkClient) on a small in-test network:
// every packet takes 1 ms, a crashed node neither sends nor receives, a cut drops packets
// between two sides. One test per documented behaviour of sessions and group membership.
#include "models/membership/zk_client.hpp"
#include "models/membership/zk_server.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

namespace halab {
namespace {

constexpr double kLatency = 0.001;

class Ensemble {
public:
  Ensemble(std::uint32_t servers, std::uint32_t clients, ZkConfig config = {}) : config_(config), rng_(11) {
    config_.servers = servers;
    for (std::uint32_t s = 0; s < servers; ++s)
      servers_.push_back(std::make_unique<ZkServer>(config_, s, servers - 1, clients, true, Instant{}, rng_));
    for (std::uint32_t c = 0; c < clients; ++c)
      clients_.push_back(std::make_unique<ZkClient>(config_, c, clients, 1, true, Instant{}, rng_));
    expirations_.assign(clients, 0);
  }

  void crash_client(std::uint32_t c) { clients_[c].reset(); }
  void crash_server(std::uint32_t s) { servers_[s].reset(); }
  void restart_server(std::uint32_t s) {
    servers_[s] = std::make_unique<ZkServer>(config_, s, config_.servers - 1, clients_.size(), false, Instant::at_seconds(now_), rng_);
  }
  // Cuts `side` (server and client node ids, see node()) off from the rest, or heals.
  void cut(std::set<std::uint32_t> side) { cut_ = std::move(side); }
  void heal() { cut_.clear(); }
  std::uint32_t client_node(std::uint32_t c) const { return config_.servers + c; }

  void run_until(double end) {
    for (;;) {
      double next = end;
      for (auto& s : servers_) if (s) next = std::min(next, s->next_deadline().to_seconds());
      for (auto& c : clients_) if (c) next = std::min(next, c->next_deadline().to_seconds());
      if (!queue_.empty()) next = std::min(next, queue_.begin()->first.first);
      if (next >= end) break;
      now_ = next;
      const Instant t = Instant::at_seconds(now_);
      for (std::uint32_t s = 0; s < servers_.size(); ++s)
        if (servers_[s] && servers_[s]->next_deadline() <= t) {
          ZkServerOutput out;
          servers_[s]->on_timer(t, out);
          send_from_server(s, out);
        }
      for (std::uint32_t c = 0; c < clients_.size(); ++c)
        if (clients_[c] && clients_[c]->next_deadline() <= t) {
          ZkClientOutput out;
          clients_[c]->on_timer(t, rng_, out);
          send_from_client(c, out);
        }
      while (!queue_.empty() && queue_.begin()->first.first <= now_) {
        auto [from, to, packet] = queue_.begin()->second;
        queue_.erase(queue_.begin());
        deliver(from, to, packet);
      }
    }
    now_ = end;
  }

  ZkServer* server(std::uint32_t s) { return servers_[s].get(); }
  ZkClient* client(std::uint32_t c) { return clients_[c].get(); }
  std::uint32_t expirations(std::uint32_t c) const { return expirations_[c]; }
  // When the first running client other than `c` stopped holding `c`.
  std::optional<double> first_dropped(std::uint32_t c) const {
    auto it = dropped_.find(c);
    return it == dropped_.end() ? std::nullopt : std::optional<double>(it->second);
  }
  const std::vector<ZkTxn>& leader_applied() const { return leader_applied_; }
  bool lost_quorum() const { return lost_quorum_; }

private:
  bool reachable(std::uint32_t a, std::uint32_t b) const { return cut_.empty() || cut_.count(a) == cut_.count(b); }
  void post(std::uint32_t from, std::uint32_t to, ZkPacket p) {
    if (reachable(from, to)) queue_.emplace(std::pair(now_ + kLatency, seq_++), std::tuple(from, to, std::move(p)));
  }
  void send_from_server(std::uint32_t s, ZkServerOutput& out) {
    lost_quorum_ |= out.lost_quorum;
    if (s == config_.servers - 1) leader_applied_.insert(leader_applied_.end(), out.applied.begin(), out.applied.end());
    for (ZkServerSend& send : out.sends) post(s, send.to_client ? client_node(send.to) : send.to, std::move(send.packet));
  }
  void send_from_client(std::uint32_t c, ZkClientOutput& out) {
    expirations_[c] += out.expired;
    for (const ZkViewChange& change : out.changes)
      if (!change.alive && !dropped_.count(change.node)) dropped_[change.node] = now_;
    for (ZkClientSend& send : out.sends) post(client_node(c), send.server, std::move(send.packet));
  }
  void deliver(std::uint32_t from, std::uint32_t to, const ZkPacket& p) {
    if (!reachable(from, to)) return;  // cut while in flight
    const Instant t = Instant::at_seconds(now_);
    if (to < config_.servers) {
      if (!servers_[to]) return;
      ZkServerOutput out;
      if (from < config_.servers) servers_[to]->receive_server(t, from, p, out);
      else servers_[to]->receive_client(t, from - config_.servers, p, out);
      send_from_server(to, out);
    } else {
      const std::uint32_t c = to - config_.servers;
      if (!clients_[c]) return;
      ZkClientOutput out;
      clients_[c]->receive(t, from, p, rng_, out);
      send_from_client(c, out);
    }
  }

  ZkConfig config_;
  Rng rng_;
  double now_ = 0;
  std::uint64_t seq_ = 0;
  std::vector<std::unique_ptr<ZkServer>> servers_;
  std::vector<std::unique_ptr<ZkClient>> clients_;
  std::map<std::pair<double, std::uint64_t>, std::tuple<std::uint32_t, std::uint32_t, ZkPacket>> queue_;  // in sending order
  std::set<std::uint32_t> cut_;
  std::vector<std::uint32_t> expirations_;
  std::map<std::uint32_t, double> dropped_;
  std::vector<ZkTxn> leader_applied_;
  bool lost_quorum_ = false;
};

ZkConfig ticks_of_2s_timeout_6s() {
  ZkConfig c;
  c.tick_ms = 2000;
  c.session_timeout_ms = 6000;
  return c;
}

}  // namespace

TEST(ZkEnsemble, IdleClientsKeepTheirSessionsByPinging) {
  Ensemble e(3, 5, ticks_of_2s_timeout_6s());
  e.run_until(120);
  EXPECT_TRUE(e.leader_applied().empty());  // nothing opened, nothing closed
  for (std::uint32_t c = 0; c < 5; ++c) {
    EXPECT_EQ(e.client(c)->state(), ZkClient::State::connected);
    EXPECT_EQ(e.expirations(c), 0u);
    EXPECT_FALSE(e.first_dropped(c));
  }
}

TEST(ZkEnsemble, ACrashedClientExpiresWithinATickAfterItsTimeoutAndLeavesEveryView) {
  Ensemble e(3, 5, ticks_of_2s_timeout_6s());
  e.run_until(30);
  e.crash_client(2);
  e.run_until(60);
  ASSERT_EQ(e.leader_applied().size(), 1u);
  EXPECT_EQ(e.leader_applied()[0].op, ZkTxn::Op::close);
  EXPECT_EQ(e.leader_applied()[0].client, 2u);
  // Its last touch reached the leader at most tickTime / 2 + a ping period before the
  // crash; expiry comes between the timeout and the timeout plus a tick after the touch.
  ASSERT_TRUE(e.first_dropped(2));
  EXPECT_GT(*e.first_dropped(2), 30 + 6 - 2 - 1 - 0.1);
  EXPECT_LT(*e.first_dropped(2), 30 + 6 + 2 + 0.1);
  for (std::uint32_t c : {0u, 1u, 3u, 4u}) EXPECT_FALSE(e.client(c)->holds(2)) << c;
}

TEST(ZkEnsemble, ClientsOfACrashedFollowerMoveAndKeepTheirSessions) {
  Ensemble e(3, 12, ticks_of_2s_timeout_6s());
  e.run_until(20);
  e.crash_server(0);
  e.run_until(80);
  EXPECT_TRUE(e.leader_applied().empty());
  for (std::uint32_t c = 0; c < 12; ++c) {
    EXPECT_EQ(e.client(c)->state(), ZkClient::State::connected) << c;
    EXPECT_NE(e.client(c)->server(), 0u) << c;
    EXPECT_EQ(e.expirations(c), 0u) << c;
  }
}

TEST(ZkEnsemble, AClientCutOffFromTheEnsembleIsExpiredAndComesBackWithANewSession) {
  Ensemble e(3, 4, ticks_of_2s_timeout_6s());
  e.run_until(10);
  e.cut({e.client_node(1)});
  e.run_until(40);
  ASSERT_TRUE(e.first_dropped(1));
  EXPECT_TRUE(e.client(1)->holds(0));  // its own view is frozen while it hears nothing
  e.heal();
  e.run_until(60);
  EXPECT_EQ(e.expirations(1), 1u);  // told on reconnecting: a new session
  EXPECT_EQ(e.client(1)->generation(), 2u);
  for (std::uint32_t c : {0u, 2u, 3u}) EXPECT_TRUE(e.client(c)->holds(1)) << c;
}

TEST(ZkEnsemble, AFollowerCutOffFromTheLeaderStopsServingAfterSyncLimitTicksAndRejoinsAfterTheHeal) {
  ZkConfig config = ticks_of_2s_timeout_6s();
  Ensemble e(3, 6, config);
  e.run_until(10);
  e.cut({0});
  e.run_until(10 + 5 * 2 + 1.1);  // syncLimit × tickTime, and the next half tick
  EXPECT_EQ(e.server(0)->role(), ZkServer::Role::looking);
  EXPECT_EQ(e.server(1)->role(), ZkServer::Role::following);
  EXPECT_FALSE(e.lost_quorum());
  e.heal();
  // Notifications back off 0.2, 0.4, … 60 s while cut: it rejoins at its next one.
  e.run_until(10 + 11 + 70);
  EXPECT_EQ(e.server(0)->role(), ZkServer::Role::following);
  for (std::uint32_t c = 0; c < 6; ++c) EXPECT_EQ(e.expirations(c), 0u) << c;
}

TEST(ZkEnsemble, ARestartedFollowerNeedsAQuorumOfOthersToFindTheLeader) {
  Ensemble e(3, 2, ticks_of_2s_timeout_6s());
  e.run_until(5);
  e.crash_server(0);
  e.crash_server(1);
  e.restart_server(0);
  e.run_until(30);
  EXPECT_EQ(e.server(0)->role(), ZkServer::Role::looking);  // only the leader answers: 1 of 2 needed
  EXPECT_TRUE(e.lost_quorum());  // and the leader, alone, says it has lost its quorum
}

}  // namespace halab
