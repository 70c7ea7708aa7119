// Random Pacemaker CIBs for differential tests against crm_simulate: a few nodes (some
// standby or offline, with a rack attribute), primitives, groups, anonymous and
// promotable clones with meta attributes, location (scores and rules), colocation and
// order constraints, and a status section saying what runs where, what failed and
// the fail counts. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>

namespace halab::testing {

// `large`: 4-8 nodes and 4-10 top-level resources instead of 2-5 and 2-6, with more
// constraints.
std::string random_cib(std::uint64_t seed, bool large = false);

}  // namespace halab::testing
