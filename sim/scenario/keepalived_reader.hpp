// Reading the keys of /cluster that only the "keepalived" manager has: /cluster/vrrp
// (protocol version, preempt_delay, tracked scripts).
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

namespace halab {

void read_keepalived_settings(const Fields& cluster, ClusterSpec& spec);
// The "script" of a check-fail fault: one of /cluster/vrrp/scripts.
void read_check_fault(const Fields& fault_fields, const ClusterSpec& spec, FaultSpec& fault);

} // namespace halab
