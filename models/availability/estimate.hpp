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

// The mean of y from independent replications, corrected by a control variate c measured in
// the same runs whose expectation c_mean is known exactly: Ŷ = ȳ − b(c̄ − c_mean) with b the
// least-squares slope of y on c. Where y depends much on c — a failover cluster's down time
// on the time its drawn failures leave too few nodes up, which a Markov model gives — the
// interval is far narrower than ȳ's. Its standard error is the regression's,
// s_e² (1/n + (c̄ − c_mean)² / Σ(cᵢ − c̄)²) with s_e² the residual variance on n − 2 degrees
// of freedom, and Student's t on n − 2 (Law, "Simulation Modeling and Analysis" (5th ed.),
// §11.4; S. S. Lavenberg, P. D. Welch, "A perspective on the use of control variables to
// increase the efficiency of Monte Carlo simulations", Management Science 27(3), 1981).
// Needs three pairs and a c that varies; `mean` is Ŷ, `sd` its standard error.
Estimate control_variate_estimate(const std::vector<double>& y, const std::vector<double>& c, double c_mean);

// The stratified ratio estimate of Σ y / Σ x corrected by a control measured on the same
// cycles (`control`: the same weights and x, its y the control's reward) whose ratio
// Σ c / Σ x is known to be `control_ratio`: R̂ − b(R̂_c − control_ratio), b the slope that
// minimises the delta method's variance, Cov(z, w) / Var(w) over the strata with
// z = y − R̂x and w = c − R̂_c·x. Its interval is the stratified ratio's of y − b·c.
// The ratio-estimator form of the control variate above (Law, §11.4; S. S. Lavenberg,
// T. L. Moeller, C. H. Sauer, "Concomitant control variables applied to the regenerative
// simulation of queuing systems", Operations Research 27(1), 1979).
Estimate stratified_ratio_control_estimate(const std::vector<Stratum>& strata, const std::vector<Stratum>& control,
                                           double control_ratio);

// t such that P(|T| ≤ t) = 0.95 for Student's t with ν ≥ 1 degrees of freedom.
double student_t_975(std::size_t nu);

}  // namespace halab
