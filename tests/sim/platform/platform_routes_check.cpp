// The SimGrid platform must route exactly as the topology graph says: for every pair of
// hosts, the latency of SimGrid's route equals Dijkstra's path latency on the graph.
#include "sim/platform/platform_builder.hpp"
#include "sim/run/simulation.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <cmath>
#include <iostream>

int main() {
  auto engine = halab::create_engine();

  halab::TopologySpec spec;
  spec.regions = {{"eu", {{"dc1", {"a", "b"}}, {"dc2", {"c"}}, {"dc3", {"e"}}}}, {"us", {{"dc4", {"d"}}}},
                  {"ap", {{"dc5", {"f"}}, {"dc6", {"g"}}}}};
  spec.overrides.push_back({{"", std::pair<std::string, std::string>{"dc1", "dc3"}}, halab::Duration::millis(9), {}});
  spec.overrides.push_back({{"", std::pair<std::string, std::string>{"us", "ap"}}, halab::Duration::millis(120), {}});
  spec.overrides.push_back({{"g", std::nullopt}, halab::Duration::millis(2), {}});
  halab::Topology topology(spec);
  halab::Platform platform(topology);
  int passed = 0, failed = 0;
  for (const auto& from : std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"})
    for (const auto& to : std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"}) {
      if (from == to) continue;
      std::vector<simgrid::s4u::Link*> links;
      double simgrid_latency = 0;
      platform.host(from)->route_to(platform.host(to), links, &simgrid_latency);
      double graph_latency = topology.path_latency(from, to).to_seconds();
      if (std::fabs(simgrid_latency - graph_latency) < 1e-12) {
        ++passed;
      } else {
        ++failed;
        std::cerr << from << " -> " << to << ": SimGrid " << simgrid_latency << " s, graph " << graph_latency << " s\n";
      }
    }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
