// Steady-state availability of k-out-of-n redundancy with repair, and of series and
// parallel compositions of independent blocks.
//
// Source: the birth–death model of a k-out-of-n:G system of identical components with
// exponential lifetimes (rate λ = 1/MTTF each, failing whether or not the system is up)
// and exponential repairs (rate μ = 1/MTTR per crew, `crews` at work at once, first come
// first served), as in M. Rausand, A. Høyland, "System Reliability Theory" (2nd ed.,
// 2004), §8.8–8.9, and R. Billinton, R. N. Allan, "Reliability Evaluation of Engineering
// Systems" (2nd ed., 1992), ch. 9–11 for the frequency-and-duration figures: with i
// components failed the chain moves to i+1 at (n−i)λ and to i−1 at min(i, crews)·μ; the
// system is up while i ≤ n−k; the failure frequency is π(n−k)·kλ (the rate of crossing
// from the last up state to the first down one); the mean up time is A / frequency and the
// mean down time U / frequency. Independent blocks compose: in series U = 1 − Π(1 − Uᵢ),
// in parallel U = Π Uᵢ. Unavailabilities are computed without subtracting from 1 (the
// chain by its product form, series with log1p/expm1), so five nines keep their digits.
#pragma once

#include <vector>

namespace halab {

struct Availability {
  double unavailability = 0;  // the long-run share of time down
  double availability = 1;    // 1 − unavailability
  double failures_per_s = 0;  // how often the system goes down (0 for composed blocks)
  double mean_up_s = 0;       // mean time from a repair to the next failure (MTTF of the system)
  double mean_down_s = 0;     // mean time down per failure (MTTR of the system)
  double failovers_per_s = 0; // workloads moved after a node's failure (failover clusters; 0 for k-out-of-n)
};

struct KOfNSpec {
  int n = 1;       // components
  int k = 1;       // needed up for the system to be up
  int crews = 1;   // repairs at once
  double mttf_s = 0;
  double mttr_s = 0;
};

// Throws std::invalid_argument on n < 1, k outside 1..n, crews < 1, or a mean time that is
// not a positive finite number.
Availability k_out_of_n(const KOfNSpec& spec);

// Independent blocks, by their unavailabilities (each in [0, 1]).
double series_unavailability(const std::vector<double>& unavailabilities);
double parallel_unavailability(const std::vector<double>& unavailabilities);

}  // namespace halab
