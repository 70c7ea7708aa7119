// memberlist's TransmitLimitedQueue (queue.go), one test per rule.
#include "models/membership/broadcast_queue.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
SwimUpdate suspect(std::uint32_t node) { return {SwimUpdate::Kind::suspect, node, 1, 0}; }
SwimUpdate alive(std::uint32_t node) { return {SwimUpdate::Kind::alive, node, 1, node}; }
}  // namespace

TEST(BroadcastQueue, RetransmitLimitScalesWithLog10OfTheMembers) {
  EXPECT_EQ(BroadcastQueue::retransmit_limit(4, 9), 4);       // ceil(log10 10) = 1
  EXPECT_EQ(BroadcastQueue::retransmit_limit(4, 10), 8);      // ceil(log10 11) = 2
  EXPECT_EQ(BroadcastQueue::retransmit_limit(4, 10000), 20);  // ceil(log10 10001) = 5
}

TEST(BroadcastQueue, AnUpdateIsSentUpToTheLimitThenDropped) {
  BroadcastQueue q(4);
  q.push(suspect(3));
  for (int i = 0; i < 4; ++i) {
    SwimPacket p;
    EXPECT_EQ(q.fill(p, 1400, 5), 1) << i;
  }
  EXPECT_TRUE(q.empty());
}

TEST(BroadcastQueue, FewestTransmitsFirstThenLargestThenNewest) {
  BroadcastQueue q(4);
  q.push(suspect(1));
  SwimPacket first;
  q.fill(first, 1400, 100);  // node 1 sent once
  q.push(suspect(2));
  q.push(alive(3));
  q.push(suspect(4));
  // Room for one alive and one suspect (each with its 2-byte part overhead).
  SwimPacket p;
  q.fill(p, (2 + 78) + (2 + 51), 100);
  ASSERT_EQ(p.updates_count, 2);
  EXPECT_EQ(p.updates[0].node, 3u);  // unsent, and the larger
  EXPECT_EQ(p.updates[1].node, 4u);  // unsent, the newer suspect
  SwimPacket next;
  q.fill(next, (2 + 78) + (2 + 51), 100);
  ASSERT_EQ(next.updates_count, 2);
  EXPECT_EQ(next.updates[0].node, 2u);  // the one still unsent
  EXPECT_EQ(next.updates[1].node, 3u);  // then, sent once each, the larger
}

TEST(BroadcastQueue, ANewUpdateAboutANodeReplacesTheQueuedOne) {
  BroadcastQueue q(4);
  q.push(suspect(5));
  q.push({SwimUpdate::Kind::dead, 5, 1, 0});
  EXPECT_EQ(q.size(), 1u);
  SwimPacket p;
  q.fill(p, 1400, 100);
  ASSERT_EQ(p.updates_count, 1);
  EXPECT_EQ(p.updates[0].kind, SwimUpdate::Kind::dead);
}

TEST(BroadcastQueue, APacketHoldsWhatFitsInItsBytes) {
  BroadcastQueue q(4);
  for (std::uint32_t n = 0; n < 40; ++n) q.push(suspect(n));
  SwimPacket p;
  int free = SwimPacket::kBufferBytes - SwimPacket::kCompoundHeaderBytes;
  q.fill(p, free, 100);
  EXPECT_EQ(p.updates_count, free / (2 + 51));  // 26 suspects of 53 bytes in 1398
  EXPECT_EQ(q.size(), 40u);                      // all still queued: sent once of 8
}

}  // namespace halab
