#include "models/cache/min_replicas_gate.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

Instant at(double s) { return Instant::at_seconds(s); }

TEST(MinReplicasGate, OffAcceptsEveryWrite) {
  MinReplicasGate g(0, 10, 3);
  g.refresh(at(100));
  EXPECT_EQ(g.good(), 0);
  EXPECT_TRUE(g.accepts_writes());
}

TEST(MinReplicasGate, RefusesUntilEnoughReplicasAreOnline) {
  MinReplicasGate g(2, 10, 3);
  EXPECT_FALSE(g.accepts_writes());
  g.online(1, at(1.5));  // refreshGoodSlavesCount runs when a replica comes online
  EXPECT_EQ(g.good(), 1);
  EXPECT_FALSE(g.accepts_writes());
  g.online(2, at(1.7));
  EXPECT_TRUE(g.accepts_writes());
}

// lag = unixtime - repl_ack_time, both whole seconds, good while lag <= max-lag.
TEST(MinReplicasGate, LagIsCountedInWholeSeconds) {
  MinReplicasGate g(1, 10, 2);
  g.online(1, at(0.0));
  g.acked(1, at(10.9));  // second 10
  g.refresh(at(20.99));  // second 20: lag 10
  EXPECT_TRUE(g.accepts_writes());
  g.refresh(at(21.0));  // lag 11
  EXPECT_FALSE(g.accepts_writes());
  g.acked(1, at(21.2));  // an ack alone does not change the count: the next refresh does
  EXPECT_FALSE(g.accepts_writes());
  g.refresh(at(22.0));
  EXPECT_TRUE(g.accepts_writes());
}

TEST(MinReplicasGate, AnAckFromAReplicaNotOnlineIsIgnored) {
  MinReplicasGate g(1, 10, 2);
  g.acked(1, at(5));
  g.refresh(at(5));
  EXPECT_EQ(g.good(), 0);
}

TEST(MinReplicasGate, AReplicaThatLeavesOrAMasterThatRestartsCountsNoMore) {
  MinReplicasGate g(1, 10, 3);
  g.online(1, at(1));
  g.online(2, at(1));
  g.gone(1, at(2));
  EXPECT_EQ(g.good(), 1);
  g.clear();
  EXPECT_EQ(g.good(), 0);
  g.refresh(at(3));
  EXPECT_FALSE(g.accepts_writes());
}

}  // namespace
}  // namespace halab
