// What the readers of every service kind share (sim/service/service_kind.hpp): how they
// look up the scenario being read, and the failure detector of /cluster/detector.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <functional>
#include <string>

namespace halab {

struct ScenarioLookup {
  std::function<int(const std::string&)> member_index;  // a member's index, or -1
  std::function<bool(const std::string&)> known_host;   // a host of the topology
  Duration run;                                          // the run's duration
};

// Reads /cluster/detector into `d` (left as it is when absent and optional).
void read_detector(const Fields& cluster, Fields::Need need, DetectorSpec& d);

}  // namespace halab
