#include "models/resilience/idempotency_store.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(IdempotencyStore, ARetryWithAKeptKeyIsNotProcessedAgain) {
  IdempotencyStore keys(Duration::seconds(60));
  EXPECT_TRUE(keys.first_use(Instant::at_seconds(1), 42));
  EXPECT_FALSE(keys.first_use(Instant::at_seconds(2), 42));
  EXPECT_TRUE(keys.first_use(Instant::at_seconds(2), 43));
}

TEST(IdempotencyStore, AKeyIsForgottenAfterItsTtl) {
  IdempotencyStore keys(Duration::seconds(10));
  EXPECT_TRUE(keys.first_use(Instant::at_seconds(0), 7));
  EXPECT_FALSE(keys.first_use(Instant::at_seconds(9.9), 7));  // the second use keeps the first's expiry
  EXPECT_TRUE(keys.first_use(Instant::at_seconds(10), 7));    // a late retry is new again
  EXPECT_EQ(keys.size(), 1u);
}

}  // namespace halab
