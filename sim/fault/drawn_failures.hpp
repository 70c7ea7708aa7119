// The faults a scenario's failure processes (/failures) draw for one run: per host an
// alternating renewal process — up for a draw of its time to failure, failed for a draw
// of its time to repair — from 0 to the end of the run, on the host's own random stream
// Rng::stream(seed, "failures:" + host) (crashes), or "failures:KINDS:" + host for a
// process of other kinds (each failure's kind drawn by its weight). A host's failures
// therefore depend on the seed and its own process alone: adding a host, a process or a
// fault elsewhere leaves them as they were, so variants of an architecture run under the
// same failures (common random numbers).
#pragma once

#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <vector>

namespace halab {

// Per process, its hosts' faults in host order, then time, then its sites' site-down faults
// in site order, then time; a failure whose repair would fall after the end has no end (a
// pause ends with the run). A table dropped while a drop of it is not yet restored is left
// out.
std::vector<FaultSpec> drawn_failures(const Scenario& scenario, std::uint64_t seed);

// The scenario with its drawn crashes appended to its faults (numbered after them).
Scenario with_drawn_failures(const Scenario& scenario, std::uint64_t seed);

}  // namespace halab
