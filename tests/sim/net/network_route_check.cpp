// Routes assembled from the hosts' NICs and the links between their datacenters deliver
// every message when SimGrid's whole route would: on a platform of two regions (one of two
// datacenters), a message between any two hosts arrives after the latencies of the
// topology's own route plus its size over that route's narrowest link. Then, with one host's
// NIC cut and another's latency raised through the network (as faults do), messages through
// the cut are dropped and those through the slower NIC arrive that much later. One engine
// per process, hence a program of its own.
#include "sim/net/network.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/run/simulation.hpp"
#include "sim/service/process_loop.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <cmath>
#include <iostream>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace {

// Records when each message arrives, and from whom.
struct Recorder {
  Recorder(std::map<std::pair<halab::HostId, halab::HostId>, double>& arrivals, halab::HostId self)
      : arrivals_(arrivals), self_(self) {}
  void start(halab::Instant) {}
  halab::Instant next_deadline() const { return halab::Instant::never(); }
  void on_timers(halab::Instant) {}
  bool on_message(halab::Instant now, const halab::Message& m) {
    arrivals_[{m.from, self_}] = now.to_seconds();
    return true;
  }
  std::map<std::pair<halab::HostId, halab::HostId>, double>& arrivals_;
  halab::HostId self_;
};

}  // namespace

int main() {
  auto engine = halab::create_engine();
  halab::TopologySpec spec;
  spec.regions = {{"eu", {{"dc1", {"a", "b"}}, {"dc2", {"c"}}}}, {"us", {{"dc3", {"d", "e"}}}}};
  halab::Topology topology(spec);
  halab::Platform platform(topology);
  const std::vector<std::string> names{"a", "b", "c", "d", "e"};
  std::vector<simgrid::s4u::Host*> hosts;
  for (const auto& n : names) hosts.push_back(platform.host(n));
  halab::Network network(hosts, 1);
  std::map<std::pair<halab::HostId, halab::HostId>, double> arrivals;
  std::vector<std::unique_ptr<halab::LoopOf<Recorder>>> loops;
  for (halab::HostId h = 0; h < names.size(); ++h)
    loops.push_back(std::make_unique<halab::LoopOf<Recorder>>(network, h, names[h], arrivals, h));
  constexpr std::uint64_t kBytes = 1000;
  constexpr double kExtraLatency = 0.5;
  const halab::HostId cut = 4, slow = 3;  // e's NIC is cut, d's slowed, for the second round
  auto send_all = [&] {
    for (halab::HostId from = 0; from < names.size(); ++from)
      for (halab::HostId to = 0; to < names.size(); ++to)
        if (from != to) network.send(to, halab::make_message(from, 0, halab::msg::Stop{}), kBytes);
  };
  std::map<std::pair<halab::HostId, halab::HostId>, double> as_built, cut_off;
  simgrid::s4u::Actor::create("sender", hosts[0], [&] {
    send_all();
    simgrid::s4u::this_actor::sleep_for(1);
    as_built = std::exchange(arrivals, {});
    for (auto* link : platform.links(halab::Topology::nic_link_name(names[cut]))) network.set_link_on(link, false);
    send_all();
    simgrid::s4u::this_actor::sleep_for(1);
    cut_off = std::exchange(arrivals, {});
    for (auto* link : platform.links(halab::Topology::nic_link_name(names[slow])))
      network.set_link_latency(link, link->get_latency() + kExtraLatency);
    send_all();
    simgrid::s4u::this_actor::sleep_for(2);
    network.halt();
  });
  engine->run();

  int failed = 0, passed = 0;
  auto check = [&](const char* round, const std::map<std::pair<halab::HostId, halab::HostId>, double>& got_at,
                   double sent_at, bool e_cut, bool d_slowed) {
    for (halab::HostId from = 0; from < names.size(); ++from)
      for (halab::HostId to = 0; to < names.size(); ++to) {
        if (from == to) continue;
        double bottleneck = std::numeric_limits<double>::infinity();
        for (const auto& link : topology.route(names[from], names[to]))
          bottleneck = std::min(bottleneck, topology.link_spec(link).bandwidth_bytes_per_s);
        double expected = sent_at + topology.path_latency(names[from], names[to]).to_seconds() + kBytes / bottleneck;
        if (d_slowed && (from == slow || to == slow)) expected += kExtraLatency;
        const bool dropped = e_cut && (from == cut || to == cut);
        auto got = got_at.find({from, to});
        bool ok = dropped ? got == got_at.end() : got != got_at.end() && std::abs(got->second - expected) <= 1e-12;
        if (!ok) {
          std::cerr << round << ": " << names[from] << " -> " << names[to] << ": expected "
                    << (dropped ? std::string("nothing") : "at " + std::to_string(expected) + " s") << ", got "
                    << (got == got_at.end() ? std::string("nothing") : std::to_string(got->second)) << "\n";
          ++failed;
        } else {
          ++passed;
        }
      }
  };
  check("as built", as_built, 0, false, false);
  check("e cut", cut_off, 1, true, false);
  check("e cut, d slowed", arrivals, 2, true, true);
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
