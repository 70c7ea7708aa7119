#include "sim/fault/episode.hpp"

#include "models/rng.hpp"

#include <limits>
#include <stdexcept>

namespace halab {

std::optional<std::string> episodes_unsupported(const Scenario& s) {
  if (s.failures.empty()) return "/failures: the regenerative method needs failure processes to draw episodes from";
  for (std::size_t i = 0; i < s.failures.size(); ++i)
    if (!s.failures[i].sites.empty())
      return "/failures/" + std::to_string(i) + "/sites: the regenerative method draws hosts' failures only; use replications (--runs) for sites";
  if (!s.faults.empty()) return "/faults: the regenerative method draws every fault from /failures (these would strike in every episode)";
  if (!s.maintenance.empty())
    return "/maintenance: the regenerative method draws failure episodes only (planned windows are not failures); use "
           "replications (--runs) for maintenance";
  for (std::size_t i = 0; i < s.failures.size(); ++i)
    if (!s.failures[i].stream.empty())
      return "/failures/" + std::to_string(i) +
             "/fault: the regenerative method draws crashes only (an episode ends when every host is up again); use "
             "replications (--runs) for other kinds of failure";
  for (std::size_t i = 0; i < s.failures.size(); ++i)
    if (s.failures[i].time_to_failure.distribution != Lifetime::Distribution::exponential)
      return "/failures/" + std::to_string(i) +
             "/time_to_failure/distribution: the regenerative method needs exponential times to failure (a host that ages "
             "does not start afresh when it is repaired); use replications (--runs) instead";
  return std::nullopt;
}

double total_failure_rate(const Scenario& s) {
  double rate = 0;
  for (const FailureProcessSpec& p : s.failures) rate += static_cast<double>(p.hosts.size()) / p.time_to_failure.mean();
  return rate;
}

std::vector<FirstFailure> first_failures(const Scenario& s) {
  const double total = total_failure_rate(s);
  std::vector<FirstFailure> out;
  for (const FailureProcessSpec& p : s.failures)
    for (const std::string& h : p.hosts) out.push_back({h, 1 / p.time_to_failure.mean() / total});
  return out;
}

std::size_t stratum_of(std::size_t k, std::size_t n, const std::vector<FirstFailure>& strata) {
  const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(n);
  double cumulative = 0;
  for (std::size_t h = 0; h < strata.size(); ++h) {
    cumulative += strata[h].share;
    if (u < cumulative) return h;
  }
  return strata.size() - 1;  // rounding at the top
}

Episode draw_episode(const Scenario& s, std::uint64_t seed, std::size_t first, double warmup_s, double settle_s) {
  struct Host {
    const std::string* name;
    const FailureProcessSpec* process;
    double next_failure_s;  // while up
    double repaired_s;      // while down
    bool down = false;
  };
  Rng rng = Rng::stream(seed, "episode");
  std::vector<Host> hosts;
  for (const FailureProcessSpec& p : s.failures)
    for (const std::string& h : p.hosts) hosts.push_back({&h, &p, 0, 0});
  // The first failure at a uniformly random instant of a second warm-up: a real failure
  // strikes at any phase of the heartbeats, monitors and requests, which a fixed instant
  // would not (a crash just after an advertisement is detected a whole interval later than
  // one just before the next).
  const double t0 = warmup_s * (1 + rng.uniform01());
  Episode e;
  e.start_s = t0;
  if (first >= hosts.size()) throw std::out_of_range("draw_episode: no such first host");
  e.first_host = *hosts[first].name;
  e.scenario = s;
  const auto crash = [&](Host& h, double at_s) {
    h.down = true;
    h.repaired_s = at_s + h.process->time_to_repair.draw(rng);
    FaultSpec f;
    f.kind = FaultSpec::Kind::crash;
    f.host = *h.name;
    f.at = Instant::at_seconds(at_s);
    f.until = Instant::at_seconds(h.repaired_s);
    e.scenario.faults.push_back(std::move(f));
    ++e.crashes;
  };
  // The others are up, their next failures memoryless from here.
  for (std::size_t i = 0; i < hosts.size(); ++i)
    if (i != first) hosts[i].next_failure_s = t0 + rng.exponential(hosts[i].process->time_to_failure.mean());
  crash(hosts[first], t0);
  std::size_t down = 1;
  while (down > 0) {
    // The next event among the hosts: a repair or a failure (O(hosts) per event).
    Host* next = nullptr;
    double at = std::numeric_limits<double>::infinity();
    for (Host& h : hosts) {
      const double t = h.down ? h.repaired_s : h.next_failure_s;
      if (t < at) at = t, next = &h;
    }
    if (next->down) {
      next->down = false;
      next->next_failure_s = at + rng.exponential(next->process->time_to_failure.mean());
      --down;
      e.regenerated_s = at;
    } else {
      crash(*next, at);
      ++down;
    }
  }
  e.scenario.failures.clear();  // drawn: the run injects these crashes alone
  e.scenario.duration = Duration::seconds(e.regenerated_s + settle_s);
  return e;
}

}  // namespace halab
