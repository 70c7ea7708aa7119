// AlarmClock: alarms ring at their times, ties in the order they were set, moved and
// cancelled ones never at their old times, one set for now while ringing in the same
// instant, none after stop(). One engine per process, hence a program of its own.
#include "sim/net/alarm_clock.hpp"
#include "sim/run/simulation.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include <iostream>
#include <utility>
#include <vector>

int main() {
  auto engine = halab::create_engine();
  auto* zone = simgrid::s4u::create_full_zone("z");
  auto* host = zone->create_host("h", 1e9);
  zone->seal();

  using Ring = std::pair<halab::AlarmClock::Owner, double>;
  std::vector<Ring> rang;
  halab::AlarmClock* clock = nullptr;
  halab::AlarmClock alarms([&](halab::AlarmClock::Owner who) {
    rang.emplace_back(who, simgrid::s4u::Engine::get_clock());
    if (who == 1) {
      clock->set(5, simgrid::s4u::Engine::get_clock());  // for now, while ringing
      clock->set(6, 4.0);
    }
    if (who == 6) clock->stop();
  });
  clock = &alarms;
  simgrid::s4u::Actor::create("setter", host, [&alarms] {
    alarms.set(0, 3.0);
    alarms.set(1, 1.0);
    alarms.set(2, 1.0);
    alarms.set(3, 2.0);
    alarms.cancel(3);
    alarms.set(0, 0.5);  // moved earlier
    alarms.set(4, 5.0);
    alarms.set(4, 6.0);  // moved later; stop() at 4 s comes first
  });
  engine->run();

  const std::vector<Ring> expected{{0, 0.5}, {1, 1.0}, {2, 1.0}, {5, 1.0}, {6, 4.0}};
  int failed = 0;
  if (rang != expected) {
    std::cerr << "rang:";
    for (const auto& [who, at] : rang) std::cerr << " (" << who << ", " << at << ")";
    std::cerr << "\n";
    ++failed;
  }
  if (simgrid::s4u::Engine::get_clock() != 4.0) {
    std::cerr << "the run went on to " << simgrid::s4u::Engine::get_clock() << " s\n";
    ++failed;
  }
  std::cout << (failed ? 0 : 1) << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
