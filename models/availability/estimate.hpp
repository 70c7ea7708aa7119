// The mean of independent replications and its 95 % confidence interval, by Student's t
// (each replication one run at its own seed: independent and identically distributed, so
// the interval is exact for normal samples and asymptotically right for any with a finite
// variance — A. M. Law, "Simulation Modeling and Analysis" (5th ed., 2015), §9.4.1).
// t quantiles: the table of t(0.975, ν) for ν ≤ 30, and beyond it the Cornish–Fisher
// expansion in 1/ν (Abramowitz & Stegun 26.7.5), within 1e-4 there.
#pragma once

#include <cstddef>
#include <vector>

namespace halab {

struct Estimate {
  std::size_t n = 0;
  double mean = 0;
  double sd = 0;          // the sample standard deviation (n − 1), 0 for one sample
  double half_width = 0;  // of the 95 % interval; infinite for one sample
};

Estimate estimate(const std::vector<double>& samples);

// The ratio of two means, R = Σₕ wₕ ȳₕ / Σₕ wₕ x̄ₕ, from independent pairs (y, x) sampled
// within strata of known weights wₕ (summing to 1): the regenerative method's estimator
// with the cycles stratified by what starts them (y a cycle's reward, x its length). Its
// 95 % interval is the delta method's: Var R ≈ Σₕ wₕ² s²(zₕ)/nₕ / (Σₕ wₕ x̄ₕ)², with
// zₕ = yₕ − R·xₕ (Law, "Simulation Modeling and Analysis" (5th ed.), §9.5.2 for the ratio,
// W. G. Cochran, "Sampling Techniques" (3rd ed., 1977), §6.11 for the separate ratio over
// strata), and Student's t with n − strata degrees of freedom. One stratum of weight 1 is
// the plain ratio estimator. Every stratum of positive weight needs a sample (two for an
// interval); `mean` is R, `sd` the standard error of R.
struct Stratum {
  double weight = 0;
  std::vector<double> y, x;
};
Estimate stratified_ratio_estimate(const std::vector<Stratum>& strata);

// R_b − R_a for two variants run on the same cycles (common random numbers: sample i of
// stratum h of both from the same seed), with the interval of the paired difference: the
// delta method on gᵢ = z_bᵢ / x̄_b − z_aᵢ / x̄_a, whose spread is small when the variants
// react alike to the same failures. The strata must match (weights and sample counts).
Estimate paired_ratio_difference(const std::vector<Stratum>& a, const std::vector<Stratum>& b);

// t such that P(|T| ≤ t) = 0.95 for Student's t with ν ≥ 1 degrees of freedom.
double student_t_975(std::size_t nu);

}  // namespace halab
