// How long a component stays up, or stays down: the failure and repair time distributions
// of a failure process — exponential (constant hazard, the Markov models' assumption),
// Weibull (wear-out when the shape exceeds 1, infant mortality below), log-normal (repair
// times: most short, a long tail) and fixed.
//
// Source: the parameterisations and means of M. Rausand, A. Høyland, "System Reliability
// Theory" (2nd ed., 2004), §2.15 (exponential), §2.17 (Weibull: P(T > t) = exp(−(t/η)^β),
// mean η·Γ(1 + 1/β)), §2.19 (log-normal: ln T normal with median e^μ and σ, mean
// e^(μ + σ²/2)). Draws by inversion (exponential, Weibull) and the Box–Muller transform
// (log-normal), on the caller's Rng, so a run stays a function of its seed.
#pragma once

#include "models/rng.hpp"

namespace halab {

struct Lifetime {
  enum class Distribution { exponential, weibull, log_normal, fixed };
  Distribution distribution = Distribution::exponential;
  double mean_s = 0;    // exponential, fixed
  double scale_s = 0;   // Weibull η
  double shape = 1;     // Weibull β
  double median_s = 0;  // log-normal e^μ
  double sigma = 0;     // log-normal σ of ln T

  // The distribution's mean (MTTF or MTTR).
  double mean() const;
  double draw(Rng& rng) const;
  // Why the parameters are impossible (a non-positive or infinite time, shape or σ out of
  // range), as what was expected; nullptr when they are possible.
  const char* invalid() const;
};

}  // namespace halab
