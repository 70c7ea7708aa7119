// A buffer queue between a caller and a service it depends on — the seed's "flood
// storage", the Queue-Based Load Leveling pattern (Microsoft Azure Architecture Center,
// "Queue-Based Load Leveling pattern": a queue that acts as a buffer between a task and a
// service it invokes, so that intermittent heavy loads are smoothed and the service works
// at its own pace). The caller's call is accepted into a bounded FIFO and answered at once;
// a consumer takes the oldest waiting call out at most `drain_rate` times per second and
// delivers it; a delivery that fails goes back to the head of the queue (at-least-once:
// a call is taken out for good only once delivered). A full queue refuses the call.
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <deque>
#include <optional>

namespace halab {

struct BufferQueueConfig {
  long capacity = 1000;     // calls waiting or being delivered, at most
  double drain_rate = 100;  // deliveries begun per second, at most
};

class BufferQueue {
 public:
  struct Item {
    std::uint64_t origin = 0;  // the client request it serves
    bool write = false;
    Instant accepted;  // when the caller's call was accepted
  };

  explicit BufferQueue(BufferQueueConfig config) : config_(config) {}

  // Accepts a call, unless the queue is full.
  bool offer(const Item& item);
  // The call to deliver now, if one waits and the drain rate allows one now.
  std::optional<Item> take(Instant now);
  // A delivery failed: the call waits again, first in line.
  void put_back(const Item& item);
  // A delivery succeeded: the call leaves the queue for good.
  void delivered() { --held_; }
  // When `take` may next give a call (infinite when none waits).
  Instant next_take() const;
  // Calls accepted and not yet delivered: waiting, or being delivered.
  long held() const { return held_; }

 private:
  BufferQueueConfig config_;
  std::deque<Item> waiting_;
  long held_ = 0;
  Instant next_slot_;  // the drain rate's next free slot
};

}  // namespace halab
