// The active checks a tier instance runs on every server of the tier below it (HAProxy's
// checks in UpstreamCaller, keepalived's in an LVS director): one check in flight per
// server, which its answer or its timeout ends; the checker then says when the next one
// starts. A check's id names its server, so an answer finds it without a search.
#pragma once

#include "models/time.hpp"
#include "sim/stack/tier_instance.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace halab {

class ServerProbes {
 public:
  explicit ServerProbes(std::size_t servers) : probes_(servers) {}

  bool empty() const { return probes_.empty(); }
  // The next check of `server` starts at `at`.
  void schedule(std::size_t server, Instant at) { events_.push({at.to_seconds(), 2 * server}); }
  Instant next_deadline() const {
    return events_.empty() ? Instant::never() : Instant::at_seconds(events_.top().first);
  }
  // What is due by `now`: checks to send (`send(server, id)`; each times out after
  // `timeout`) and checks timed out (`ended(server, false)`).
  template <class Send, class Ended>
  void on_timers(Instant now, Duration timeout, Send&& send, Ended&& ended) {
    while (!events_.empty() && events_.top().first <= now.to_seconds()) {
      const std::uint64_t e = events_.top().second;
      events_.pop();
      const std::size_t server = e / 2;
      Probe& p = probes_[server];
      if (e % 2 == 0) {
        p.id = next_id_++ * probes_.size() + server;
        p.deadline = now + timeout;
        events_.push({p.deadline.to_seconds(), 2 * server + 1});
        send(server, *p.id);
      } else if (p.id && p.deadline <= now) {
        p.id.reset();
        ended(server, false);
      }
    }
  }
  // An answer to check `id`: `ended(server, passed)` if it is the one in flight.
  template <class Ended>
  void on_answer(std::uint64_t id, bool passed, Ended&& ended) {
    if (probes_.empty()) return;  // not a checking instance (a stray answer)
    const std::size_t server = static_cast<std::size_t>(id % probes_.size());
    if (probes_[server].id != id) return;
    probes_[server].id.reset();
    ended(server, passed);
  }

 private:
  struct Probe {
    std::optional<std::uint64_t> id;  // the check in flight
    Instant deadline;
  };
  std::vector<Probe> probes_;
  TimerHeap events_;  // (when, 2 × server + (1: the check times out, 0: send one))
  std::uint64_t next_id_ = 0;
};

}  // namespace halab
