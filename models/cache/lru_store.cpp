#include "models/cache/lru_store.hpp"

namespace halab {

LruStore::LruStore(const LruStore& other) : capacity_(other.capacity_), order_(other.order_) {
  for (auto it = order_.begin(); it != order_.end(); ++it) index_.emplace(*it, it);
}

LruStore& LruStore::operator=(const LruStore& other) {
  if (this != &other) *this = LruStore(other);
  return *this;
}

bool LruStore::get(std::uint64_t key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  order_.splice(order_.begin(), order_, it->second);
  return true;
}

void LruStore::set(std::uint64_t key) {
  if (get(key) || capacity_ == 0) return;
  if (index_.size() >= capacity_) {
    index_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(key);
  index_.emplace(key, order_.begin());
}

}  // namespace halab
