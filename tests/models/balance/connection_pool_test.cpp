#include "models/balance/connection_pool.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(ConnectionPool, CallsBeyondTheSizeWaitInOrderAndTakeFreedConnections) {
  ConnectionPool pool(2, Duration::seconds(1), 3);
  const Instant t0;
  EXPECT_TRUE(pool.acquire(t0, 1));
  EXPECT_TRUE(pool.acquire(t0, 2));
  EXPECT_FALSE(pool.acquire(t0, 3));
  EXPECT_FALSE(pool.acquire(t0 + Duration::millis(10), 4));
  EXPECT_EQ(pool.release(), 3u);  // the lease passes to the longest-waiting call
  EXPECT_EQ(pool.leased(), 2);
  EXPECT_EQ(pool.release(), 4u);
  EXPECT_EQ(pool.release(), std::nullopt);
  EXPECT_EQ(pool.leased(), 1);
}

TEST(ConnectionPool, AWaitingCallGivesUpAfterTheAcquireTimeout) {
  ConnectionPool pool(1, Duration::millis(500), 1);
  const Instant t0;
  EXPECT_TRUE(pool.acquire(t0, 1));
  EXPECT_FALSE(pool.acquire(t0 + Duration::millis(100), 2));
  EXPECT_EQ(pool.next_give_up(), t0 + Duration::millis(600));
  EXPECT_EQ(pool.give_up(t0 + Duration::millis(599)), std::nullopt);
  EXPECT_EQ(pool.give_up(t0 + Duration::millis(600)), 2u);
  EXPECT_EQ(pool.release(), std::nullopt);  // nobody waits any more
  EXPECT_EQ(pool.leased(), 0);
}

TEST(ConnectionPool, AFreedConnectionGoesToTheWaitingCallNotToANewOne) {
  ConnectionPool pool(1, Duration::seconds(1), 1);
  EXPECT_TRUE(pool.acquire(Instant(), 1));
  EXPECT_FALSE(pool.acquire(Instant(), 2));
  EXPECT_EQ(pool.release(), 2u);
  EXPECT_FALSE(pool.acquire(Instant(), 3));  // 2 holds the only connection
}

TEST(ConnectionPool, AClosedConnectionIsOpenedAgainBeforeUse) {
  ConnectionPool pool(4, Duration::seconds(1), 2);
  EXPECT_TRUE(pool.open(1));  // a settled pool: connections already open
  pool.close(1);              // a timeout on it
  EXPECT_FALSE(pool.open(1));
  EXPECT_TRUE(pool.open(0));
  pool.opened(1);
  EXPECT_TRUE(pool.open(1));
}

}  // namespace halab
