// Shared storage that decides which writes it accepts (corruption among the accepted ones is
// counted from the write log by count_conflicting_writes).
// - Epoch fencing tokens (the Paxos/ZooKeeper idea of the seed, §14): with `check_epochs`,
//   every write carries the writer's epoch; once a higher epoch has been seen, a lower one is
//   refused, and the stale writer learns it is out of date.
// - Resource-level fencing (the seed's FC switch, §16): a fenced node's writes are refused.
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <set>

namespace halab {

struct StorageWrite {
  enum class Result { accepted, stale_epoch, fenced };
  Result result = Result::accepted;
  std::uint64_t highest_epoch = 0;  // what the writer should resync to when stale
};

struct StorageCounters {
  std::uint64_t accepted = 0;
  std::uint64_t stale_epoch = 0;
  std::uint64_t fenced = 0;
};

class SharedStorage {
public:
  explicit SharedStorage(bool check_epochs) : check_epochs_(check_epochs) {}

  StorageWrite write(Instant now, std::size_t writer, std::uint64_t epoch);
  void fence(std::size_t node) { fenced_.insert(node); }
  void unfence(std::size_t node) { fenced_.erase(node); }
  bool is_fenced(std::size_t node) const { return fenced_.count(node) > 0; }

  const StorageCounters& counters() const { return counters_; }
  std::uint64_t highest_epoch() const { return highest_epoch_; }

private:
  bool check_epochs_;
  std::set<std::size_t> fenced_;
  std::uint64_t highest_epoch_ = 0;
  StorageCounters counters_;
};

} // namespace halab
