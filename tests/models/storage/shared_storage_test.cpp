#include "models/storage/shared_storage.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }
using Result = StorageWrite::Result;
}

TEST(SharedStorage, StaleEpochIsRefusedOnceAHigherWasSeen) {
  SharedStorage s(true);
  EXPECT_EQ(s.write(at(0), 0, 1).result, Result::accepted);
  EXPECT_EQ(s.write(at(5), 1, 2).result, Result::accepted);
  StorageWrite stale = s.write(at(5.1), 0, 1);
  EXPECT_EQ(stale.result, Result::stale_epoch);
  EXPECT_EQ(stale.highest_epoch, 2u);
}

TEST(SharedStorage, WithoutEpochChecksTheStaleWriterIsAccepted) {
  SharedStorage s(false);
  s.write(at(0), 0, 1);
  s.write(at(0.5), 1, 2);
  EXPECT_EQ(s.write(at(0.9), 0, 1).result, Result::accepted);
}

TEST(SharedStorage, FencedNodeIsRefused) {
  SharedStorage s(false);
  s.fence(0);
  EXPECT_EQ(s.write(at(0), 0, 1).result, Result::fenced);
  s.unfence(0);
  EXPECT_EQ(s.write(at(1), 0, 1).result, Result::accepted);
}

} // namespace halab
