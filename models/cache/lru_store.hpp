// A cache server's memory: at most `capacity` keys, the least recently used evicted first
// (memcached's LRU; Redis with maxmemory-policy allkeys-lru approximates it by sampling).
// Only which keys are held is kept: what a read finds (hit or miss), not values.
#pragma once

#include <cstdint>
#include <list>
#include <unordered_map>

namespace halab {

class LruStore {
 public:
  explicit LruStore(std::uint64_t capacity) : capacity_(capacity) {}
  std::uint64_t capacity() const { return capacity_; }
  // A copy holds the same keys in the same order (a replica's full resync); its index
  // points into its own list.
  LruStore(const LruStore& other);
  LruStore& operator=(const LruStore& other);
  LruStore(LruStore&&) noexcept = default;
  LruStore& operator=(LruStore&&) noexcept = default;
  ~LruStore() = default;

  // Whether `key` is held; a hit makes it the most recently used.
  bool get(std::uint64_t key);
  // Stores `key` (a write, or a fill after a miss), evicting the least recently used if full.
  void set(std::uint64_t key);
  std::uint64_t size() const { return static_cast<std::uint64_t>(index_.size()); }

 private:
  std::uint64_t capacity_;
  std::list<std::uint64_t> order_;  // most recently used first
  std::unordered_map<std::uint64_t, std::list<std::uint64_t>::iterator> index_;
};

}  // namespace halab
