// A large random cluster for the placement benchmark: N nodes, R primitives, about one
// location constraint per primitive (random node and score) and one colocation per
// four primitives, a third of the primitives already running, as a CIB XML document
// that both halab and crm_simulate read.
//
// History::running_only records only the running resources' start. History::probed
// records, as a cluster that has been up a while does, every resource's probe on every
// node (a monitor with interval 0, rc 7: not running there) besides the starts: without
// that history Pacemaker's scheduler plans a probe of every resource on every node
// (64,000 for 32 × 2,000), which halab does not model, so only the probed form compares
// like with like.
#pragma once

#include <cstdint>
#include <string>

namespace halab {

enum class History { running_only, probed };

std::string placement_workload_cib(int nodes, int primitives, std::uint64_t seed, History history);

}  // namespace halab
