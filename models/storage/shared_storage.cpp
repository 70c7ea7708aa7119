#include "models/storage/shared_storage.hpp"

#include <algorithm>

namespace halab {

StorageWrite SharedStorage::write(Instant, std::size_t writer, std::uint64_t epoch) {
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

  ++counters_.accepted;
  return w;
}

} // namespace halab
