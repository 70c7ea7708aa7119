// How two runs differ: the first event where two traces part, and the figures where two
// summaries do (`halab diff`, and `halab check`'s golden summaries).
#pragma once

#include "sim/trace/trace.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace halab {

// One figure that differs: its path ("down_s", "tiers.db.writes_lost", "failovers" — a
// list compared by its length) and both values as text.
struct FigureDelta {
  std::string figure;
  std::string a, b;
  std::optional<double> change;  // b − a, for numbers
};

// The figures (numbers, booleans, strings and list lengths, nested objects walked) that
// differ; the scenario's name, the seed and the per-failover records are not compared.
std::vector<FigureDelta> summary_deltas(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

// The index of the first event that differs (or that one trace lacks), or nothing when they
// are the same; run.start's seed aside, so that two seeds part where their runs do.
std::optional<std::size_t> first_divergence(const std::vector<TraceEvent>& a, const std::vector<TraceEvent>& b);

std::string format_deltas(const std::vector<FigureDelta>& deltas);

}  // namespace halab
