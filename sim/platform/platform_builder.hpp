// Builds the SimGrid platform from a Topology, in C++ (no XML): the root is a full zone of
// regions, each region a full zone of datacenters, each datacenter a star zone whose hosts
// reach the gateway router over their own split-duplex NIC link. Metro links join datacenter
// gateways inside a region; WAN links join regions through their first datacenters' gateways.
// The whole tree is built before sealing, as SimGrid 3.32 requires.
#pragma once

#include "sim/platform/topology.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <map>
#include <string>
#include <vector>

namespace halab {

class Platform {
public:
  // Call once per process, after the Engine exists and before any actor starts.
  explicit Platform(const Topology& topology);

  simgrid::s4u::Host* host(const std::string& name) const { return hosts_.at(name); }
  // The SimGrid links behind a topology link name (both halves of a split-duplex NIC).
  const std::vector<simgrid::s4u::Link*>& links(const std::string& topology_link) const {
    return links_.at(topology_link);
  }

private:
  std::map<std::string, simgrid::s4u::Host*> hosts_;
  std::map<std::string, std::vector<simgrid::s4u::Link*>> links_;
};

} // namespace halab
