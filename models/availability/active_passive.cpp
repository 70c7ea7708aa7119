#include "models/availability/active_passive.hpp"

#include "models/availability/ctmc.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>

namespace halab {
namespace {

bool positive(double t) { return t > 0 && std::isfinite(t); }

}  // namespace

Availability active_passive(const ActivePassiveSpec& spec) {
  if (!positive(spec.mttf_s) || !positive(spec.mttr_s)) throw std::invalid_argument("MTTF and MTTR are positive, finite times");
  if (!(spec.detect_s >= 0) || !(spec.switchover_s >= 0) || !std::isfinite(spec.detect_s + spec.switchover_s))
    throw std::invalid_argument("detection and switchover times are finite and not negative");
  if (!(spec.coverage >= 0 && spec.coverage <= 1)) throw std::invalid_argument("coverage is a probability, from 0 to 1");
  if (spec.coverage < 1 && !positive(spec.manual_s))
    throw std::invalid_argument("an uncovered failure needs a positive manual recovery time");
  const double lambda = 1 / spec.mttf_s, mu = 1 / spec.mttr_s;
  const double automatic_s = spec.detect_s + spec.switchover_s;
  // Only the states the parameters can reach (the chain must be irreducible): no
  // switching state without covered failures or without a delay, no manual one at full
  // coverage.
  constexpr std::size_t both_up = 0, one_up = 1, both_down = 2;
  std::size_t states = 3;
  std::optional<std::size_t> switching, manual;
  if (spec.coverage > 0 && automatic_s > 0) switching = states++;
  if (spec.coverage < 1) manual = states++;
  Ctmc chain(states);
  chain.add_rate(both_up, one_up, lambda);  // the standby fails
  chain.add_rate(one_up, both_up, mu);
  chain.add_rate(one_up, both_down, lambda);
  chain.add_rate(both_down, one_up, mu);
  const double covered = lambda * spec.coverage;
  if (switching) {
    chain.add_rate(both_up, *switching, covered);
    chain.add_rate(*switching, one_up, 1 / automatic_s);
    chain.add_rate(*switching, both_down, lambda);
  } else if (covered > 0) {
    chain.add_rate(both_up, one_up, covered);  // an instant switch: no outage
  }
  if (manual) {
    chain.add_rate(both_up, *manual, lambda * (1 - spec.coverage));
    chain.add_rate(*manual, one_up, 1 / spec.manual_s);
    chain.add_rate(*manual, both_down, lambda);
  }
  const std::vector<double> pi = chain.steady_state();
  Availability a;
  a.unavailability = pi[both_down] + (switching ? pi[*switching] : 0) + (manual ? pi[*manual] : 0);
  a.availability = pi[both_up] + pi[one_up];
  // Outages begin where an up state leads to a down one.
  a.failures_per_s = pi[one_up] * lambda + (switching ? pi[both_up] * covered : 0) +
                     (manual ? pi[both_up] * lambda * (1 - spec.coverage) : 0);
  a.mean_up_s = a.availability / a.failures_per_s;
  a.mean_down_s = a.unavailability / a.failures_per_s;
  return a;
}

}  // namespace halab
