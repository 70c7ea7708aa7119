// Reading the keys of /cluster that only the "pacemaker" manager has: membership timing,
// votequorum options and quorum device, no-quorum policy, fencing, shared storage.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <functional>
#include <string>

namespace halab {

// `member_index` gives a member's index, or -1 for a name that is not a member;
// `known_host` says whether a name is a host of the topology.
void read_pacemaker_settings(const Fields& cluster, ClusterSpec& spec,
                             const std::function<int(const std::string&)>& member_index,
                             const std::function<bool(const std::string&)>& known_host);

} // namespace halab
