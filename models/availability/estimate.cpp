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

// Cov(Σ wₕ f̄ₕ, Σ wₕ ḡₕ) for per-sample values f(h, i) and g(h, i), and n − strata, or
// nothing without two samples in every stratum of positive weight.
template <typename F, typename G>
std::optional<std::pair<double, std::size_t>> stratified_covariance(const std::vector<Stratum>& strata, F f, G g) {
  double covariance = 0;
  std::size_t n = 0;
  for (std::size_t h = 0; h < strata.size(); ++h) {
    const Stratum& s = strata[h];
    n += s.y.size();
    if (s.weight == 0) continue;
    if (s.y.size() < 2) return std::nullopt;
    const double count = static_cast<double>(s.y.size());
    double mean_f = 0, mean_g = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) mean_f += f(h, i) / count, mean_g += g(h, i) / count;
    double products = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) products += (f(h, i) - mean_f) * (g(h, i) - mean_g);
    covariance += s.weight * s.weight * products / (count - 1) / count;
  }
  if (n <= strata.size()) return std::nullopt;
  return std::pair{covariance, n - strata.size()};
}

template <typename G>
std::optional<std::pair<double, std::size_t>> stratified_variance(const std::vector<Stratum>& strata, G g) {
  return stratified_covariance(strata, g, g);
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

Estimate stratified_ratio_control_estimate(const std::vector<Stratum>& strata, const std::vector<Stratum>& control,
                                           double control_ratio) {
  if (control.size() != strata.size()) throw std::invalid_argument("a control is measured in every stratum");
  for (std::size_t h = 0; h < strata.size(); ++h)
    if (control[h].weight != strata[h].weight || control[h].y.size() != strata[h].y.size() || control[h].x != strata[h].x)
      throw std::invalid_argument("a control is measured on the same cycles");
  const Estimate r = stratified_ratio_estimate(strata), rc = stratified_ratio_estimate(control);
  const auto z = [&](std::size_t h, std::size_t i) { return strata[h].y[i] - r.mean * strata[h].x[i]; };
  const auto w = [&](std::size_t h, std::size_t i) { return control[h].y[i] - rc.mean * control[h].x[i]; };
  const auto zw = stratified_covariance(strata, z, w), ww = stratified_variance(strata, w);
  if (!zw || !ww || !(ww->first > 0)) throw std::invalid_argument("a control must vary within the strata");
  const double b = zw->first / ww->first;
  std::vector<Stratum> corrected = strata;
  for (std::size_t h = 0; h < strata.size(); ++h)
    for (std::size_t i = 0; i < strata[h].y.size(); ++i) corrected[h].y[i] -= b * control[h].y[i];
  Estimate e = stratified_ratio_estimate(corrected);
  e.mean += b * control_ratio;
  return e;
}

Estimate control_variate_estimate(const std::vector<double>& y, const std::vector<double>& c, double c_mean) {
  if (y.size() != c.size()) throw std::invalid_argument("a control variate is measured in every run");
  if (y.size() < 3) throw std::invalid_argument("a control-variate estimate needs three runs");
  const double n = static_cast<double>(y.size());
  const Estimate ey = estimate(y), ec = estimate(c);
  double scc = 0, syc = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    scc += (c[i] - ec.mean) * (c[i] - ec.mean);
    syc += (y[i] - ey.mean) * (c[i] - ec.mean);
  }
  if (!(scc > 0)) throw std::invalid_argument("a control variate must vary between runs");
  const double b = syc / scc;
  double residuals = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double r = y[i] - ey.mean - b * (c[i] - ec.mean);
    residuals += r * r;
  }
  Estimate e;
  e.n = y.size();
  e.mean = ey.mean - b * (ec.mean - c_mean);
  e.sd = std::sqrt(residuals / (n - 2) * (1 / n + (ec.mean - c_mean) * (ec.mean - c_mean) / scc));
  e.half_width = student_t_975(e.n - 2) * e.sd;
  return e;
}

}  // namespace halab
