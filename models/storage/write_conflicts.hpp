// Corruption of shared storage by split brain, counted from the log of accepted writes.
//
// A writer's *session* is its run of writes under one epoch (one start of the resource on
// one node). Two sessions of different writers whose time spans [first write, last write]
// overlap were writing to one volume at the same time: every write of either session inside
// the overlap is a conflicting (corrupting) write. A clean failover — the old session ends
// (stop, crash, fencing) before the new one begins — has none; a stale primary that resumes
// after a pause and gets even one write accepted has some.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace halab {

struct WriteRecord {
  double at_s = 0;
  std::string writer;
  std::uint64_t epoch = 0;
};

struct WriteConflicts {
  std::uint64_t conflicting = 0;  // writes of either session inside an overlap
  std::uint64_t lost = 0;         // of those, the older session's (lower epoch): discarded when it resyncs
};

// `writes` are accepted writes in time order.
WriteConflicts count_conflicting_writes(const std::vector<WriteRecord>& writes);

// The same, per write: whether each write is conflicting (for showing the count grow over time).
std::vector<bool> conflicting_write_flags(const std::vector<WriteRecord>& writes);

} // namespace halab
