// The steady state of a finite, irreducible continuous-time Markov chain, by the
// Grassmann–Taksar–Heyman (GTH) algorithm: Gaussian elimination on the transition rates
// that never subtracts (W. K. Grassmann, M. I. Taksar, D. P. Heyman, "Regenerative
// analysis and steady state distributions for Markov chains", Operations Research 33(5),
// 1985; W. J. Stewart, "Introduction to the Numerical Solution of Markov Chains", 1994,
// §2.7). With no subtraction there is no cancellation: a state's probability of 1e-12 is
// as exact as one of 0.5, which is what five-nines availability needs (an unavailability
// is summed from the down states' probabilities, never computed as 1 − availability).
#pragma once

#include <cstddef>
#include <vector>

namespace halab {

class Ctmc {
 public:
  explicit Ctmc(std::size_t states);

  std::size_t states() const { return n_; }
  // Adds `per_second` to the rate of moving from `from` to `to` (from ≠ to, rate ≥ 0).
  void add_rate(std::size_t from, std::size_t to, double per_second);
  double rate(std::size_t from, std::size_t to) const { return q_[from * n_ + to]; }

  // π with π Q = 0, Σ π = 1. Throws std::invalid_argument if the chain is not irreducible
  // (a state that cannot be left, or a part that cannot be reached, shows as a zero sum).
  std::vector<double> steady_state() const;

 private:
  std::size_t n_;
  std::vector<double> q_;  // off-diagonal rates, row-major
};

}  // namespace halab
