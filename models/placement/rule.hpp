// Location rules on node attributes. Source: "Pacemaker Explained" 2.1, "Rules": node
// attribute expressions (defined, not_defined, eq, ne, lt, gt, lte, gte) with types
// string (case-insensitive), integer, number and version; boolean-op and/or; the
// special attributes #uname and #id. When no type is given, comparisons of two
// numbers are numeric and everything else is a string comparison.
#pragma once

#include "models/placement/cluster_state.hpp"

namespace halab::placement {

bool rule_matches(const Rule& rule, const Node& node);

// The rule's score on a node: its score, or the value of its score-attribute.
std::optional<Score> rule_score(const Rule& rule, const Node& node);

}  // namespace halab::placement
