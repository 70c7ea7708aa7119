// A large random cluster for the placement benchmark: N nodes, R primitives, about one
// location constraint per primitive (random node and score) and one colocation per
// four primitives, a third of the primitives already running, as a CIB XML document
// that both halab and crm_simulate read.
#pragma once

#include <cstdint>
#include <string>

namespace halab {

std::string placement_workload_cib(int nodes, int primitives, std::uint64_t seed);

}  // namespace halab
