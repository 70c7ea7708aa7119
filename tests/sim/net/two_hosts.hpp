// A SimGrid engine, a one-datacenter platform of hosts "a" and "b", and a network over them
// (endpoint 0 on a, 1 on b): what the checks of the network and the process loop run on.
// One engine per process, so one per check program.
#pragma once

#include "sim/net/network.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/run/simulation.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace halab::testing {

inline TopologySpec two_hosts_spec() {
  TopologySpec spec;
  spec.regions = {{"eu", {{"dc1", {"a", "b"}}}}};
  return spec;
}

struct TwoHosts {
  std::unique_ptr<simgrid::s4u::Engine> engine = create_engine();
  Topology topology{two_hosts_spec()};
  Platform platform{topology};
  Network network{{platform.host("a"), platform.host("b")}, 1};
};

}  // namespace halab::testing
