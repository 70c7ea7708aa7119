// Human-readable reports of run summaries, for the terminal.
#pragma once

#include "sim/metrics/summary.hpp"

#include <string>
#include <vector>

namespace halab {

// The line a trainer reads: split brain, corruption, who was fenced, time without service.
std::string format_verdict(const Summary& summary);

// A short report of one run; `unmet` lists unmet expectations (empty: all met).
std::string format_run_report(const Summary& summary, std::size_t expectations, const std::vector<std::string>& unmet);

struct SuiteRow {
  std::string file;
  std::uint64_t seed = 0;
  std::string error;  // set when the scenario could not be run
  nlohmann::ordered_json summary;  // Summary::to_json() of the run
  std::size_t expectations = 0;
  std::vector<std::string> unmet;
  nlohmann::json expect;                 // the scenario's expect section
  std::vector<std::string> load_errors;  // why the file did not load ("file: /pointer: …")
};

// One table line per scenario, then each unmet expectation, then a closing count.
std::string format_suite_report(const std::vector<SuiteRow>& rows);
// A seed sweep (rows of one file together): per scenario, at how many seeds its
// expectations held, the failing seeds and what the first of them missed.
std::string format_sweep_report(const std::vector<SuiteRow>& rows);

inline constexpr double kSecondsPerYear = 365.25 * 86400;
// "4.2 h", "38.00 s", "3.1 years": a duration a person reads at a glance.
std::string readable_duration(double s);

} // namespace halab
