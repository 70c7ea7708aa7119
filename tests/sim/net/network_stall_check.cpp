// A receiver whose deadline stays in the past must stop the run, not spin for ever: the
// network records the stall (receiver and instant), kills every actor and turns no
// receiver again, so the engine returns. One engine per process, hence a program of its own.
#include "tests/sim/net/two_hosts.hpp"
#include "sim/service/process_loop.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <iostream>

namespace {

// Its deadline never moves past 2.5 s.
struct Spinner {
  void start(halab::Instant) {}
  halab::Instant next_deadline() const { return halab::Instant::at_seconds(2.5); }
  void on_timers(halab::Instant) {}
  bool on_message(halab::Instant, const halab::Message&) { return true; }
};

// A well-behaved neighbour with a timer every second: it must not turn after the stall.
struct Ticker {
  explicit Ticker(int& turns) : turns_(turns) {}
  void start(halab::Instant now) { next_ = now; }
  halab::Instant next_deadline() const { return next_; }
  void on_timers(halab::Instant now) {
    ++turns_;
    next_ = now + halab::Duration::seconds(1);
  }
  bool on_message(halab::Instant, const halab::Message&) { return true; }
  int& turns_;
  halab::Instant next_;
};

}  // namespace

int main() {
  halab::testing::TwoHosts run;
  halab::Network& network = run.network;
  halab::Platform& platform = run.platform;
  int ticks = 0;
  halab::LoopOf<Spinner> spinner(network, 0, "spinner");
  halab::LoopOf<Ticker> ticker(network, 1, "ticker", ticks);
  simgrid::s4u::Actor::create("bystander", platform.host("b"), [] { simgrid::s4u::this_actor::sleep_until(100); });
  run.engine->run();
  int failed = 0;
  if (!network.stall()) {
    std::cerr << "no stall recorded\n";
    ++failed;
  } else if (network.stall()->receiver != "spinner" || network.stall()->at_s != 2.5) {
    std::cerr << "stall recorded as " << network.stall()->receiver << " at " << network.stall()->at_s << "\n";
    ++failed;
  }
  if (simgrid::s4u::Engine::get_clock() != 2.5) {
    std::cerr << "the run went on to " << simgrid::s4u::Engine::get_clock() << " s\n";
    ++failed;
  }
  if (ticks != 3) {  // at 0, 1 and 2 s
    std::cerr << "the ticker turned " << ticks << " times\n";
    ++failed;
  }
  std::cout << (failed ? 0 : 1) << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
