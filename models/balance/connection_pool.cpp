#include "models/balance/connection_pool.hpp"

namespace halab {

bool ConnectionPool::acquire(Instant now, std::uint64_t call) {
  if (leased_ < size_ && waiting_.empty()) {
    ++leased_;
    return true;
  }
  waiting_.emplace_back(now + acquire_timeout_, call);
  return false;
}

std::optional<std::uint64_t> ConnectionPool::release() {
  if (!waiting_.empty()) {
    const std::uint64_t next = waiting_.front().second;  // the lease passes on
    waiting_.pop_front();
    return next;
  }
  --leased_;
  return std::nullopt;
}

std::optional<std::uint64_t> ConnectionPool::give_up(Instant now) {
  if (waiting_.empty() || waiting_.front().first > now) return std::nullopt;
  const std::uint64_t call = waiting_.front().second;
  waiting_.pop_front();
  return call;
}

void ConnectionPool::clear() {
  leased_ = 0;
  waiting_.clear();
}

}  // namespace halab
