#include "sim/fault/drawn_failures.hpp"

#include "models/rng.hpp"

namespace halab {

std::vector<FaultSpec> drawn_failures(const Scenario& scenario, std::uint64_t seed) {
  std::vector<FaultSpec> out;
  const double end_s = scenario.duration.to_seconds();
  // One unit (a host, or a site as a whole) up and down until the end, on its own stream.
  const auto alternate = [&](const FailureProcessSpec& process, const std::string& stream, FaultSpec down) {
    Rng rng = Rng::stream(seed, stream);
    double t = process.time_to_failure.draw(rng);
    while (t < end_s) {
      down.at = Instant::at_seconds(t);
      const double repaired = t + process.time_to_repair.draw(rng);
      down.until.reset();
      if (repaired < end_s) down.until = Instant::at_seconds(repaired);
      out.push_back(down);
      t = repaired + process.time_to_failure.draw(rng);
    }
  };
  for (const FailureProcessSpec& process : scenario.failures) {
    for (const std::string& host : process.hosts) {
      FaultSpec crash;
      crash.kind = FaultSpec::Kind::crash;
      crash.host = host;
      alternate(process, "failures:" + host, crash);
    }
    for (const std::string& site : process.sites) {
      FaultSpec cut;
      cut.kind = FaultSpec::Kind::site_down;
      cut.site = site;
      alternate(process, "failures:site:" + site, cut);
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
