#include "sim/bench/heartbeat_ring.hpp"

#include "models/detect/fixed_timeout_detector.hpp"
#include "sim/net/network.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/run/simulation.hpp"
#include "sim/service/process_loop.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace {

constexpr double kInterval = 1.0;

struct Bench {
  std::unique_ptr<sg4::Engine> engine;
  std::unique_ptr<Topology> topology;
  std::unique_ptr<Platform> platform;
  std::vector<sg4::Host*> hosts;  // nodes 0..n-1, then the monitor
};

Bench make_bench(int nodes) {
  Bench b;
  b.engine = create_engine();
  TopologySpec spec;
  DatacenterSpec dc{"dc", {}};
  for (int i = 0; i < nodes; ++i) dc.hosts.push_back("n" + std::to_string(i));
  dc.hosts.push_back("monitor");
  spec.regions.push_back({"region", {dc}});
  b.topology = std::make_unique<Topology>(spec);
  b.platform = std::make_unique<Platform>(*b.topology);
  for (const auto& h : dc.hosts) b.hosts.push_back(b.platform->host(h));
  return b;
}

double phase(int i) { return kInterval * std::fmod(0.6180339887498949 * i, 1.0); }

RingSample timed_run(sg4::Engine& engine, const std::uint64_t& delivered) {
  auto start = std::chrono::steady_clock::now();
  engine.run();
  std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  return {delivered, wall.count()};
}

// A node of the ring as a process of the one loop (process_loop.hpp): a heartbeat to its
// successor and to the monitor each interval; every heartbeat received feeds its detector.
class RingNode {
public:
  RingNode(Network& network, std::uint64_t& delivered, HostId self, HostId nodes, HostId monitor)
      : network_(network), delivered_(delivered), self_(self), nodes_(nodes), monitor_(monitor),
        next_(self == monitor ? Instant::never() : Instant::at_seconds(phase(static_cast<int>(self)))) {}

  void start(Instant) {}
  Instant next_deadline() const { return next_; }
  void on_timers(Instant now) {
    if (now < next_) return;
    for (HostId to : {static_cast<HostId>((self_ + 1) % nodes_), monitor_})
      network_.send(to, make_message(self_, 0, msg::Heartbeat{}), kHeartbeatBytes);
    next_ = next_ + Duration::seconds(kInterval);
  }
  bool on_message(Instant now, const Message&) {
    detector_.heartbeat(now);
    ++delivered_;
    return true;
  }

private:
  Network& network_;
  std::uint64_t& delivered_;
  HostId self_, nodes_, monitor_;
  Instant next_;
  FixedTimeoutDetector detector_{Duration::seconds(3 * kInterval), Instant()};
};

} // namespace

RingSample run_ring_halab(int nodes, double simulated_s) {
  Bench b = make_bench(nodes);
  Network network(b.hosts, 1);
  std::uint64_t delivered = 0;
  HostId monitor = static_cast<HostId>(nodes);
  std::vector<std::unique_ptr<ProcessLoop>> processes;
  for (int i = 0; i <= nodes; ++i) {
    auto self = static_cast<HostId>(i);
    processes.push_back(
        std::make_unique<LoopOf<RingNode>>(network, self, "node", network, delivered, self, static_cast<HostId>(nodes), monitor));
  }
  sg4::Actor::create("stop", b.hosts[monitor], [&network, simulated_s] {
    sg4::this_actor::sleep_until(simulated_s);
    network.halt();
  });
  return timed_run(*b.engine, delivered);
}

RingSample run_ring_plain(int nodes, double simulated_s) {
  Bench b = make_bench(nodes);
  std::uint64_t delivered = 0;
  std::vector<sg4::Mailbox*> boxes;
  for (auto* h : b.hosts) boxes.push_back(sg4::Mailbox::by_name(h->get_name()));
  for (int i = 0; i <= nodes; ++i) {
    sg4::Actor::create("receiver", b.hosts[i], [&boxes, &delivered, i] {
      boxes[i]->set_receiver(sg4::Actor::self());
      for (;;) {
        delete boxes[i]->get<int>();
        ++delivered;
      }
    })->daemonize();
    if (i == nodes) continue;
    sg4::Actor::create("sender", b.hosts[i], [&boxes, i, nodes] {
      sg4::this_actor::sleep_until(phase(i));
      for (;;) {
        for (int to : {(i + 1) % nodes, nodes})
          boxes[to]->put_init(new int(i), 64)->detach([](void* p) { delete static_cast<int*>(p); });
        sg4::this_actor::sleep_for(kInterval);
      }
    })->daemonize();
  }
  sg4::Actor::create("stop", b.hosts[nodes], [simulated_s] { sg4::this_actor::sleep_until(simulated_s); });
  return timed_run(*b.engine, delivered);
}

} // namespace halab
