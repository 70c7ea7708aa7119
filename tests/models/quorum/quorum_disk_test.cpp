#include "models/quorum/quorum_disk.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(QuorumDisk, LowestWritingNodeIsMaster) {
  QuorumDisk disk(4, Duration::seconds(3));
  for (std::size_t n = 0; n < 4; ++n) disk.write(Instant::at_seconds(1), n);
  EXPECT_EQ(disk.master(Instant::at_seconds(2)), 0u);
}

TEST(QuorumDisk, SilentNodeLosesTheDisk) {
  // Node 0 lost its storage path at t = 1; the others keep writing.
  QuorumDisk disk(4, Duration::seconds(3));
  disk.write(Instant::at_seconds(1), 0);
  for (double t = 1; t <= 10; t += 1)
    for (std::size_t n = 1; n < 4; ++n) disk.write(Instant::at_seconds(t), n);
  EXPECT_EQ(disk.master(Instant::at_seconds(3.5)), 0u);
  EXPECT_EQ(disk.master(Instant::at_seconds(10)), 1u);
  EXPECT_FALSE(QuorumDisk(2, Duration::seconds(1)).master(Instant::at_seconds(0)).has_value());
}

} // namespace halab
