// Reading the keys of /cluster that only the "keepalived" manager has: failback (its
// preempt), /cluster/vrrp (protocol version, preempt_delay, tracked scripts, GARP), and the
// detector (by default VRRP's own Master_Down_Timer).
#pragma once

#include "sim/scenario/kind_reader.hpp"

namespace halab {

void read_keepalived_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup);
// The "script" of a check-fail fault: one of /cluster/vrrp/scripts.
void read_check_fault(const Fields& fault_fields, const ClusterSpec& spec, FaultSpec& fault);

} // namespace halab
