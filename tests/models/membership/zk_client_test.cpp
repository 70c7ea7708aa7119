// A ZooKeeper client's connection and session timing (ClientCnxn.SendThread,
// StaticHostProvider), driven by hand: one test per rule.
#include "models/membership/zk_client.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

Instant at(double s) { return Instant::at_seconds(s); }

ZkConfig three_servers() {
  ZkConfig c;
  c.tick_ms = 2000;
  c.session_timeout_ms = 6000;  // readTimeout 4000, connectTimeout 2000
  c.servers = 3;
  return c;
}

ZkPacket connected(int timeout_ms, std::vector<std::uint32_t> live, std::uint64_t zxid = 0) {
  ZkPacket p = ZkPacket::of(ZkPacket::Kind::connected);
  p.timeout_ms = timeout_ms;
  p.live = std::move(live);
  p.zxid = zxid;
  return p;
}

ZkPacket event(ZkTxn::Op op, std::uint32_t client, std::uint32_t generation, std::uint64_t zxid) {
  ZkPacket p = ZkPacket::of(ZkPacket::Kind::children);
  p.txn = {op, client, generation, 6000};
  p.zxid = zxid;
  return p;
}

// Times are relative to t0, the client's first connection (drawn within its first ping period).
struct Fixture {
  Rng rng{7};
  ZkConfig config = three_servers();
  ZkClientOutput out;
  ZkClient client{config, 0, 3, 1, true, at(0), rng};
  double t0 = client.next_deadline().to_seconds();
  void timer(double t) {
    out.clear();
    client.on_timer(at(t0 + t), rng, out);
  }
  void receive(double t, const ZkPacket& p) {
    out.clear();
    client.receive(at(t0 + t), client.server(), p, rng, out);
  }
  double deadline() const { return client.next_deadline().to_seconds() - t0; }
};

}  // namespace

TEST(ZkClient, TheRunsFirstClientsConnectWithinTheirFirstPingPeriodWithTheirSession) {
  Fixture f;
  EXPECT_GE(f.t0, 0);
  EXPECT_LT(f.t0, 2.0);  // readTimeout / 2
  f.timer(-0.001);
  EXPECT_TRUE(f.out.sends.empty());
  f.timer(0);
  ASSERT_EQ(f.out.sends.size(), 1u);
  EXPECT_EQ(f.out.sends[0].packet.kind, ZkPacket::Kind::connect);
  EXPECT_FALSE(f.out.sends[0].packet.fresh);
  EXPECT_EQ(f.out.sends[0].packet.generation, 1u);
  EXPECT_EQ(f.client.state(), ZkClient::State::connecting);
  EXPECT_TRUE(f.client.has_view());
}

TEST(ZkClient, PingsEveryThirdOfTheNegotiatedTimeoutWhenIdle) {
  Fixture f;
  f.timer(0);
  f.receive(0.001, connected(6000, {1, 1, 1}));
  EXPECT_EQ(f.client.state(), ZkClient::State::connected);
  EXPECT_NEAR(f.deadline(), 2.0, 1e-9);  // readTimeout / 2 after the connect was sent
  f.timer(2.0);
  ASSERT_EQ(f.out.sends.size(), 1u);
  EXPECT_EQ(f.out.sends[0].packet.kind, ZkPacket::Kind::ping);
  f.receive(2.001, ZkPacket::of(ZkPacket::Kind::pong));
  EXPECT_NEAR(f.deadline(), 4.0, 1e-9);
}

TEST(ZkClient, DropsASilentServerAfterTheReadTimeoutAndTriesTheNext) {
  Fixture f;
  f.timer(0);
  const std::uint32_t first = f.client.server();
  f.receive(0.001, connected(6000, {1, 1, 1}));
  for (double t : {2.0, 4.0}) f.timer(t);  // pings, no pong
  EXPECT_NEAR(f.deadline(), 4.001, 1e-9);  // readTimeout after it last heard
  f.timer(4.001);
  EXPECT_EQ(f.client.state(), ZkClient::State::sleeping);
  EXPECT_NE(f.client.server(), first);
  // not the first connect: a random sleep below 1 s before the attempt
  EXPECT_GE(f.deadline(), 4.001);
  EXPECT_LT(f.deadline(), 5.001);
  EXPECT_TRUE(f.client.has_view());  // disconnected, the view stays
}

TEST(ZkClient, AnAttemptThatHearsNothingGivesUpAfterTheConnectTimeout) {
  Fixture f;
  f.timer(0);
  EXPECT_NEAR(f.deadline(), 2.0, 1e-9);  // 6000 / 3 servers
  f.timer(2.0);
  EXPECT_EQ(f.client.state(), ZkClient::State::sleeping);
}

TEST(ZkClient, ComingBackToTheLastServerItWasConnectedToSleepsOneSecondMore) {
  Fixture f;
  f.timer(0);
  const std::uint32_t first = f.client.server();
  f.receive(0.001, connected(6000, {1, 1, 1}));
  f.receive(1.0, ZkPacket::of(ZkPacket::Kind::close));
  double t = 1.0;
  for (int attempt = 0; attempt < 2; ++attempt) {  // the two others refuse at once
    t = f.deadline();
    f.timer(t);
    ASSERT_EQ(f.out.sends.size(), 1u);
    f.receive(t, ZkPacket::of(ZkPacket::Kind::close));
  }
  EXPECT_EQ(f.client.server(), first);
  EXPECT_GE(f.deadline() - t, 1.0);
  EXPECT_LT(f.deadline() - t, 2.0);
}

TEST(ZkClient, AnExpiredSessionIsReplacedByANewOneAtOnce) {
  Fixture f;
  f.timer(0);
  f.receive(0.001, connected(0, {}));
  EXPECT_TRUE(f.out.expired);
  EXPECT_EQ(f.client.generation(), 2u);
  ASSERT_EQ(f.out.sends.size(), 1u);  // a new handle's first attempt: no sleep
  EXPECT_EQ(f.out.sends[0].packet.kind, ZkPacket::Kind::connect);
  EXPECT_TRUE(f.out.sends[0].packet.fresh);
  EXPECT_EQ(f.out.sends[0].packet.generation, 2u);
}

TEST(ZkClient, ItsViewFollowsTheChildWatchAndEachReconnection) {
  Fixture f;
  f.timer(0);
  f.receive(0.001, connected(6000, {1, 1, 1}));
  f.receive(1.0, event(ZkTxn::Op::close, 2, 1, 1));
  ASSERT_EQ(f.out.changes.size(), 1u);
  EXPECT_EQ(f.out.changes[0].node, 2u);
  EXPECT_FALSE(f.out.changes[0].alive);
  EXPECT_FALSE(f.client.holds(2));
  f.receive(1.5, event(ZkTxn::Op::close, 1, 7, 2));  // another session's close: not the one it holds
  EXPECT_TRUE(f.out.changes.empty());
  EXPECT_TRUE(f.client.holds(1));
  f.receive(2.0, ZkPacket::of(ZkPacket::Kind::close));
  f.timer(f.deadline());
  f.receive(f.deadline(), connected(6000, {1, 0, 3}, 5));  // the new server's tree, at zxid 5
  ASSERT_EQ(f.out.changes.size(), 2u);
  EXPECT_FALSE(f.client.holds(1));
  EXPECT_TRUE(f.client.holds(2));
}

TEST(ZkClient, EventsComeOnlyOnAConnectionTheServerHasAnswered) {
  Fixture f;
  f.timer(0);
  f.receive(0.001, event(ZkTxn::Op::close, 2, 1, 4));  // before the answer: a connection left
  EXPECT_TRUE(f.out.changes.empty());
  f.receive(0.002, connected(6000, {1, 1, 1}, 3));
  EXPECT_TRUE(f.out.changes.empty());
  EXPECT_TRUE(f.client.holds(2));
  f.receive(0.003, event(ZkTxn::Op::close, 1, 1, 3));  // already in the answer's tree
  EXPECT_TRUE(f.client.holds(1));
  f.receive(0.004, event(ZkTxn::Op::close, 2, 1, 4));
  ASSERT_EQ(f.out.changes.size(), 1u);
  EXPECT_FALSE(f.client.holds(2));
}

}  // namespace halab
