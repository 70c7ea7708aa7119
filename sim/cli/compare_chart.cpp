#include "sim/cli/compare_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace halab {
namespace {

// Okabe–Ito colours (distinguishable with colour-blindness), one per variant.
constexpr const char* kColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"};

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

double nines(double u) { return u > 0 ? -std::log10(u) : 12; }

// The settings of one scenario (--vary): false failovers per year against the RTO p50, each
// setting a labelled point, the Pareto-optimal ones ringed and joined.
std::string tradeoff_panel(const nlohmann::ordered_json& rows, double left, double right, double top, double bottom) {
  double max_x = 0, max_y = 0;
  const auto rto = [](const auto& r) {
    const auto& p50 = r["rto"]["first_success_s"]["p50"];
    return p50.is_number() ? p50.template get<double>() : 0.0;
  };
  for (const auto& r : rows) max_x = std::max(max_x, rto(r)), max_y = std::max(max_y, r["false_failovers_per_year"].template get<double>());
  max_x = max_x > 0 ? max_x * 1.15 : 1, max_y = max_y > 0 ? max_y * 1.15 : 1;
  const auto x_of = [&](double v) { return left + (right - left) * v / max_x; };
  const auto y_of = [&](double v) { return bottom - (bottom - top) * v / max_y; };
  std::string svg = fmt::format("<text x=\"{}\" y=\"20\" font-weight=\"bold\">false failovers per year against RTO p50; ringed: Pareto-optimal</text>\n", left);
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/><line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n",
                     left, top, bottom, right);
  for (int k = 0; k <= 4; ++k) {
    const double y = max_y * k / 4;
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 6, y_of(y) + 4,
                       y >= 10 ? fmt::format("{:.0f}", y) : fmt::format("{:.3g}", y));
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:.3g}</text>\n", x_of(max_x * k / 4), bottom + 16, max_x * k / 4);
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">RTO p50, fault to first success (s)</text>\n", (left + right) / 2, bottom + 32);
  std::vector<std::pair<double, double>> front;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double x = x_of(rto(r)), y = y_of(r["false_failovers_per_year"].template get<double>());
    const char* colour = kColours[i % std::size(kColours)];
    svg += fmt::format("<circle class=\"setting\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x, y,
                       colour, x + 8, y - 6, escape(r["setting"]["value"].template get<std::string>()));
    if (r.value("tradeoff_pareto", false)) {
      svg += fmt::format("<circle class=\"pareto\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"9\" fill=\"none\" stroke=\"black\"/>\n", x, y);
      front.emplace_back(x, y);
    }
  }
  std::sort(front.begin(), front.end());
  std::string points;
  for (const auto& [x, y] : front) points += fmt::format("{:.1f},{:.1f} ", x, y);
  if (front.size() > 1)
    svg += fmt::format("<polyline class=\"front\" points=\"{}\" fill=\"none\" stroke=\"black\" stroke-dasharray=\"4 3\"/>\n", points);
  return svg;
}

}  // namespace

std::string compare_chart_svg(const nlohmann::ordered_json& rows) {
  constexpr double W = 1340, top = 40, bottom = 340, left1 = 60, right1 = 430, left2 = 520, right2 = 880, left3 = 960,
                   right3 = 1290;
  const double H = bottom + 56 + 16 * static_cast<double>(rows.size());  // room for the legend
  double max_nodes = 1, lo = 12, hi = 0, max_rto = 0;
  for (const auto& r : rows) {
    max_nodes = std::max(max_nodes, r["nodes"].get<double>());
    const double u = r["unavailability"].get<double>();
    const double h = r["ci95"].is_null() ? 0 : r["ci95"].get<double>();
    lo = std::min(lo, nines(u + h));
    hi = std::max(hi, nines(std::max(u - h, u / 10)));
    for (const char* p : {"p50", "p99"})
      if (r["rto"]["first_success_s"][p].is_number()) max_rto = std::max(max_rto, r["rto"]["first_success_s"][p].get<double>());
  }
  lo = std::floor(lo), hi = std::max(std::ceil(hi), lo + 1), max_rto = max_rto > 0 ? max_rto * 1.1 : 1;
  const auto x_of = [&](double nodes) { return left1 + (right1 - left1) * nodes / (max_nodes * 1.1); };
  const auto y_of = [&](double n) { return bottom - (bottom - top) * (n - lo) / (hi - lo); };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" "
      "font-size=\"12\">\n<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n",
      W, H);
  // Left: nines against servers; for one scenario's settings, the trade-off instead (their
  // servers are the same).
  const bool settings = !rows.empty() && rows[0].contains("setting");
  if (settings) svg += tradeoff_panel(rows, left1, right1, top, bottom);
  else {
    svg += fmt::format("<text x=\"{}\" y=\"20\" font-weight=\"bold\">nines (95% interval) against servers; ringed: Pareto-optimal</text>\n", left1);
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/><line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n",
                       left1, top, bottom, right1);
    for (double n = lo; n <= hi + 1e-9; n += 1)
      svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:g}</text><line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n",
                         left1 - 6, y_of(n) + 4, n, left1, y_of(n), right1, y_of(n));
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">servers</text><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">0</text>\n",
                       (left1 + right1) / 2, bottom + 32, left1, bottom + 16);
    // Variants with as many servers stand side by side, 12 px apart, round their tick.
    std::map<int, std::size_t> at_count, placed;
    for (const auto& r : rows) ++at_count[r["nodes"].get<int>()];
    for (const auto& [nodes, count] : at_count)
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x_of(nodes), bottom + 16, nodes);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      const char* colour = kColours[i % std::size(kColours)];
      const double u = r["unavailability"].get<double>(), h = r["ci95"].is_null() ? 0 : r["ci95"].get<double>();
      const int nodes = r["nodes"].get<int>();
      const double x = x_of(nodes) + 12 * (static_cast<double>(placed[nodes]++) - static_cast<double>(at_count[nodes] - 1) / 2);
      svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" stroke-width=\"2\"/>\n", x,
                         y_of(std::clamp(nines(u + h), lo, hi)), y_of(std::clamp(nines(std::max(u - h, u / 10)), lo, hi)), colour);
      svg += fmt::format("<circle class=\"variant\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\"><title>{}: {:.3g} unavailable</title></circle>\n", x,
                         y_of(std::clamp(nines(u), lo, hi)), colour, escape(r["scenario"].get<std::string>()), u);
      if (r.value("pareto", false))
        svg += fmt::format("<circle class=\"pareto\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"9\" fill=\"none\" stroke=\"black\"/>\n", x,
                           y_of(std::clamp(nines(u), lo, hi)));
    }
  }
  // Right: RTO p50 and p99 bars.
  svg += fmt::format("<text x=\"{}\" y=\"20\" font-weight=\"bold\">RTO, fault to first success (s): p50 solid, p99 light</text>\n", left2);
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/><line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n",
                     left2, top, bottom, right2);
  for (int k = 0; k <= 4; ++k) {
    const double v = max_rto * k / 4, y = bottom - (bottom - top) * k / 4.0;
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.3g}</text>\n", left2 - 6, y + 4, v);
  }
  const double slot = (right2 - left2) / std::max<double>(1, static_cast<double>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& rto = rows[i]["rto"]["first_success_s"];
    const char* colour = kColours[i % std::size(kColours)];
    const double x = left2 + slot * static_cast<double>(i) + slot * 0.2, w = slot * 0.6;
    for (const auto& [p, opacity] : {std::pair{"p99", 0.35}, std::pair{"p50", 1.0}})
      if (rto[p].is_number()) {
        const double height = (bottom - top) * rto[p].get<double>() / max_rto;
        svg += fmt::format("<rect class=\"rto-{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" fill-opacity=\"{}\"/>\n", p, x,
                           bottom - height, w, height, colour, opacity);
      }
  }
  // Right: the RTO distribution, the share of recoveries done within t (t on a log scale).
  double t_lo = INFINITY, t_hi = 0;
  for (const auto& r : rows)
    for (const auto& v : r.value("recoveries_s", nlohmann::ordered_json::array()))
      if (v.get<double>() > 0) t_lo = std::min(t_lo, v.get<double>()), t_hi = std::max(t_hi, v.get<double>());
  if (t_hi > 0) {
    t_lo = std::pow(10, std::floor(std::log10(t_lo))), t_hi = std::pow(10, std::ceil(std::log10(t_hi)));
    if (t_hi <= t_lo) t_hi = t_lo * 10;
    const auto tx = [&](double t) { return left3 + (right3 - left3) * std::log10(std::max(t, t_lo) / t_lo) / std::log10(t_hi / t_lo); };
    const auto py = [&](double p) { return bottom - (bottom - top) * p; };
    svg += fmt::format("<text x=\"{}\" y=\"20\" font-weight=\"bold\">recoveries done within t (fault to first success)</text>\n", left3);
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/><line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n",
                       left3, top, bottom, right3);
    for (int k = 0; k <= 4; ++k)
      svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}%</text>\n", left3 - 6, py(k / 4.0) + 4, 25 * k);
    for (double t = t_lo; t <= t_hi * 1.001; t *= 10)
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:g} s</text>\n", tx(t), bottom + 16, t);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& recoveries = rows[i].value("recoveries_s", nlohmann::ordered_json::array());
      if (recoveries.empty()) continue;
      std::string points = fmt::format("{:.1f},{:.1f}", tx(t_lo), py(0));
      for (std::size_t k = 0; k < recoveries.size(); ++k) {
        const double x = tx(recoveries[k].get<double>());
        points += fmt::format(" {:.1f},{:.1f} {:.1f},{:.1f}", x, py(static_cast<double>(k) / static_cast<double>(recoveries.size())), x,
                              py(static_cast<double>(k + 1) / static_cast<double>(recoveries.size())));
      }
      points += fmt::format(" {:.1f},{:.1f}", tx(t_hi), py(1));
      svg += fmt::format("<polyline class=\"rto-distribution\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", points,
                         kColours[i % std::size(kColours)]);
    }
  }
  // The legend: each variant's colour and file.
  for (std::size_t i = 0; i < rows.size(); ++i)
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>\n", left1,
                       bottom + 44 + 16 * static_cast<double>(i), kColours[i % std::size(kColours)], left1 + 16,
                       bottom + 53 + 16 * static_cast<double>(i), escape(rows[i]["file"].get<std::string>()));
  return svg + "</svg>\n";
}

}  // namespace halab
