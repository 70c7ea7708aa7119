#include "models/resilience/idempotency_store.hpp"

namespace halab {

void IdempotencyStore::expire(Instant now) {
  while (!by_expiry_.empty() && by_expiry_.front().first <= now) {
    keys_.erase(by_expiry_.front().second);
    by_expiry_.pop_front();
  }
}

bool IdempotencyStore::first_use(Instant now, std::uint64_t key) {
  expire(now);
  if (!keys_.insert(key).second) return false;
  by_expiry_.emplace_back(now + ttl_, key);
  return true;
}

}  // namespace halab
