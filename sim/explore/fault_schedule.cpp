#include "sim/explore/fault_schedule.hpp"

#include "sim/scenario/units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace halab {
namespace {

using nlohmann::json;

// To the millisecond: a schedule a user can read.
std::string seconds(double s) { return duration_text(std::round(s * 1000) / 1000); }

std::size_t pick(Rng& rng, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n)));
}

// Each fault's time from `from` to the end of the window, its duration at most `longest`.
struct Draw {
  double at = 0;
  double until = 0;
};

}  // namespace

const std::vector<std::string>& explore_fault_kinds() {
  static const std::vector<std::string> kinds{"crash",     "partition", "one-way-partition", "link-cut",
                                              "lossy-link", "slow-link", "pause",            "fence-device-failure"};
  return kinds;
}

ExploreTargets ExploreTargets::of(const Scenario& scenario) {
  ExploreTargets t;
  std::set<std::string> processes;
  for (const auto& service : scenario.services) {
    for (const auto& m : service.cluster.members) processes.insert(m.name);
    if (service.cluster.fencing.mode == FencingMode::device)
      t.fenced_services.push_back(scenario.services.size() > 1 ? service.name : "");
  }
  if (scenario.stack)
    for (const auto& tier : scenario.stack->tiers) processes.insert(tier.hosts.begin(), tier.hosts.end());
  t.processes.assign(processes.begin(), processes.end());
  t.hosts = scenario.all_hosts();
  const double duration = scenario.duration.to_seconds();
  t.from_s = std::min(scenario.workload.start.to_seconds() + 5, 0.2 * duration);
  t.until_s = 0.55 * duration;
  t.last_end_s = 0.75 * duration;  // a quarter of the run left to converge
  return t;
}

std::string SwarmKnobs::describe() const {
  return fmt::format("{} fault(s) of {}, lasting up to {:.0f} s{}{}", faults, fmt::join(kinds, ", "), max_duration_s,
                     early ? ", from the start" : "", burst ? ", in a 10 s burst" : "");
}

std::vector<std::string> ExploreTargets::kinds() const {
  std::vector<std::string> out;
  for (const auto& kind : explore_fault_kinds())
    if (kind != "fence-device-failure" || !fenced_services.empty()) out.push_back(kind);
  return out;
}

FaultSchedule random_schedule(Rng& rng, const ExploreTargets& targets, const std::vector<std::string>& kinds) {
  FaultSchedule s;
  // The swarm: each kind in with probability 1/2 (at least one), 1 to 8 faults, a longest
  // duration from a few heartbeats to a minute, early or not, in a burst or not.
  std::vector<std::string> allowed = kinds.empty() ? targets.kinds() : kinds;
  for (const auto& kind : allowed)
    if (rng.bernoulli(0.5)) s.knobs.kinds.push_back(kind);
  if (s.knobs.kinds.empty()) s.knobs.kinds.push_back(allowed[pick(rng, allowed.size())]);
  s.knobs.faults = 1 + static_cast<int>(pick(rng, 8));
  s.knobs.early = rng.bernoulli(0.15);
  s.knobs.burst = rng.bernoulli(0.3);
  double from = s.knobs.early ? std::min(1.0, targets.from_s) : targets.from_s, until = targets.until_s;
  if (s.knobs.burst && until - from > 10) {
    from = rng.uniform(from, until - 10);
    until = from + 10;
  }
  const double window = targets.last_end_s - from;
  s.knobs.max_duration_s = std::min(window / 2, std::vector<double>{5, 15, 30, 60}[pick(rng, 4)]);
  if (targets.processes.empty() || window <= 1) return s;

  std::map<std::string, double> busy_until;  // "proc:HOST", "cut:HOST", … → when it is free again
  const auto span = [&]() -> Draw {
    const double at = rng.uniform(from, until);
    return Draw{at, std::min(targets.last_end_s, at + rng.uniform(1, s.knobs.max_duration_s))};
  };
  // A span for `key` (a process, a link, a fence device), unless it is busy then.
  const auto draw = [&](const std::string& key) -> std::optional<Draw> {
    const Draw d = span();
    if (busy_until.count(key) && d.at < busy_until[key]) return std::nullopt;
    busy_until[key] = d.until;
    return d;
  };
  for (int f = 0; f < s.knobs.faults; ++f) {
    const std::string& kind = s.knobs.kinds[pick(rng, s.knobs.kinds.size())];
    const std::string& host = targets.processes[pick(rng, targets.processes.size())];
    if (kind == "crash") {
      const auto d = draw("proc:" + host);
      if (!d) continue;
      json crash = {{"kind", "crash"}, {"host", host}, {"at", seconds(d->at)}};
      if (rng.bernoulli(0.7)) crash["restart_at"] = seconds(d->until);
      else busy_until["proc:" + host] = 1e300;  // for good
      s.faults.push_back(crash);
    } else if (kind == "pause") {
      if (const auto d = draw("proc:" + host))
        s.faults.push_back({{"kind", "pause"}, {"host", host}, {"at", seconds(d->at)}, {"until", seconds(d->until)}});
    } else if (kind == "partition" || kind == "one-way-partition") {
      const std::size_t k = 2 + pick(rng, 2);
      std::vector<json> groups(k, json::array());
      for (const auto& h : targets.hosts)
        if (!rng.bernoulli(0.15)) groups[pick(rng, k)].push_back(h);
      std::erase_if(groups, [](const json& g) { return g.empty(); });
      const Draw d = span();  // partitions may overlap
      if (groups.size() < 2) continue;
      json p = {{"kind", "partition"}, {"groups", groups}, {"at", seconds(d.at)}, {"until", seconds(d.until)}};
      if (kind == "one-way-partition") p["one_way"] = true;
      s.faults.push_back(p);
    } else if (kind == "link-cut") {
      if (const auto d = draw("cut:" + host))
        s.faults.push_back({{"kind", "link-down"}, {"link", host}, {"at", seconds(d->at)}, {"until", seconds(d->until)}});
    } else if (kind == "lossy-link" || kind == "slow-link") {
      const auto d = draw("degrade:" + host);
      if (!d) continue;
      json degrade = {{"kind", "degrade"}, {"link", host}, {"at", seconds(d->at)}, {"until", seconds(d->until)}};
      if (kind == "lossy-link") degrade["loss"] = std::round(rng.uniform(0.2, 0.95) * 100) / 100;
      else degrade["extra_latency"] = fmt::format("{}ms", static_cast<int>(rng.uniform(50, 3000)));
      s.faults.push_back(degrade);
    } else if (kind == "fence-device-failure") {
      const std::string& service = targets.fenced_services[pick(rng, targets.fenced_services.size())];
      const auto d = draw("fence:" + service);
      if (!d) continue;
      json failure = {{"kind", "fence-device-failure"}, {"at", seconds(d->at)}, {"until", seconds(d->until)}};
      if (!service.empty()) failure["service"] = service;
      s.faults.push_back(failure);
    }
  }
  return s;
}

}  // namespace halab
