#include "models/storage/shared_storage.hpp"

#include <algorithm>

namespace halab {

StorageWrite SharedStorage::write(Instant now, std::size_t writer, std::uint64_t epoch) {
  StorageWrite w;
  if (fenced_.count(writer)) {
    ++counters_.fenced;
    w.result = StorageWrite::Result::fenced;
    return w;
  }
  if (check_epochs_ && epoch < highest_epoch_) {
    ++counters_.stale_epoch;
    w.result = StorageWrite::Result::stale_epoch;
    w.highest_epoch = highest_epoch_;
    return w;
  }
  highest_epoch_ = std::max(highest_epoch_, epoch);
  w.highest_epoch = highest_epoch_;

  // Conflicting: another writer's write was accepted since my previous one, while I kept
  // writing.
  auto mine = last_.find(writer);
  if (mine != last_.end() && now - mine->second.at <= continuity_)
    w.conflicting = std::any_of(last_.begin(), last_.end(), [&](const auto& other) {
      return other.first != writer && other.second.sequence > mine->second.sequence;
    });
  ++sequence_;
  last_[writer] = {now, sequence_};
  ++counters_.accepted;
  if (w.conflicting) ++counters_.conflicting;
  return w;
}

} // namespace halab
