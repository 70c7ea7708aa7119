// Loading and validating a scenario file. Every problem is reported, not just the first:
// unknown keys, wrong types, bad durations, unknown host names, impossible or contradictory
// fault schedules. A scenario with any error is not returned.
#pragma once

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/scenario.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace halab {

inline constexpr int kScenarioVersion = 1;

struct LoadResult {
  std::optional<Scenario> scenario;
  std::vector<InputError> errors;
};

LoadResult load_scenario_file(const std::string& path);
// The file's JSON document, unchecked (an XML file or bad JSON: errors in `diag`).
std::optional<nlohmann::json> read_scenario_document(const std::string& path, Diagnostics& diag);
// The file with the value at `pointer` (a JSON pointer whose parent exists) replaced by
// `value`, as `halab compare --vary` makes its variants; the errors name the setting too.
LoadResult load_scenario_file_with(const std::string& path, const std::string& pointer, const nlohmann::json& value);
// `file` only labels the errors.
LoadResult load_scenario_json(const nlohmann::json& document, const std::string& file);

} // namespace halab
