#include "sim/cli/compare_report.hpp"

#include "sim/cli/report.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <optional>

namespace halab {
namespace {

constexpr std::array<const char*, 10> kColumns{
    "variant",         "nodes",           "unavailability ± 95%", "nines", "down/year", "RTO p50/p99 (s)", "false failovers/year",
    "split brain/year", "RPO: writes lost/year (longest span)", "all workloads ± 95%"};
// The RTO by phase, each from the fault (IncidentLog): p50/p99 in seconds.
constexpr std::array<const char*, 6> kPhaseColumns{"variant", "detect", "decide", "fence", "move", "first success"};

std::string seconds_or_dash(const Json& v) { return v.is_number() ? fmt::format("{:.2f}", v.get<double>()) : "-"; }

std::string interval(const Json& mean, const Json& ci95) {
  if (mean.is_null()) return "-";
  return fmt::format("{:.3g} ± {}", mean.get<double>(), ci95.is_null() ? "-" : fmt::format("{:.2g}", ci95.get<double>()));
}

std::string phase(const Json& row, const char* p) {
  const Json& r = row["rto"][p];
  return seconds_or_dash(r["p50"]) + "/" + seconds_or_dash(r["p99"]);
}

std::array<std::string, kColumns.size()> cells(const Json& row) {
  const double u = row["unavailability"].get<double>();
  const Json& lost = row["writes_lost_per_year"];
  return {row["name"].get<std::string>(),
          std::to_string(row["nodes"].get<std::size_t>()),
          interval(row["unavailability"], row["ci95"]),
          u > 0 ? fmt::format("{:.2f}", -std::log10(u)) : "inf",
          readable_duration(u * kSecondsPerYear),
          phase(row, "first_success_s"),
          interval(row["false_failovers_per_year"], row["false_failovers_ci95"]),
          readable_duration(row["split_brain_s_per_year"].get<double>()),
          lost.is_null() ? "-" : fmt::format("{:.3g} ({})", lost.get<double>(), readable_duration(row["max_lost_window_s"].get<double>())),
          interval(row["workloads_unavailability"], row["workloads_ci95"])};
}

std::array<std::string, kPhaseColumns.size()> phase_cells(const Json& row) {
  return {row["name"].get<std::string>(), phase(row, "detect_s"), phase(row, "decide_s"), phase(row, "fence_s"), phase(row, "move_s"),
          phase(row, "first_success_s")};
}

// A GitHub-flavoured table: the first column left-aligned, the figures right-aligned.
template <std::size_t N, typename Cells>
std::string markdown_table(const std::array<const char*, N>& columns, const Json& rows, Cells cells_of) {
  std::string out = "|";
  for (const char* c : columns) out += fmt::format(" {} |", c);
  out += "\n|---|";
  for (std::size_t i = 1; i < N; ++i) out += "---:|";
  out += "\n";
  for (const Json& row : rows) {
    out += "|";
    for (const std::string& c : cells_of(row)) out += " " + c + " |";
    out += "\n";
  }
  return out;
}

std::string names_where(const Json& rows, const char* flag) {
  std::string names;
  for (const Json& row : rows)
    if (row.value(flag, false)) names += (names.empty() ? "" : ", ") + row["name"].get<std::string>();
  return names;
}

std::string title(const Json& rows, const CompareHeading& h) {
  return fmt::format("{} under the same failures: {} {} each (seeds {}–{})", rows.size() == 1 ? "one variant" : "variants", h.runs,
                     h.regenerative ? "regenerative episodes" : "runs", h.first_seed, h.first_seed + h.runs - 1);
}

// The Pareto lines, and each variant's paired difference from the first.
std::vector<std::string> findings(const Json& rows, const CompareHeading& h) {
  std::vector<std::string> out;
  out.push_back("Pareto-optimal (no other variant is as available with as few servers): " + names_where(rows, "pareto"));
  if (!h.vary.empty())
    out.push_back("Pareto-optimal settings of " + h.vary + " (no other has as few false failovers with as short an RTO p50): " +
                  names_where(rows, "tradeoff_pareto"));
  for (std::size_t v = 1; v < rows.size(); ++v) {
    const Json& d = rows[v]["difference"];
    out.push_back(fmt::format("{} − {}: {:+.3g} ± {:.2g} unavailability ({}){}", rows[v]["name"].get<std::string>(),
                              rows[0]["name"].get<std::string>(), d["unavailability"].get<double>(), d["ci95"].get<double>(),
                              d["paired"].get<bool>() ? "paired: same failures" : "unpaired: the hosts that fail differ",
                              std::abs(d["unavailability"].get<double>()) > d["ci95"].get<double>() ? "" : ", not significant"));
  }
  return out;
}

}  // namespace

std::string compare_text(const Json& rows, const CompareHeading& heading) {
  std::size_t width = 8;
  for (const Json& row : rows) width = std::max(width, row["name"].get<std::string>().size());
  const auto line = [&](const auto& c) {
    return fmt::format("  {:<{}} {:>5} {:>22} {:>6} {:>12} {:>16} {:>21} {:>17} {:>36} {:>20}\n", c[0], width, c[1], c[2], c[3], c[4], c[5],
                       c[6], c[7], c[8], c[9]);
  };
  const auto phase_line = [&](const auto& c) {
    return fmt::format("  {:<{}} {:>13} {:>13} {:>13} {:>13} {:>13}\n", c[0], width, c[1], c[2], c[3], c[4], c[5]);
  };
  std::string out = title(rows, heading) + "\n" + line(kColumns);
  for (const Json& row : rows) out += line(cells(row));
  out += "  RTO by phase, from the fault, p50/p99 (s):\n" + phase_line(kPhaseColumns);
  for (const Json& row : rows) out += phase_line(phase_cells(row));
  for (const std::string& f : findings(rows, heading)) out += "  " + f + "\n";
  return out;
}

std::string compare_markdown(const Json& rows, const CompareHeading& heading, const std::string& svg) {
  std::string out = "# " + title(rows, heading) + "\n\n";
  out += "Unavailability as the clients saw it (down time over the run, or per regenerative cycle); RTO from the fault to the "
         "first successful request, of the failovers a failure called for; false failovers: those that left a live holder "
         "(docs/availability.md).\n\n";
  out += markdown_table(kColumns, rows, cells);
  out += "\nRTO by phase, each from the fault, p50/p99 in seconds:\n\n";
  out += markdown_table(kPhaseColumns, rows, phase_cells);
  out += "\n";
  for (const std::string& f : findings(rows, heading)) out += "- " + f + "\n";
  if (!svg.empty()) out += "\n![the variants compared](" + svg + ")\n";
  return out;
}

}  // namespace halab
