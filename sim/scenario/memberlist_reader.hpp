// Reading the keys of /cluster that only the "memberlist" manager has: /cluster/memberlist,
// the SWIM settings of HashiCorp memberlist's Config (DefaultLANConfig unless given).
#pragma once

#include "sim/scenario/kind_reader.hpp"

namespace halab {

void read_memberlist_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup);

}  // namespace halab
