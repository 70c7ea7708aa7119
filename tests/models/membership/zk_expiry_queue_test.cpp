// ZooKeeper's ExpiryQueue (server/ExpiryQueue.java), one test per rule.
#include "models/membership/zk_expiry_queue.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(ZkExpiryQueue, RoundsEveryExpiryUpToTheNextIntervalStrictlyAfter) {
  ZkExpiryQueue q(2000, 40000, 0, 3);
  EXPECT_EQ(q.next_expiration_ms(), 2000);  // roundToNextInterval(now)
  q.update(0, 4000, 1000);
  q.update(1, 4000, 1999);
  q.update(2, 4000, 2000);
  EXPECT_EQ(q.expiry_ms(0), 6000);
  EXPECT_EQ(q.expiry_ms(1), 6000);
  EXPECT_EQ(q.expiry_ms(2), 8000);  // 6000 is a multiple: the next one
}

TEST(ZkExpiryQueue, ExpiresABucketAtItsTimeAndMovesOnByOneInterval) {
  ZkExpiryQueue q(2000, 40000, 0, 2);
  q.update(0, 4000, 1000);
  q.update(1, 4000, 3000);
  std::vector<std::uint32_t> out;
  q.poll(1999, out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(q.next_expiration_ms(), 2000);
  for (std::int64_t t : {2000, 4000}) q.poll(t, out);
  EXPECT_TRUE(out.empty());
  q.poll(6000, out);
  EXPECT_EQ(out, std::vector<std::uint32_t>{0});
  EXPECT_EQ(q.next_expiration_ms(), 8000);
  EXPECT_EQ(q.expiry_ms(0), -1);
  q.poll(8000, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{0, 1}));
}

TEST(ZkExpiryQueue, ATouchMovesTheSessionOutOfItsBucket) {
  ZkExpiryQueue q(2000, 40000, 0, 1);
  q.update(0, 4000, 1000);  // 6000
  q.update(0, 4000, 3500);  // 8000
  std::vector<std::uint32_t> out;
  for (std::int64_t t = 2000; t <= 6000; t += 2000) q.poll(t, out);
  EXPECT_TRUE(out.empty());
  q.poll(8000, out);
  EXPECT_EQ(out, std::vector<std::uint32_t>{0});
}

TEST(ZkExpiryQueue, ARemovedSessionNeverExpires) {
  ZkExpiryQueue q(1000, 20000, 0, 1);
  q.update(0, 2000, 0);
  q.remove(0);
  std::vector<std::uint32_t> out;
  for (std::int64_t t = 1000; t <= 5000; t += 1000) q.poll(t, out);
  EXPECT_TRUE(out.empty());
}

TEST(ZkExpiryQueue, ATrackerThatWokeLateCatchesUpBucketByBucket) {
  ZkExpiryQueue q(1000, 20000, 0, 2);
  q.update(0, 2000, 0);   // 3000
  q.update(1, 20000, 0);  // 21000: the ring's far end
  std::vector<std::uint32_t> out;
  q.poll(30000, out);  // late: one bucket per poll, as the tracker's loop does
  EXPECT_TRUE(out.empty());
  while (q.next_expiration_ms() <= 30000) q.poll(30000, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{0, 1}));
}

}  // namespace halab
