#include "sim/fault/drawn_failures.hpp"

#include "models/rng.hpp"

#include <algorithm>
#include <map>

namespace halab {
namespace {

// Which kind a failure is: the process's only kind, or one drawn by weight (one uniform
// draw, only when there is a choice, so that crash-only streams stay as they always were).
FaultSpec::Kind draw_kind(const FailureProcessSpec& process, Rng& rng) {
  if (process.faults.size() == 1) return process.faults.front().kind;
  double u = rng.uniform01();
  for (const auto& w : process.faults) {
    if (u < w.weight) return w.kind;
    u -= w.weight;
  }
  return process.faults.back().kind;  // u within rounding of 1
}

// Two databases of one tier may each draw a dropped table: a drop while the table is still
// gone (before the earlier drop's restore) changes nothing and is left out.
void drop_overlapping_table_drops(std::vector<FaultSpec>& faults) {
  std::map<std::string, std::vector<std::size_t>> drops;  // tier -> indices
  for (std::size_t i = 0; i < faults.size(); ++i)
    if (faults[i].kind == FaultSpec::Kind::operator_error) drops[faults[i].tier].push_back(i);
  std::vector<bool> gone(faults.size(), false);
  for (auto& [tier, indices] : drops) {
    std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) { return faults[a].at < faults[b].at; });
    Instant restored = Instant::at_seconds(0);
    for (std::size_t i : indices) {
      if (faults[i].at < restored) {
        gone[i] = true;
        continue;
      }
      restored = faults[i].until.value_or(Instant::never());
    }
  }
  std::size_t k = 0;
  std::erase_if(faults, [&](const FaultSpec&) { return gone[k++]; });
}

}  // namespace

std::vector<FaultSpec> drawn_failures(const Scenario& scenario, std::uint64_t seed) {
  std::vector<FaultSpec> out;
  const double end_s = scenario.duration.to_seconds();
  // One unit (a host, or a site as a whole) up and down until the end, on its own stream.
  const auto alternate = [&](const FailureProcessSpec& process, const std::string& stream, FaultSpec down) {
    Rng rng = Rng::stream(seed, stream);
    double t = process.time_to_failure.draw(rng);
    while (t < end_s) {
      down.kind = down.kind == FaultSpec::Kind::site_down ? down.kind : draw_kind(process, rng);
      down.at = Instant::at_seconds(t);
      const double repaired = t + process.time_to_repair.draw(rng);
      down.until.reset();
      if (repaired < end_s) down.until = Instant::at_seconds(repaired);
      else if (down.kind == FaultSpec::Kind::pause) down.until = Instant::at_seconds(end_s);  // a pause ends
      out.push_back(down);
      t = repaired + process.time_to_failure.draw(rng);
    }
  };
  for (const FailureProcessSpec& process : scenario.failures) {
    for (const std::string& host : process.hosts) {
      FaultSpec fault;
      fault.host = host;
      fault.factor = process.factor;
      if (const TierSpec* tier = scenario.tier_on(host)) fault.tier = tier->name;  // a dropped table: the host's database's
      alternate(process, "failures:" + (process.stream.empty() ? "" : process.stream + ":") + host, fault);
    }
    for (const std::string& site : process.sites) {
      FaultSpec cut;
      cut.kind = FaultSpec::Kind::site_down;
      cut.site = site;
      alternate(process, "failures:site:" + site, cut);
    }
  }
  drop_overlapping_table_drops(out);
  return out;
}

Scenario with_drawn_failures(const Scenario& scenario, std::uint64_t seed) {
  Scenario drawn = scenario;
  for (FaultSpec& crash : drawn_failures(scenario, seed)) drawn.faults.push_back(std::move(crash));
  return drawn;
}

}  // namespace halab
