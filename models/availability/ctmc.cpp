#include "models/availability/ctmc.hpp"

#include <stdexcept>
#include <string>

namespace halab {

Ctmc::Ctmc(std::size_t states) : n_(states), q_(states * states, 0.0) {
  if (states == 0) throw std::invalid_argument("a Markov chain needs a state");
}

void Ctmc::add_rate(std::size_t from, std::size_t to, double per_second) {
  if (from >= n_ || to >= n_ || from == to) throw std::invalid_argument("a rate joins two different states of the chain");
  if (!(per_second >= 0)) throw std::invalid_argument("a rate is a non-negative number");
  q_[from * n_ + to] += per_second;
}

std::vector<double> Ctmc::steady_state() const {
  std::vector<double> p = q_;
  const auto at = [&](std::size_t i, std::size_t j) -> double& { return p[i * n_ + j]; };
  // Eliminate the states from the last down: state k's rates are folded into the
  // remaining ones, through the chain censored on states 0..k-1.
  for (std::size_t k = n_; k-- > 1;) {
    double leaving = 0;
    for (std::size_t j = 0; j < k; ++j) leaving += at(k, j);
    if (leaving <= 0) throw std::invalid_argument("the chain is not irreducible: state " + std::to_string(k) + " cannot reach a lower one");
    for (std::size_t i = 0; i < k; ++i) at(i, k) /= leaving;
    for (std::size_t i = 0; i < k; ++i)
      if (at(i, k) != 0)
        for (std::size_t j = 0; j < k; ++j)
          if (i != j) at(i, j) += at(i, k) * at(k, j);
  }
  std::vector<double> pi(n_, 0.0);
  pi[0] = 1;
  double total = 1;
  for (std::size_t j = 1; j < n_; ++j) {
    for (std::size_t i = 0; i < j; ++i) pi[j] += pi[i] * at(i, j);
    if (pi[j] <= 0) throw std::invalid_argument("the chain is not irreducible: state " + std::to_string(j) + " cannot be reached");
    total += pi[j];
  }
  for (double& x : pi) x /= total;
  return pi;
}

}  // namespace halab
