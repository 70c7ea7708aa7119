// Where hosts are, as a trace's run.start tells it (regions → datacenters → hosts), and
// which named links a message between two hosts crosses: both NICs; between datacenters of
// one region their metro link; between regions the metro link to each region's first
// datacenter (where the WAN ends) and the WAN link. The same static, hierarchical routes as
// the simulation's platform (sim/platform/topology), rebuilt for the metrics that read a
// trace alone.
#pragma once

#include "sim/trace/trace.hpp"

#include <map>
#include <string>

namespace halab {

class RouteMap {
public:
  // Reads a run.start event's "regions".
  void read(const TraceEvent& run_start);
  bool on_route(const std::string& link, const std::string& a, const std::string& b) const;
  // The host's datacenter ("" if unknown).
  std::string datacenter(const std::string& host) const;

private:
  std::string region(const std::string& host) const;
  std::string first_datacenter(const std::string& region) const;

  std::map<std::string, std::string> datacenter_, region_;  // host -> its datacenter, region
  std::map<std::string, std::string> first_dc_;            // region -> its first datacenter
};

} // namespace halab
