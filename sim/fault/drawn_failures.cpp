#include "sim/fault/drawn_failures.hpp"

#include "models/rng.hpp"

namespace halab {

std::vector<FaultSpec> drawn_failures(const Scenario& scenario, std::uint64_t seed) {
  std::vector<FaultSpec> out;
  const double end_s = scenario.duration.to_seconds();
  for (const FailureProcessSpec& process : scenario.failures)
    for (const std::string& host : process.hosts) {
      Rng rng = Rng::stream(seed, "failures:" + host);
      double t = process.time_to_failure.draw(rng);
      while (t < end_s) {
        FaultSpec crash;
        crash.kind = FaultSpec::Kind::crash;
        crash.host = host;
        crash.at = Instant::at_seconds(t);
        const double repaired = t + process.time_to_repair.draw(rng);
        if (repaired < end_s) crash.until = Instant::at_seconds(repaired);
        out.push_back(std::move(crash));
        t = repaired + process.time_to_failure.draw(rng);
      }
    }
  return out;
}

Scenario with_drawn_failures(const Scenario& scenario, std::uint64_t seed) {
  Scenario drawn = scenario;
  for (FaultSpec& crash : drawn_failures(scenario, seed)) drawn.faults.push_back(std::move(crash));
  return drawn;
}

}  // namespace halab
