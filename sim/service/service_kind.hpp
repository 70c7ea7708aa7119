// The registry of service kinds: what a kind of service reads from its section of a
// scenario. The loader and the run look a kind up by name instead of branching on it; a new
// kind is one entry here, a reader, and a member process (an adapter of the one loop,
// process_loop.hpp) registered in member_spawn.cpp. This half needs no SimGrid: the loader
// and the importers link it without the engine (halab_scenario, the fuzz targets).
#pragma once

#include "sim/scenario/kind_reader.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace halab {

struct ServiceKind {
  std::string_view name;  // the value of /cluster/manager
  int max_priority;       // the highest member priority it accepts
  bool member_votes;      // members carry votequorum votes
  bool serves_ip;         // its members hold a floating IP (else it keeps membership only)
  // The keys of /cluster only this kind has (others' are refused with its name).
  std::vector<std::string_view> own_keys;
  // Faults only this kind's members understand.
  std::vector<FaultSpec::Kind> own_faults;
  // Reads the kind's own keys (the members are read already) and its detector.
  void (*read)(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup);
};

std::span<const ServiceKind> service_kinds();
// The kind of that name, or nullptr.
const ServiceKind* find_service_kind(std::string_view name);
// "\"keepalived\", \"pacemaker\", \"memberlist\" or \"zookeeper\"": what a manager may be, for diagnostics.
std::string service_kind_names();

}  // namespace halab
