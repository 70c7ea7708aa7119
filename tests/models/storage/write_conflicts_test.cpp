#include "models/storage/write_conflicts.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace halab {
namespace {
// Writes every 0.1 s by `writer` under `epoch` over [from, to].
void writes(std::vector<WriteRecord>& log, const char* writer, std::uint64_t epoch, double from, double to) {
  for (int i = 0; from + i * 0.1 <= to + 1e-9; ++i) log.push_back({from + i * 0.1, writer, epoch});
}
void sort(std::vector<WriteRecord>& log) {
  std::stable_sort(log.begin(), log.end(), [](const auto& a, const auto& b) { return a.at_s < b.at_s; });
}
} // namespace

TEST(WriteConflicts, CleanFailoverAndFailbackHaveNone) {
  std::vector<WriteRecord> log;
  writes(log, "n1", 1, 0, 19.9);   // n1 crashes at 20
  writes(log, "n2", 2, 23, 49.9);  // n2 takes over, later hands back
  writes(log, "n1", 3, 50, 60);
  sort(log);
  EXPECT_EQ(count_conflicting_writes(log).conflicting, 0u);
}

TEST(WriteConflicts, SplitBrainCountsEveryWriteOfTheOverlap) {
  std::vector<WriteRecord> log;
  writes(log, "n1", 1, 0, 40);    // 401 writes; 0..22.5 alone
  writes(log, "n2", 2, 22.6, 60); // overlap [22.6, 40]
  sort(log);
  // n1: 22.6..40 -> 175 writes; n2: 22.6..40 -> 175 writes. n1's (epoch 1) are lost.
  WriteConflicts c = count_conflicting_writes(log);
  EXPECT_EQ(c.conflicting, 350u);
  EXPECT_EQ(c.lost, 175u);
}

TEST(WriteConflicts, OneStaleWriteAfterAPauseCorrupts) {
  std::vector<WriteRecord> log;
  writes(log, "n1", 1, 0, 19.9);
  writes(log, "n2", 2, 23, 60);
  log.push_back({30.0 + 1e-6, "n1", 1});  // n1 resumes and writes once before it notices
  sort(log);
  // Overlap [23, 30.000001]: n1's one write and n2's 71 writes from 23.0 to 30.0.
  EXPECT_EQ(count_conflicting_writes(log).conflicting, 72u);
  EXPECT_EQ(count_conflicting_writes(log).lost, 1u);
}

TEST(WriteConflicts, FlagsMarkExactlyTheCountedWrites) {
  std::vector<WriteRecord> log;
  writes(log, "n1", 1, 0, 19.9);
  writes(log, "n2", 2, 23, 60);
  log.push_back({30.0 + 1e-6, "n1", 1});
  sort(log);
  std::vector<bool> flags = conflicting_write_flags(log);
  ASSERT_EQ(flags.size(), log.size());
  EXPECT_EQ(static_cast<std::uint64_t>(std::count(flags.begin(), flags.end(), true)),
            count_conflicting_writes(log).conflicting);
  EXPECT_FALSE(flags.front());
  EXPECT_FALSE(flags.back());
}

TEST(WriteConflicts, SuccessiveSessionsOfOneWriterDoNotConflict) {
  std::vector<WriteRecord> log{{1, "n1", 1}, {2, "n1", 2}, {3, "n1", 1}};
  EXPECT_EQ(count_conflicting_writes(log).conflicting, 0u);
}

} // namespace halab
