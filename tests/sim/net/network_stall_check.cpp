// A receiver whose deadline stays in the past must stop the run, not spin for ever: the
// network records the stall (actor and instant) and kills every actor, so the engine
// returns. One engine per process, hence a program of its own.
#include "sim/net/network.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/run/simulation.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <iostream>

int main() {
  auto engine = halab::create_engine();
  halab::TopologySpec spec;
  spec.regions = {{"eu", {{"dc1", {"a", "b"}}}}};
  halab::Topology topology(spec);
  halab::Platform platform(topology);
  halab::Network network({platform.host("a"), platform.host("b")}, 1);
  simgrid::s4u::Actor::create("spinner", platform.host("a"), [&network] {
    simgrid::s4u::this_actor::sleep_until(2.5);
    for (;;) network.receive_before(0, 1.0);  // a deadline that never moves
  });
  simgrid::s4u::Actor::create("bystander", platform.host("b"), [] { simgrid::s4u::this_actor::sleep_until(100); });
  engine->run();
  int failed = 0;
  if (!network.stall()) {
    std::cerr << "no stall recorded\n";
    ++failed;
  } else if (network.stall()->actor != "spinner" || network.stall()->at_s != 2.5) {
    std::cerr << "stall recorded as " << network.stall()->actor << " at " << network.stall()->at_s << "\n";
    ++failed;
  }
  if (simgrid::s4u::Engine::get_clock() != 2.5) {
    std::cerr << "the run went on to " << simgrid::s4u::Engine::get_clock() << " s\n";
    ++failed;
  }
  std::cout << (failed ? 0 : 1) << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
