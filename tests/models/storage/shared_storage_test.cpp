#include "models/storage/shared_storage.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
using Result = StorageWrite::Result;
}

TEST(SharedStorage, CleanFailoverHasNoConflict) {
  SharedStorage s(false, Duration::seconds(1));
  for (double t = 0; t < 5; t += 0.1) EXPECT_FALSE(s.write(at(t), 0, 1).conflicting);
  // Writer 0 stops (crashed and fenced); writer 1 takes over 3 s later.
  for (double t = 8; t < 10; t += 0.1) EXPECT_FALSE(s.write(at(t), 1, 2).conflicting);
  EXPECT_EQ(s.counters().conflicting, 0u);
}

TEST(SharedStorage, InterleavedWritersCorrupt) {
  SharedStorage s(false, Duration::seconds(1));
  s.write(at(0.0), 0, 1);
  s.write(at(0.05), 1, 1);                      // first write of 1: nothing interleaved yet
  EXPECT_TRUE(s.write(at(0.1), 0, 1).conflicting);
  EXPECT_TRUE(s.write(at(0.15), 1, 1).conflicting);
  EXPECT_EQ(s.counters().conflicting, 2u);
}

TEST(SharedStorage, StaleEpochIsRefusedOnceAHigherWasSeen) {
  SharedStorage s(true, Duration::seconds(1));
  EXPECT_EQ(s.write(at(0), 0, 1).result, Result::accepted);
  EXPECT_EQ(s.write(at(5), 1, 2).result, Result::accepted);
  StorageWrite stale = s.write(at(5.1), 0, 1);
  EXPECT_EQ(stale.result, Result::stale_epoch);
  EXPECT_EQ(stale.highest_epoch, 2u);
  EXPECT_EQ(s.counters().conflicting, 0u);
}

TEST(SharedStorage, WithoutEpochChecksTheStaleWriterCorrupts) {
  SharedStorage s(false, Duration::seconds(1));
  s.write(at(0), 0, 1);
  s.write(at(0.5), 1, 2);
  EXPECT_TRUE(s.write(at(0.9), 0, 1).conflicting);
}

TEST(SharedStorage, FencedNodeIsRefused) {
  SharedStorage s(false, Duration::seconds(1));
  s.fence(0);
  EXPECT_EQ(s.write(at(0), 0, 1).result, Result::fenced);
  s.unfence(0);
  EXPECT_EQ(s.write(at(1), 0, 1).result, Result::accepted);
}

} // namespace halab
