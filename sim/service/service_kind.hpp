// The registry of service kinds: what a kind of service reads from its section of a
// scenario and how one of its member processes starts. The loader and the run look a kind
// up by name instead of branching on it; a new kind is one entry here, a reader and a
// member process (an adapter of the one loop, process_loop.hpp).
#pragma once

#include "sim/scenario/kind_reader.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace halab {

struct RunContext;
struct ServiceRun;

struct ServiceKind {
  std::string_view name;  // the value of /cluster/manager
  int max_priority;       // the highest member priority it accepts
  bool member_votes;      // members carry votequorum votes
  // The keys of /cluster only this kind has (others' are refused with its name).
  std::vector<std::string_view> own_keys;
  // Faults only this kind's members understand.
  std::vector<FaultSpec::Kind> own_faults;
  // Reads the kind's own keys (the members are read already) and its detector.
  void (*read)(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup);
  // Starts (or restarts) a member's process.
  void (*spawn)(RunContext& ctx, ServiceRun& service, std::size_t member);
};

std::span<const ServiceKind> service_kinds();
// The kind of that name, or nullptr.
const ServiceKind* find_service_kind(std::string_view name);
// "\"keepalived\" or \"pacemaker\"": what a manager may be, for diagnostics.
std::string service_kind_names();

}  // namespace halab
