#include "models/availability/k_of_n.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halab {
namespace {

void check_share(double u) {
  if (!(u >= 0 && u <= 1)) throw std::invalid_argument("an unavailability is a share of time, from 0 to 1");
}

}  // namespace

Availability k_out_of_n(const KOfNSpec& spec) {
  if (spec.n < 1) throw std::invalid_argument("a k-out-of-n system needs a component");
  if (spec.k < 1 || spec.k > spec.n) throw std::invalid_argument("k is between 1 and n");
  if (spec.crews < 1) throw std::invalid_argument("repairs need a crew");
  for (double t : {spec.mttf_s, spec.mttr_s})
    if (!(t > 0) || !std::isfinite(t)) throw std::invalid_argument("MTTF and MTTR are positive, finite times");
  const double lambda = 1 / spec.mttf_s, mu = 1 / spec.mttr_s;
  const auto n = static_cast<std::size_t>(spec.n);
  // The birth–death chain's product form, π(i+1) / π(i) = (n−i)λ / (min(i+1, crews)·μ), in
  // logarithms (no overflow or underflow at thousands of components), scaled by the
  // largest: only products and sums of positive numbers, as exact as the chain's GTH.
  std::vector<double> log_weight(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    log_weight[i + 1] = log_weight[i] + std::log(static_cast<double>(n - i) * lambda) -
                        std::log(static_cast<double>(std::min<std::size_t>(i + 1, static_cast<std::size_t>(spec.crews))) * mu);
  const double top = *std::max_element(log_weight.begin(), log_weight.end());
  std::vector<double> pi(n + 1);
  double total = 0;
  for (std::size_t i = 0; i <= n; ++i) total += pi[i] = std::exp(log_weight[i] - top);
  for (double& p : pi) p /= total;
  const auto last_up = static_cast<std::size_t>(spec.n - spec.k);
  Availability a;
  a.unavailability = 0;
  for (std::size_t i = last_up + 1; i <= n; ++i) a.unavailability += pi[i];
  a.availability = 0;
  for (std::size_t i = 0; i <= last_up; ++i) a.availability += pi[i];
  a.failures_per_s = pi[last_up] * static_cast<double>(spec.k) * lambda;
  a.mean_up_s = a.availability / a.failures_per_s;
  a.mean_down_s = a.unavailability / a.failures_per_s;
  return a;
}

double series_unavailability(const std::vector<double>& unavailabilities) {
  double log_up = 0;  // log Π(1 − Uᵢ)
  for (double u : unavailabilities) {
    check_share(u);
    log_up += std::log1p(-u);
  }
  return -std::expm1(log_up);
}

double parallel_unavailability(const std::vector<double>& unavailabilities) {
  double u = 1;
  for (double x : unavailabilities) {
    check_share(x);
    u *= x;
  }
  return u;
}

}  // namespace halab
