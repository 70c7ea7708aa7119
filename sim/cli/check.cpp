// `halab check PATH… [--seeds FIRST-LAST] [--junit FILE] [--json]`: a CI gate. Every
// scenario runs (at its own seed, or at each seed asked for) and each key of its `expect`
// section is a verdict of its own, with the evidence from the run — the failovers, fencings
// or outages the figure counts — so a red pipeline says what broke and when. Exit codes as
// `halab run`: 0 every expectation held, 1 one did not, 2 a file is bad input, 70 the
// simulator itself failed (the worst wins). `--junit FILE` writes JUnit XML: a test suite
// per scenario file, a test case per expectation and seed. `--golden DIR` holds each run's
// whole summary to the one kept in DIR (a verdict "golden", the figures that moved as its
// evidence); `--update-golden` writes them there.
#include "sim/cli/check_report.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_runs.hpp"
#include "sim/cli/summary_diff.hpp"
#include "sim/metrics/expectations.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace halab {
namespace {

// DIR/<file's stem>@<seed>.json: one scenario's golden summary at one seed.
std::filesystem::path golden_path(const std::string& dir, const SuiteRow& row) {
  return std::filesystem::path(dir) / fmt::format("{}@{}.json", std::filesystem::path(row.file).stem().string(), row.seed);
}

// The run's summary against its golden one: held, or the figures that moved.
Verdict golden_verdict(const std::filesystem::path& path, const nlohmann::ordered_json& summary) {
  Verdict v{"golden", fmt::format("\"{}\"", path.string()), {}, ""};
  std::ifstream in(path);
  const auto kept = in ? nlohmann::ordered_json::parse(in, nullptr, false) : nlohmann::ordered_json();
  if (!in || kept.is_discarded() || !kept.is_object()) {
    v.unmet.push_back(fmt::format("no golden summary at {} (halab check --golden DIR --update-golden writes it)", path.string()));
    return v;
  }
  const auto deltas = summary_deltas(kept, summary);
  if (deltas.empty()) return v;
  v.unmet.push_back(fmt::format("the summary differs from {} in {} figure(s)", path.string(), deltas.size()));
  std::vector<std::string> moved;
  for (std::size_t i = 0; i < deltas.size() && i < 12; ++i)
    moved.push_back(fmt::format("{} {} -> {}", deltas[i].figure, deltas[i].a, deltas[i].b));
  if (deltas.size() > 12) moved.push_back("…");
  v.evidence = fmt::format("{}", fmt::join(moved, "; "));
  return v;
}

}  // namespace

int command_check(const CheckCommand& options) {
  if (options.update_golden && options.golden.empty()) {
    std::cerr << "check: --update-golden needs --golden DIR (where to write the summaries)\n";
    return kExitInput;
  }
  const auto [rows, invalid, crashed] = run_scenarios(options.paths, options.seeds);
  std::vector<CheckedRun> checked;
  bool golden_unmet = false;
  for (const SuiteRow& row : rows) {
    CheckedRun run{row.file, row.seed, row.error, row.load_errors, {}};
    if (row.error.empty()) {
      for (const auto& [key, want] : row.expect.items()) {
        const auto unmet = check_expectations(row.summary, nlohmann::json{{key, want}});
        run.verdicts.push_back({key, want.dump(), unmet, unmet.empty() ? "" : expectation_evidence(key, row.summary)});
      }
      if (options.update_golden) {
        std::error_code ec;
        std::filesystem::create_directories(options.golden, ec);
        std::ofstream out(golden_path(options.golden, row));
        out << row.summary.dump(2) << '\n';
        if (!out) {
          std::cerr << "check: cannot write " << golden_path(options.golden, row).string() << '\n';
          return kExitInput;
        }
      } else if (!options.golden.empty()) {
        run.verdicts.push_back(golden_verdict(golden_path(options.golden, row), row.summary));
        golden_unmet = golden_unmet || !run.verdicts.back().unmet.empty();
      }
    }
    checked.push_back(std::move(run));
  }
  if (!options.junit.empty() && !write_junit(checked, options.junit)) {
    std::cerr << "check: --junit: cannot write " << options.junit << '\n';
    return kExitInput;
  }
  std::cout << (options.json ? check_json_lines(checked) : check_text(checked));
  if (crashed) return kExitInternal;
  if (invalid) return kExitInput;
  const bool unmet = golden_unmet || std::any_of(rows.begin(), rows.end(), [](const SuiteRow& r) { return !r.unmet.empty(); });
  return unmet ? kExitUnmet : kExitOk;
}

}  // namespace halab
