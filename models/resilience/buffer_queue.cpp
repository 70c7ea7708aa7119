#include "models/resilience/buffer_queue.hpp"

#include <algorithm>

namespace halab {

bool BufferQueue::offer(const Item& item) {
  if (held_ >= config_.capacity) return false;
  waiting_.push_back(item);
  ++held_;
  return true;
}

std::optional<BufferQueue::Item> BufferQueue::take(Instant now) {
  if (waiting_.empty() || now < next_slot_) return std::nullopt;
  Item item = waiting_.front();
  waiting_.pop_front();
  // One slot per 1/drain_rate; a consumer idle for a while does not save slots up.
  next_slot_ = std::max(next_slot_, now) + Duration::seconds(1.0 / config_.drain_rate);
  return item;
}

void BufferQueue::put_back(const Item& item) { waiting_.push_front(item); }

Instant BufferQueue::next_take() const { return waiting_.empty() ? Instant::never() : next_slot_; }

}  // namespace halab
