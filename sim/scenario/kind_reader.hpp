// What the readers of every service kind share (sim/service/service_kind.hpp): how they
// look up the scenario being read, and the failure detector of /cluster/detector.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace halab {

struct ScenarioLookup {
  std::function<int(const std::string&)> member_index;  // a member's index, or -1
  std::function<bool(const std::string&)> known_host;   // a host of the topology
  // A host the kind adds to the service (a registry's server), at `pointer`: no other
  // service may list it (an error at `pointer` if one does).
  std::function<void(const std::string& pointer, const std::string& host)> claim_host;
  Duration run;                                          // the run's duration
};

// A membership-only kind (memberlist, zookeeper) has its own timing and detector, and its
// members no priority: /cluster/heartbeat_interval, /cluster/detector and a member's
// priority are refused, each with what the kind has instead.
void refuse_failover_keys(const Fields& cluster, std::string_view manager, std::string_view heartbeat_instead,
                          std::string_view detector_instead);

// A membership whose losses show no sooner than `soonest` (`how`: what takes that long),
// in a run no longer than that, gets a warning at `pointer`, not a silent run: no crash or
// partition in it can change the membership. Nothing when the run's length is unknown.
void warn_if_no_loss_shows(Diagnostics& diag, const std::string& pointer, Duration soonest, Duration run,
                           std::string_view how);

// Reads /cluster/detector into `d` (left as it is when absent and optional).
void read_detector(const Fields& cluster, Fields::Need need, DetectorSpec& d);

}  // namespace halab
