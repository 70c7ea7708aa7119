// Reading the keys of /cluster that only the "pacemaker" manager has: membership timing,
// votequorum options and quorum device, no-quorum policy, fencing, shared storage.
#pragma once

#include "sim/scenario/kind_reader.hpp"

namespace halab {

// Also the crm section (crm_reader) and the detector: under corosync timing, the token
// timeout; otherwise /cluster/detector, which is then required.
void read_pacemaker_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup);

} // namespace halab
