// `halab compare --svg FILE`: the variants as a chart an architect can put in a document —
// left, nines against servers used (cost), each variant a point with its 95 % interval as a
// bar, the Pareto-optimal ones ringed; middle, each variant's RTO p50 and p99 (fault to
// first successful request); right, the distribution of those recovery times (the share
// done within t, t on a log scale). Plain SVG 1.1, written as text: no toolkit needed to
// make or to view it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace halab {

// `rows` as `halab compare --json` prints them.
std::string compare_chart_svg(const nlohmann::ordered_json& rows);

}  // namespace halab
