// Reading the keys of /cluster that only the "zookeeper" manager has: /cluster/zookeeper,
// the ensemble's servers and its zoo.cfg timing, and the clients' session timeout. The
// members are the clients (the group); the ensemble's servers are appended after them
// (ClusterSpec::ensemble). And the check of the faults against what is modelled: the
// ensemble's leader stays (its election is not modelled).
#pragma once

#include "sim/scenario/kind_reader.hpp"

#include <string>
#include <vector>

namespace halab {

void read_zookeeper_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup);

// Refuses the faults and failure processes that would take a ZooKeeper ensemble's leader
// down or leave it on a side without a quorum of the servers. `fault_pointers[i]` is
// where s.faults[i] was read.
void check_zookeeper_faults(const Scenario& s, const std::vector<std::string>& fault_pointers, Diagnostics& diag);

}  // namespace halab
