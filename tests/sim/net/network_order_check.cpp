// Network::Order: a large message and then a small one from the same endpoint to the same
// endpoint, sent at one instant. As datagrams (Order::any) the small one arrives first, by
// the difference of their sizes over the bandwidth; as a stream (Order::fifo) it arrives
// with the large one, after it. A stream is per pair of endpoints: a small message from
// another endpoint on the same host is not held back by the large one. One engine per
// process, hence a program of its own.
#include "sim/service/process_loop.hpp"
#include "tests/sim/net/two_hosts.hpp"

#include <simgrid/s4u/Actor.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

struct Arrival {
  std::uint64_t id;
  double at_s;
};

// Records each probe's id and when it arrived.
struct Recorder {
  explicit Recorder(std::vector<Arrival>& arrivals) : arrivals_(arrivals) {}
  void start(halab::Instant) {}
  halab::Instant next_deadline() const { return halab::Instant::never(); }
  void on_timers(halab::Instant) {}
  bool on_message(halab::Instant now, const halab::Message& m) {
    if (const auto* p = m.as<halab::msg::Probe>()) arrivals_.push_back({p->id, now.to_seconds()});
    return true;
  }
  std::vector<Arrival>& arrivals_;
};

}  // namespace

int main() {
  halab::testing::TwoHosts run;
  halab::Network& network = run.network;
  const halab::Endpoint a = 0, b = 1, a2 = network.open_endpoint(0);
  std::vector<Arrival> arrivals;
  halab::LoopOf<Recorder> receiver(network, b, "receiver", arrivals);
  constexpr std::uint64_t kLarge = 1'000'000, kSmall = 64;
  auto probe = [](halab::Endpoint from, std::uint64_t id) { return halab::make_message(from, 0, halab::msg::Probe{id}); };
  simgrid::s4u::Actor::create("sender", run.platform.host("a"), [&] {
    network.send(b, probe(a, 1), kLarge);
    network.send(b, probe(a, 2), kSmall);
    simgrid::s4u::this_actor::sleep_for(1);
    network.send(b, probe(a, 3), kLarge, halab::Network::Order::fifo);
    network.send(b, probe(a, 4), kSmall, halab::Network::Order::fifo);
    network.send(b, probe(a2, 5), kSmall, halab::Network::Order::fifo);
    simgrid::s4u::this_actor::sleep_for(1);
    network.halt();
  });
  run.engine->run();

  std::vector<std::uint64_t> order;
  for (const Arrival& x : arrivals) order.push_back(x.id);
  const std::vector<std::uint64_t> expected{2, 1, 5, 3, 4};
  int failed = 0;
  if (order != expected) {
    std::cerr << "arrival order:";
    for (auto id : order) std::cerr << ' ' << id;
    std::cerr << " (expected 2 1 5 3 4)\n";
    ++failed;
  } else if (arrivals[3].at_s != arrivals[4].at_s || arrivals[0].at_s >= arrivals[1].at_s) {
    std::cerr << "a stream's small message arrives with the large one before it; a datagram earlier\n";
    ++failed;
  }
  std::cout << (failed ? "failed\n" : "passed\n");
  return failed;
}
