#include "models/resilience/buffer_queue.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

BufferQueue::Item item(std::uint64_t origin) { return {origin, false, Instant()}; }

}  // namespace

// A burst larger than the drain rate is accepted up to the capacity, then refused.
TEST(BufferQueue, AcceptsUpToItsCapacity) {
  BufferQueue q({3, 10});
  EXPECT_TRUE(q.offer(item(1)));
  EXPECT_TRUE(q.offer(item(2)));
  EXPECT_TRUE(q.offer(item(3)));
  EXPECT_FALSE(q.offer(item(4)));
  EXPECT_EQ(q.held(), 3);
}

// The consumer takes the oldest call, one per 1/drain_rate, whatever waits.
TEST(BufferQueue, DrainsInOrderAtItsRate) {
  BufferQueue q({100, 10});  // one every 100 ms
  for (std::uint64_t i = 1; i <= 5; ++i) q.offer(item(i));
  const Instant t0 = Instant::at_seconds(1);
  EXPECT_EQ(q.take(t0)->origin, 1u);
  EXPECT_FALSE(q.take(t0));  // the next slot is 100 ms later
  EXPECT_DOUBLE_EQ(q.next_take().to_seconds(), 1.1);
  EXPECT_EQ(q.take(Instant::at_seconds(1.1))->origin, 2u);
  // Late by a second: one call now, not ten saved-up slots at once.
  EXPECT_EQ(q.take(Instant::at_seconds(2.1))->origin, 3u);
  EXPECT_FALSE(q.take(Instant::at_seconds(2.15)));
  EXPECT_EQ(q.take(Instant::at_seconds(2.2))->origin, 4u);
}

// At least once: a failed delivery waits again first in line, and the call leaves the
// queue only when delivered.
TEST(BufferQueue, AFailedDeliveryIsRetriedFirst) {
  BufferQueue q({2, 1000});
  q.offer(item(1));
  q.offer(item(2));
  auto first = q.take(Instant());
  EXPECT_FALSE(q.offer(item(3)));  // the call being delivered still takes room
  q.put_back(*first);
  auto again = q.take(Instant::at_seconds(1));
  EXPECT_EQ(again->origin, 1u);
  q.delivered();
  EXPECT_EQ(q.held(), 1);
  EXPECT_TRUE(q.offer(item(3)));
}

// A call being delivered is still held (a crash would lose it), but nothing waits to be
// taken: the consumer has no deadline until a delivery fails or a call comes.
TEST(BufferQueue, ACallInDeliveryIsHeldButNotWaiting) {
  BufferQueue q({10, 10});
  q.offer(item(1));
  auto taken = q.take(Instant());
  EXPECT_EQ(q.held(), 1);
  EXPECT_EQ(q.next_take(), Instant::never());
  q.put_back(*taken);
  EXPECT_DOUBLE_EQ(q.next_take().to_seconds(), 0.1);
  EXPECT_EQ(q.take(Instant::at_seconds(0.1))->origin, 1u);
  q.delivered();
  EXPECT_EQ(q.held(), 0);
}

}  // namespace halab
