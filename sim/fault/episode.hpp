// One failure episode of a regenerative simulation (docs/availability.md): the system
// starts with every host up; after `warmup_s` and a uniformly random part of another
// (the failure's phase against every timer) the first failure strikes — on a given host:
// the episodes are stratified by it, each host weighed by its share of first failures —
// and every host keeps failing and being repaired by its
// process (/failures) meanwhile, until the first instant all are up again (the
// regeneration point); the run goes on `settle_s` more for the system to converge. With
// exponential times to failure the system forgets its past at that instant: episodes are
// independent cycles of a renewal process, each an up time (exponential, of rate Λ = the
// sum of the hosts' failure rates) and the episode, so that
//   unavailability = E[down time per episode] / (1/Λ + E[episode length])
// (renewal-reward; Law, "Simulation Modeling and Analysis", §9.5 "regenerative method").
// Only the episodes are simulated, message by message; the years of quiet between them are
// the up times' known mean.
#pragma once

#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace halab {

struct Episode {
  Scenario scenario;         // its faults the episode's crashes; its duration up to the settling's end
  double start_s = 0;        // the first failure
  double regenerated_s = 0;  // every host up again
  std::string first_host;
  std::size_t crashes = 0;   // all the episode's crashes, the first included
};

// Why a scenario cannot be run as regenerative episodes (as "pointer: what is wrong"), or
// nothing: it needs failure processes, exponential times to failure, and no faults of its
// own (they would strike in every episode).
std::optional<std::string> episodes_unsupported(const Scenario& scenario);

// The hosts whose failure can start an episode, in /failures order, each with its share
// λₕ/Λ of first failures: the strata of a stratified regenerative estimate.
struct FirstFailure {
  std::string host;
  double share = 0;
};
std::vector<FirstFailure> first_failures(const Scenario& scenario);

// Episode k of n starts with host stratum_of(k, n): systematic sampling, the host whose
// cumulative share holds (k + ½)/n, so each host starts n·share episodes, give or take one,
// and the estimate needs no luck to weigh the hosts right.
std::size_t stratum_of(std::size_t k, std::size_t n, const std::vector<FirstFailure>& strata);

// The episode for `seed` whose first failure is host `first` (an index into
// first_failures): a pure function of its arguments.
Episode draw_episode(const Scenario& scenario, std::uint64_t seed, std::size_t first, double warmup_s, double settle_s);

// Λ: how often some host fails while all are up, per second.
double total_failure_rate(const Scenario& scenario);

}  // namespace halab
