// Scenario files run at their seeds, one child process per run on every core — what `halab
// suite` and `halab check` share. A file that does not load is reported (its errors on
// stderr) and not run; a run whose process fails is marked, not fatal.
#pragma once

#include "sim/cli/report.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace halab {

struct ScenarioRuns {
  std::vector<SuiteRow> rows;  // per file, per seed, in order
  bool invalid = false;        // some file did not load
  bool crashed = false;        // some run's process failed
};

// `paths`: files or folders of *.json (none: scenarios/); `seeds`: each file at each of
// these seeds instead of its own.
ScenarioRuns run_scenarios(const std::vector<std::string>& paths, const std::optional<std::pair<std::uint64_t, std::uint64_t>>& seeds);

}  // namespace halab
