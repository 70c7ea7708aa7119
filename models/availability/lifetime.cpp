#include "models/availability/lifetime.hpp"

#include <cmath>

namespace halab {

double Lifetime::mean() const {
  switch (distribution) {
    case Distribution::exponential:
    case Distribution::fixed: return mean_s;
    case Distribution::weibull: return scale_s * std::tgamma(1 + 1 / shape);
    case Distribution::log_normal: return median_s * std::exp(sigma * sigma / 2);
  }
  return mean_s;
}

double Lifetime::draw(Rng& rng) const {
  switch (distribution) {
    case Distribution::exponential: return rng.exponential(mean_s);
    case Distribution::fixed: return mean_s;
    case Distribution::weibull: return scale_s * std::pow(-std::log1p(-rng.uniform01()), 1 / shape);
    case Distribution::log_normal: return median_s * std::exp(sigma * rng.standard_normal());
  }
  return mean_s;
}

const char* Lifetime::invalid() const {
  const auto positive = [](double t) { return t > 0 && std::isfinite(t); };
  switch (distribution) {
    case Distribution::exponential:
    case Distribution::fixed: return positive(mean_s) ? nullptr : "a positive, finite mean";
    case Distribution::weibull:
      if (!positive(scale_s)) return "a positive, finite scale";
      return shape >= 0.1 && shape <= 100 ? nullptr : "a shape from 0.1 to 100";
    case Distribution::log_normal:
      if (!positive(median_s)) return "a positive, finite median";
      return sigma >= 0 && sigma <= 10 ? nullptr : "a sigma from 0 to 10";
  }
  return nullptr;
}

}  // namespace halab
