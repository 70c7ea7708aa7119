// `halab compare`'s table, as text for the terminal and as a Markdown report (`--markdown
// FILE`): one row per variant — servers, unavailability with its 95 % interval, nines,
// downtime per year, RTO p50/p99 (fault to first success), false failovers, split brain and
// the RPO (acknowledged writes lost, their longest span) per year, all workloads' unavailability —
// then the RTO by phase, the Pareto-optimal variants and each variant's paired difference
// from the first. Both read the rows `--json` prints.
#pragma once

#include "sim/cli/sweep_runner.hpp"

#include <cstdint>
#include <string>

namespace halab {

struct CompareHeading {
  std::uint64_t runs = 0;
  std::uint64_t first_seed = 1;
  bool regenerative = false;
  std::string vary;  // "POINTER" when the variants are one scenario's settings (--vary)
};

std::string compare_text(const Json& rows, const CompareHeading& heading);
// `svg`: the chart's file, linked from the report when given.
std::string compare_markdown(const Json& rows, const CompareHeading& heading, const std::string& svg);

}  // namespace halab
