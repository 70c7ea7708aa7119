#include "models/availability/estimate.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>
#include <stdexcept>

namespace halab {

double student_t_975(std::size_t nu) {
  static constexpr std::array<double, 30> kTable{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                                 2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                                 2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (nu == 0) throw std::invalid_argument("Student's t needs a degree of freedom");
  if (nu <= kTable.size()) return kTable[nu - 1];
  const double z = 1.959963984540054, v = static_cast<double>(nu);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

Estimate estimate(const std::vector<double>& samples) {
  Estimate e;
  e.n = samples.size();
  if (e.n == 0) return e;
  double sum = 0;
  for (double x : samples) sum += x;
  e.mean = sum / static_cast<double>(e.n);
  if (e.n == 1) {
    e.half_width = std::numeric_limits<double>::infinity();
    return e;
  }
  double squares = 0;  // about the mean: no cancellation
  for (double x : samples) squares += (x - e.mean) * (x - e.mean);
  e.sd = std::sqrt(squares / static_cast<double>(e.n - 1));
  e.half_width = student_t_975(e.n - 1) * e.sd / std::sqrt(static_cast<double>(e.n));
  return e;
}

namespace {

// Σ wₕ ȳₕ and Σ wₕ x̄ₕ over the strata of positive weight (each with a sample).
std::pair<double, double> weighted_means(const std::vector<Stratum>& strata) {
  double y_bar = 0, x_bar = 0;
  for (const Stratum& s : strata) {
    if (s.y.size() != s.x.size()) throw std::invalid_argument("a ratio estimate needs pairs");
    if (s.weight == 0) continue;
    if (s.y.empty()) throw std::invalid_argument("a stratum of positive weight has no sample");
    double sum_y = 0, sum_x = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) sum_y += s.y[i], sum_x += s.x[i];
    y_bar += s.weight * sum_y / static_cast<double>(s.y.size());
    x_bar += s.weight * sum_x / static_cast<double>(s.x.size());
  }
  if (!(x_bar > 0)) throw std::invalid_argument("a ratio estimate needs a positive denominator");
  return {y_bar, x_bar};
}

// Var(Σ wₕ ḡₕ) for per-sample values g(h, i), and n − strata, or nothing without two
// samples in every stratum of positive weight.
template <typename G>
std::optional<std::pair<double, std::size_t>> stratified_variance(const std::vector<Stratum>& strata, G g) {
  double variance = 0;
  std::size_t n = 0;
  for (std::size_t h = 0; h < strata.size(); ++h) {
    const Stratum& s = strata[h];
    n += s.y.size();
    if (s.weight == 0) continue;
    if (s.y.size() < 2) return std::nullopt;
    const double count = static_cast<double>(s.y.size());
    double mean = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) mean += g(h, i) / count;
    double squares = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) squares += (g(h, i) - mean) * (g(h, i) - mean);
    variance += s.weight * s.weight * squares / (count - 1) / count;
  }
  if (n <= strata.size()) return std::nullopt;
  return std::pair{variance, n - strata.size()};
}

}  // namespace

Estimate stratified_ratio_estimate(const std::vector<Stratum>& strata) {
  Estimate e;
  for (const Stratum& s : strata) e.n += s.y.size();
  if (e.n == 0) return e;
  const auto [y_bar, x_bar] = weighted_means(strata);
  e.mean = y_bar / x_bar;
  const auto z = [&](std::size_t h, std::size_t i) { return strata[h].y[i] - e.mean * strata[h].x[i]; };
  const auto v = stratified_variance(strata, z);
  if (!v) {
    e.sd = e.half_width = std::numeric_limits<double>::infinity();
    return e;
  }
  e.sd = std::sqrt(v->first) / x_bar;
  e.half_width = student_t_975(v->second) * e.sd;
  return e;
}

Estimate paired_ratio_difference(const std::vector<Stratum>& a, const std::vector<Stratum>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("paired strata differ");
  for (std::size_t h = 0; h < a.size(); ++h)
    if (a[h].weight != b[h].weight || a[h].y.size() != b[h].y.size()) throw std::invalid_argument("paired strata differ");
  const Estimate ea = stratified_ratio_estimate(a), eb = stratified_ratio_estimate(b);
  Estimate d;
  d.n = ea.n;
  if (d.n == 0) return d;
  d.mean = eb.mean - ea.mean;
  const double xa = weighted_means(a).second, xb = weighted_means(b).second;
  const auto g = [&](std::size_t h, std::size_t i) {
    return (b[h].y[i] - eb.mean * b[h].x[i]) / xb - (a[h].y[i] - ea.mean * a[h].x[i]) / xa;
  };
  const auto v = stratified_variance(a, g);
  if (!v) {
    d.sd = d.half_width = std::numeric_limits<double>::infinity();
    return d;
  }
  d.sd = std::sqrt(v->first);
  d.half_width = student_t_975(v->second) * d.sd;
  return d;
}

}  // namespace halab
