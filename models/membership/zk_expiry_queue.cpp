#include "models/membership/zk_expiry_queue.hpp"

namespace halab {

ZkExpiryQueue::ZkExpiryQueue(std::int64_t interval_ms, std::int64_t max_timeout_ms, std::int64_t now_ms,
                             std::size_t sessions)
    : interval_(interval_ms), next_(round_up(now_ms)), expiry_(sessions, -1),
      // buckets in use lie in [next, now + max_timeout + interval]: that many, plus one
      ring_(static_cast<std::size_t>(max_timeout_ms / interval_ms) + 3) {}

void ZkExpiryQueue::update(std::uint32_t session, std::int64_t timeout_ms, std::int64_t now_ms) {
  const std::int64_t at = round_up(now_ms + timeout_ms);
  if (expiry_[session] == at) return;
  expiry_[session] = at;
  bucket(at).push_back(session);
}

void ZkExpiryQueue::remove(std::uint32_t session) { expiry_[session] = -1; }

void ZkExpiryQueue::poll(std::int64_t now_ms, std::vector<std::uint32_t>& out) {
  if (now_ms < next_) return;
  const std::int64_t at = next_;
  next_ += interval_;
  std::vector<std::uint32_t>& b = bucket(at);
  std::size_t kept = 0;
  for (std::uint32_t s : b) {
    if (expiry_[s] == at) {
      expiry_[s] = -1;
      out.push_back(s);
    } else if (expiry_[s] > at && &bucket(expiry_[s]) == &b) {
      b[kept++] = s;  // a later lap of the ring (a tracker that woke late)
    }  // else: touched since, it waits in another bucket
  }
  b.resize(kept);
}

}  // namespace halab
