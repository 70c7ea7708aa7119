#include "models/availability/failover_cluster.hpp"

#include "models/availability/ctmc.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

namespace halab {
namespace {

enum Mode { serving, switching, manual, failing_back, restoring };

struct State {
  int a = 0;  // failed workload nodes (all-active: failed nodes)
  int s = 0;  // failed standbys (all-active: always 0)
  Mode mode = serving;
  auto key() const { return std::tuple(a, s, mode); }
};

struct Transition {
  State to;
  double rate;
  bool failover = false;  // a workload moves to another node
};

bool positive(double t) { return t > 0 && std::isfinite(t); }
bool delay(double t) { return t >= 0 && std::isfinite(t); }

void check(const FailoverClusterSpec& spec) {
  if (spec.workloads < 1 || spec.spares < 0) throw std::invalid_argument("a cluster needs a workload node; spares are not negative");
  if (spec.crews < 1) throw std::invalid_argument("repairs need a crew");
  if (!positive(spec.mttf_s) || !positive(spec.mttr_s)) throw std::invalid_argument("MTTF and MTTR are positive, finite times");
  if (!delay(spec.detect_s) || !delay(spec.switchover_s) || !delay(spec.failback_s) || !delay(spec.detect_s + spec.switchover_s) ||
      (spec.restore_s && !delay(*spec.restore_s)))
    throw std::invalid_argument("detection, switchover, restoration and failback times are finite and not negative");
  if (!(spec.coverage >= 0 && spec.coverage <= 1)) throw std::invalid_argument("coverage is a probability, from 0 to 1");
  if (spec.coverage < 1 && !positive(spec.manual_s))
    throw std::invalid_argument("an uncovered failure needs a positive manual recovery time");
}

class Chain {
 public:
  explicit Chain(const FailoverClusterSpec& spec)
      : spec_(spec),
        standby_(spec.layout == FailoverClusterSpec::Layout::standby),
        homes_(standby_ ? spec.workloads : spec.workloads + spec.spares),
        lambda_(1 / spec.mttf_s),
        mu_(1 / spec.mttr_s),
        automatic_s_(spec.detect_s + spec.switchover_s),
        restore_s_(spec.restore_s.value_or(automatic_s_)) {}

  // Every workload has a node.
  bool placed(int a, int s) const { return standby_ ? a <= spec_.spares - s : a <= spec_.spares; }
  bool up(const State& x) const { return x.mode == serving && placed(x.a, x.s); }

  std::vector<Transition> leaving(const State& x) const {
    std::vector<Transition> out;
    const auto add = [&](State to, double rate, bool failover = false) {
      if (rate > 0) out.push_back({to, rate, failover});
    };
    const int M = spec_.spares;
    const int busy = standby_ ? std::min(x.a, M - x.s) : 0;  // standbys running a workload
    const int free = standby_ ? std::max(0, M - x.s - x.a) : 0;
    const double home_up = homes_ - x.a;
    // A workload node (or a busy standby) fails: its workload moves, if it can.
    const auto displaced = [&](State to, double rate) {
      if (!placed(to.a, to.s)) return add({to.a, to.s, serving}, rate);
      if (x.mode != serving) return add({to.a, to.s, x.mode}, rate, true);
      const double covered = rate * spec_.coverage;
      add({to.a, to.s, automatic_s_ > 0 ? switching : serving}, covered, true);
      add({to.a, to.s, manual}, rate - covered, true);
    };
    displaced({x.a + 1, x.s, x.mode}, home_up * lambda_);
    displaced({x.a, x.s + 1, x.mode}, busy * lambda_);
    add({x.a, x.s + 1, x.mode}, free * lambda_);
    // Repairs, the repaired node chosen at random among the failed.
    const int failed = x.a + x.s;
    // A repaired node that brings back a workload left without one restores it (by default
    // like any failover: keepalived's restarted router waits its master-down interval); one
    // whose workload sits on a standby takes it back (failback), if the cluster does that.
    const auto repaired = [&](State to, double rate, bool own_workload) {
      if (!placed(x.a, x.s) && placed(to.a, to.s)) to.mode = restore_s_ > 0 ? restoring : serving;
      else if (own_workload && up(x) && spec_.failback_s > 0) to.mode = failing_back;
      add(to, rate);
    };
    if (failed > 0) {
      const double repairs = std::min(failed, spec_.crews) * mu_;
      repaired({x.a - 1, x.s, x.mode}, repairs * x.a / failed, true);
      repaired({x.a, x.s - 1, x.mode}, repairs * x.s / failed, false);
    }
    switch (x.mode) {
      case serving: break;
      case switching: add({x.a, x.s, serving}, 1 / automatic_s_); break;
      case manual: add({x.a, x.s, serving}, 1 / spec_.manual_s); break;
      case failing_back: add({x.a, x.s, serving}, 1 / spec_.failback_s); break;
      case restoring: add({x.a, x.s, serving}, 1 / restore_s_); break;
    }
    return out;
  }

 private:
  const FailoverClusterSpec& spec_;
  bool standby_;
  int homes_;
  double lambda_, mu_, automatic_s_, restore_s_;
};

}  // namespace

Availability failover_cluster(const FailoverClusterSpec& spec) {
  check(spec);
  const Chain chain(spec);
  // The states reachable from "all up", counted before the dense chain is allocated.
  std::map<std::tuple<int, int, Mode>, std::size_t> index;
  std::vector<State> states;
  std::vector<std::vector<Transition>> out;
  std::deque<State> todo{State{}};
  index.emplace(State{}.key(), 0);
  states.push_back(State{});
  while (!todo.empty()) {
    const State x = todo.front();
    todo.pop_front();
    out.push_back(chain.leaving(x));
    for (const Transition& t : out.back()) {
      if (index.emplace(t.to.key(), states.size()).second) {
        if (states.size() == kFailoverClusterMaxStates)
          throw ChainTooLarge("the chain has more than " + std::to_string(kFailoverClusterMaxStates) +
                                      " states (too many nodes for the exact solver; k-out-of-n takes thousands)");
        states.push_back(t.to);
        todo.push_back(t.to);
      }
    }
  }
  Ctmc ctmc(states.size());
  for (std::size_t i = 0; i < states.size(); ++i)
    for (const Transition& t : out[i]) ctmc.add_rate(i, index.at(t.to.key()), t.rate);
  const std::vector<double> pi = ctmc.steady_state();
  Availability a;
  a.availability = a.unavailability = a.failures_per_s = 0;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const bool up = chain.up(states[i]);
    (up ? a.availability : a.unavailability) += pi[i];
    for (const Transition& t : out[i]) {
      if (up && !chain.up(t.to)) a.failures_per_s += pi[i] * t.rate;
      if (t.failover) a.failovers_per_s += pi[i] * t.rate;
    }
  }
  a.mean_up_s = a.failures_per_s > 0 ? a.availability / a.failures_per_s : INFINITY;
  a.mean_down_s = a.failures_per_s > 0 ? a.unavailability / a.failures_per_s : 0;
  return a;
}

}  // namespace halab
