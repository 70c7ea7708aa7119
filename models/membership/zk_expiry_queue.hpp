// ZooKeeper's ExpiryQueue (zookeeper-server/.../server/ExpiryQueue.java, release 3.8.0), as
// the leader's SessionTrackerImpl uses it with the tick time as its interval: a touch puts
// the session in the bucket of roundToNextInterval(now + timeout) — the next multiple of the
// interval strictly after — and the tracker's thread, woken at the next bucket's time,
// expires that whole bucket and moves on by one interval. A session is so expired between
// its timeout and its timeout plus one tick after its last touch.
//
// Times are the server's elapsed-time milliseconds (integers, as Time.currentElapsedTime).
// Buckets are a ring (a touch never reaches further than the longest timeout plus one
// interval), so a touch allocates nothing once the ring's vectors have grown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace halab {

class ZkExpiryQueue {
public:
  // Sessions are 0 .. sessions-1; `max_timeout_ms` bounds every timeout given to update().
  ZkExpiryQueue(std::int64_t interval_ms, std::int64_t max_timeout_ms, std::int64_t now_ms, std::size_t sessions);

  // The session's expiry becomes roundToNextInterval(now + timeout).
  void update(std::uint32_t session, std::int64_t timeout_ms, std::int64_t now_ms);
  void remove(std::uint32_t session);
  // The session's bucket time, or -1 when it is not queued.
  std::int64_t expiry_ms(std::uint32_t session) const { return expiry_[session]; }

  // When the tracker next wakes (nextExpirationTime).
  std::int64_t next_expiration_ms() const { return next_; }
  // poll(): nothing before nextExpirationTime; at or after it, the sessions of that bucket
  // (appended to `out`), and nextExpirationTime moves on by one interval.
  void poll(std::int64_t now_ms, std::vector<std::uint32_t>& out);

private:
  std::int64_t round_up(std::int64_t t) const { return (t / interval_ + 1) * interval_; }
  std::vector<std::uint32_t>& bucket(std::int64_t t) {
    return ring_[static_cast<std::size_t>(t / interval_) % ring_.size()];
  }

  std::int64_t interval_;
  std::int64_t next_;
  std::vector<std::int64_t> expiry_;              // per session: its bucket, or -1
  std::vector<std::vector<std::uint32_t>> ring_;  // bucket -> sessions (stale entries skipped)
};

}  // namespace halab
