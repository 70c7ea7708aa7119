// The planned stops a scenario's maintenance windows (/maintenance) make: per window, the
// hosts in turn, each a graceful stop at its slot and a start `duration` later — once, or
// in every period until the run's end. They are faults like the others, marked planned, so
// the summary counts the outages they cause apart (planned_outages, planned_down_s).
#pragma once

#include "sim/scenario/scenario.hpp"

#include <vector>

namespace halab {

// Stop faults in window order, then time; a window that would end after the run has no start.
std::vector<FaultSpec> maintenance_stops(const Scenario& scenario);

}  // namespace halab
