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

// The ratio of two means, Σyᵢ / Σxᵢ, over n independent pairs (the regenerative
// method's estimator: y a cycle's reward, x its length), and its 95 % interval by the
// central limit theorem for zᵢ = yᵢ − r·xᵢ: half width t·s_z / (x̄·√n) (Law §9.5.2; P. W.
// Glynn, D. L. Iglehart, "Simulation output analysis using standardized time series",
// 1990, for the same interval). `mean` is the ratio, `sd` is s_z.
Estimate ratio_estimate(const std::vector<double>& y, const std::vector<double>& x);

// t such that P(|T| ≤ t) = 0.95 for Student's t with ν ≥ 1 degrees of freedom.
double student_t_975(std::size_t nu);

}  // namespace halab
