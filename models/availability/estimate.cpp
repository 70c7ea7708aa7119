#include "models/availability/estimate.hpp"

#include <array>
#include <cmath>
#include <limits>
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

Estimate stratified_ratio_estimate(const std::vector<Stratum>& strata) {
  Estimate e;
  double y_bar = 0, x_bar = 0;
  bool every_stratum_twice = true;
  for (const Stratum& s : strata) {
    if (s.y.size() != s.x.size()) throw std::invalid_argument("a ratio estimate needs pairs");
    e.n += s.y.size();
    if (s.weight == 0) continue;
    if (s.y.empty()) throw std::invalid_argument("a stratum of positive weight has no sample");
    every_stratum_twice = every_stratum_twice && s.y.size() > 1;
    double sum_y = 0, sum_x = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) sum_y += s.y[i], sum_x += s.x[i];
    y_bar += s.weight * sum_y / static_cast<double>(s.y.size());
    x_bar += s.weight * sum_x / static_cast<double>(s.x.size());
  }
  if (e.n == 0) return e;
  if (!(x_bar > 0)) throw std::invalid_argument("a ratio estimate needs a positive denominator");
  e.mean = y_bar / x_bar;
  const std::size_t df = e.n - strata.size();
  if (!every_stratum_twice || df == 0) {
    e.sd = e.half_width = std::numeric_limits<double>::infinity();
    return e;
  }
  double variance = 0;  // of Σ wₕ z̄ₕ
  for (const Stratum& s : strata) {
    if (s.weight == 0) continue;
    const double n = static_cast<double>(s.y.size());
    double z_bar = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) z_bar += (s.y[i] - e.mean * s.x[i]) / n;
    double squares = 0;
    for (std::size_t i = 0; i < s.y.size(); ++i) squares += std::pow(s.y[i] - e.mean * s.x[i] - z_bar, 2);
    variance += s.weight * s.weight * squares / (n - 1) / n;
  }
  e.sd = std::sqrt(variance) / x_bar;
  e.half_width = student_t_975(df) * e.sd;
  return e;
}

}  // namespace halab
