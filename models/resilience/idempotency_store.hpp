// An idempotency key store, as APIs keep one for the `Idempotency-Key` header (IETF
// draft-ietf-httpapi-idempotency-key-header; Stripe's keys, kept 24 hours): the first
// request with a key is processed and the key kept for `ttl`; a request whose key is still
// kept is answered without being processed again. After the TTL the key is forgotten and
// a late retry is processed as new. Memory is bounded by the keys of one TTL.
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <deque>
#include <unordered_set>
#include <utility>

namespace halab {

class IdempotencyStore {
 public:
  explicit IdempotencyStore(Duration ttl) : ttl_(ttl) {}

  // Whether `key` is new at `now` (then it is kept from now on, for the TTL).
  bool first_use(Instant now, std::uint64_t key);
  std::size_t size() const { return keys_.size(); }

 private:
  void expire(Instant now);

  Duration ttl_;
  std::unordered_set<std::uint64_t> keys_;
  std::deque<std::pair<Instant, std::uint64_t>> by_expiry_;  // (forgotten at, key), oldest first
};

}  // namespace halab
