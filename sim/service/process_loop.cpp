#include "sim/service/process_loop.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <cassert>

namespace halab {

ProcessLoop::ProcessLoop(Network& network, Endpoint at, std::string name) : network_(network), at_(at) {
  network_.attach(at_, *this, std::move(name));
}

ProcessLoop::~ProcessLoop() {
  assert(!in_turn_ && "a process dies from outside its own turn");
  network_.detach(at_, *this);
}

void ProcessLoop::thaw() {
  frozen_ = false;
  if (!ended_) network_.sleep_until(at_, simgrid::s4u::Engine::get_clock());
}

void ProcessLoop::turn() {
  if (frozen_ || ended_) return;  // thawing wakes it again
  in_turn_ = true;
  const double now_s = simgrid::s4u::Engine::get_clock();
  const Instant now = Instant::at_seconds(now_s);
  if (!started_) {
    started_ = true;
    start(now);
  }
  for (;;) {
    auto message = network_.take_arrived(at_);
    if (!message) {
      if (next_deadline().to_seconds() > now_s) break;
      if (network_.idle_turn(at_)) {  // a livelock: the run ends
        in_turn_ = false;
        return;
      }
    }
    on_timers(now);
    if (message && !on_message(now, *message)) {
      ended_ = true;
      in_turn_ = false;
      network_.detach(at_, *this);
      return;
    }
  }
  in_turn_ = false;
  network_.sleep_until(at_, next_deadline().to_seconds());
}

}  // namespace halab
