// A scenario's "expect" section: assertions on its summary, so that a scenario states its
// own outcome and CI (or a user's pipeline) fails when the failover logic stops producing it.
//
//   "expect": { "failovers": 1, "split_brain": false, "availability": {"min": 0.9},
//               "split_brain_s": {"min": 5, "max": 15} }
//
// A number asks for that exact value (for the lists "failovers" and "fenced", their length), {"min",
// "max"} for a range (either bound optional), true/false for a yes/no metric.
// "placement" and "promoted" map resources to where they must end up (a node, "stopped",
// or a list of nodes for a clone); "start_order" lists resources that must first start
// in this order (others may start between them).
#pragma once

#include "sim/scenario/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace halab {

// Validates the section's shape at load time.
void check_expectations_shape(const nlohmann::json& expect, const std::string& pointer, Diagnostics& diag);

// Returns one line per unmet expectation ("availability = 0.81, expected >= 0.9").
std::vector<std::string> check_expectations(const nlohmann::ordered_json& summary, const nlohmann::json& expect);

// What the run did that an expectation's figure counts, enough to find it in the trace:
// the failovers (times, causes), the fencings, the outages; "" for other keys.
std::string expectation_evidence(const std::string& key, const nlohmann::ordered_json& summary);

} // namespace halab
