#include "models/replication/replication_log.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

using Kind = ReplicationLog::Event::Kind;
Instant at(double s) { return Instant::at_seconds(s); }

ReplicationConfig config(ReplicationMode mode, double timeout_s = 10, int count = 1) {
  ReplicationConfig c;
  c.mode = mode;
  c.timeout = Duration::seconds(timeout_s);
  c.wait_for_replica_count = count;
  return c;
}

// Replica `m` receives up to `upto` and its acknowledgment reaches the primary at `t`.
void receive(ReplicationLog& log, Instant t, std::size_t m, ReplicationLog::Seq upto) {
  log.received(m, upto);
  log.acknowledged_by(t, m, upto);
}

std::vector<std::uint64_t> acknowledged_writes(ReplicationLog& log) {
  std::vector<std::uint64_t> out;
  for (const auto& e : log.take_events())
    if (e.kind == Kind::acknowledged) out.push_back(e.write);
  return out;
}

TEST(ReplicationLog, AsyncAcknowledgesAtCommitAndLosesWhatTheReplicaLacks) {
  ReplicationLog log(config(ReplicationMode::async), 2, 0);
  for (int w = 1; w <= 5; ++w) log.commit(at(w), 100 + static_cast<std::uint64_t>(w));
  EXPECT_EQ(acknowledged_writes(log), (std::vector<std::uint64_t>{101, 102, 103, 104, 105}));
  receive(log, at(5.5), 1, 3);  // the replica got three of five
  const auto loss = log.promote(1, true);
  EXPECT_EQ(loss.kept, 3u);
  EXPECT_EQ(loss.acknowledged, 2u);  // writes 4 and 5: told committed, gone
  EXPECT_EQ(loss.unacknowledged, 0u);
  EXPECT_EQ(loss.first_commit, at(4));
  EXPECT_EQ(loss.last_commit, at(5));
  EXPECT_EQ(log.primary(), 1u);
  EXPECT_EQ(log.head(), 3u);
  EXPECT_EQ(log.commit(at(6), 106), 4u);  // the new primary's log goes on from its position
}

TEST(ReplicationLog, SemiSyncAcknowledgesOnlyAfterAReplicaReceived) {
  ReplicationLog log(config(ReplicationMode::semi_sync), 3, 0);
  log.commit(at(1), 11);
  log.commit(at(1.1), 12);
  EXPECT_TRUE(acknowledged_writes(log).empty());
  EXPECT_EQ(log.waiting(), 2u);
  receive(log, at(1.2), 2, 1);  // one replica of two has the first: enough (count 1)
  EXPECT_EQ(acknowledged_writes(log), (std::vector<std::uint64_t>{11}));
  receive(log, at(1.3), 1, 2);
  EXPECT_EQ(acknowledged_writes(log), (std::vector<std::uint64_t>{12}));
  // Every acknowledged write is on some replica: promoting the one that has it loses none.
  const auto loss = log.promote(1, true);
  EXPECT_EQ(loss.acknowledged, 0u);
}

TEST(ReplicationLog, TheCommitWaitsForTheAcknowledgmentNotTheReceipt) {
  ReplicationLog log(config(ReplicationMode::semi_sync), 2, 0);
  log.commit(at(1), 5);
  log.received(1, 1);  // in the replica's relay log; its acknowledgment still on the way
  EXPECT_TRUE(acknowledged_writes(log).empty());
  log.acknowledged_by(at(1.001), 1, 1);
  EXPECT_EQ(acknowledged_writes(log), (std::vector<std::uint64_t>{5}));
  // In async mode nothing is acknowledged by replicas, yet what one received survives.
  ReplicationLog async(config(ReplicationMode::async), 2, 0);
  async.commit(at(1), 1);
  async.received(1, 1);
  EXPECT_EQ(async.promote(1, true).acknowledged, 0u);
}

TEST(ReplicationLog, SemiSyncWaitsForTheConfiguredNumberOfReplicas) {
  ReplicationLog log(config(ReplicationMode::semi_sync, 10, 2), 3, 0);
  log.commit(at(1), 7);
  receive(log, at(1.1), 1, 1);
  EXPECT_TRUE(acknowledged_writes(log).empty());
  receive(log, at(1.2), 2, 1);
  EXPECT_EQ(acknowledged_writes(log), (std::vector<std::uint64_t>{7}));
}

TEST(ReplicationLog, SemiSyncTimeoutRevertsToAsyncAndReleasesEveryWaitingCommit) {
  ReplicationLog log(config(ReplicationMode::semi_sync, 10), 2, 0);
  log.commit(at(1), 1);
  log.commit(at(4), 2);
  EXPECT_EQ(log.next_deadline(), at(11));  // rpl_semi_sync_source_timeout after the oldest wait began
  log.on_timers(at(10.99));
  EXPECT_TRUE(log.semi_sync_on());
  log.on_timers(at(11));
  EXPECT_FALSE(log.semi_sync_on());
  const auto events = log.take_events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, Kind::semi_sync_off);
  EXPECT_EQ(events[1].write, 1u);
  EXPECT_EQ(events[2].write, 2u);
  EXPECT_EQ(events[2].at, at(11));
  // Asynchronous now: acknowledged at commit.
  log.commit(at(12), 3);
  EXPECT_EQ(acknowledged_writes(log), (std::vector<std::uint64_t>{3}));
  // A replica behind the latest commit does not switch it back on; one that caught up does.
  receive(log, at(13), 1, 2);
  EXPECT_FALSE(log.semi_sync_on());
  receive(log, at(14), 1, 3);
  EXPECT_TRUE(log.semi_sync_on());
  EXPECT_EQ(log.take_events().back().kind, Kind::semi_sync_on);
  // The writes acknowledged while it was asynchronous are what a failover then can lose.
  ReplicationLog fallen(config(ReplicationMode::semi_sync, 10), 2, 0);
  fallen.commit(at(1), 1);
  fallen.on_timers(at(11));
  fallen.commit(at(12), 2);
  EXPECT_EQ(fallen.promote(1, true).acknowledged, 2u);
}

TEST(ReplicationLog, SyncWaitsForEveryReplicaAndEvictsOneThatStopsAnswering) {
  ReplicationLog log(config(ReplicationMode::sync, 5), 3, 0);
  log.commit(at(1), 1);
  receive(log, at(1.1), 1, 1);
  EXPECT_TRUE(acknowledged_writes(log).empty());  // member 2 has not received it
  log.on_timers(at(6));
  const auto events = log.take_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, Kind::left_view);
  EXPECT_EQ(events[0].member, 2u);
  EXPECT_EQ(events[1].kind, Kind::acknowledged);
  EXPECT_FALSE(log.in_view(2));
  EXPECT_TRUE(log.semi_sync_on());  // never asynchronous
  log.commit(at(7), 2);
  EXPECT_TRUE(acknowledged_writes(log).empty());
  receive(log, at(7.1), 1, 2);
  EXPECT_EQ(acknowledged_writes(log), (std::vector<std::uint64_t>{2}));
  receive(log, at(8), 2, 2);  // caught up: back in the view
  EXPECT_TRUE(log.in_view(2));
  // Every acknowledged write is on every replica in the view.
  EXPECT_EQ(log.promote(1, true).acknowledged, 0u);
}

TEST(ReplicationLog, ABrokenApplierKeepsOnlyWhatItApplied) {
  ReplicationLog log(config(ReplicationMode::async), 2, 0);
  for (int w = 1; w <= 10; ++w) log.commit(at(w), static_cast<std::uint64_t>(w));
  receive(log, at(10), 1, 10);
  log.applied(1, 4);  // its SQL thread stopped at 4
  EXPECT_EQ(log.lag(at(10), 1), Duration::seconds(5));  // write 5 was committed at 5 s
  ReplicationLog copy = log;
  EXPECT_EQ(copy.promote(1, true).acknowledged, 0u);  // a working applier finishes the relay log
  const auto loss = log.promote(1, false);
  EXPECT_EQ(loss.kept, 4u);
  EXPECT_EQ(loss.acknowledged, 6u);
  EXPECT_EQ(loss.last_commit - loss.first_commit, Duration::seconds(5));
}

TEST(ReplicationLog, PromotionCountsUnacknowledgedWritesApart) {
  ReplicationLog log(config(ReplicationMode::semi_sync), 3, 0);
  log.commit(at(1), 1);
  receive(log, at(1.1), 1, 1);  // acknowledged
  log.commit(at(2), 2);         // waiting
  const auto loss = log.promote(2, true);  // member 2 received nothing
  EXPECT_EQ(loss.acknowledged, 1u);
  EXPECT_EQ(loss.unacknowledged, 1u);
  EXPECT_EQ(log.waiting(), 0u);
  // The others follow the new primary from its position.
  EXPECT_EQ(log.received_by(1), 0u);
  EXPECT_EQ(log.received_by(0), 0u);
}

TEST(ReplicationLog, LagIsTheAgeOfTheFirstWriteNotApplied) {
  ReplicationLog log(config(ReplicationMode::async), 2, 0);
  log.commit(at(1), 1);
  log.commit(at(2), 2);
  EXPECT_EQ(log.lag(at(3), 1), Duration::seconds(2));
  receive(log, at(3), 1, 2);
  log.applied(1, 2);
  EXPECT_EQ(log.lag(at(3), 1), Duration());
  EXPECT_EQ(log.applied_by(1), 2u);
  EXPECT_EQ(log.promote(1, true).acknowledged, 0u);
}

}  // namespace
}  // namespace halab
