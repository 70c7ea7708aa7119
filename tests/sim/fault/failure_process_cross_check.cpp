// The simulator's measured availability against the Markov model's, for a keepalived pair
// under a failure process (/failures): each seed is one long run in a child of its own; the
// mean unavailability over the seeds must lie within 3 standard errors of the
// failover_cluster model's (1+1, a repair crew per node — each host comes back on its own —
// MTTF and MTTR the processes' means, detection the backup's RFC 5798 Master_Down_Interval
// less the mean time since the last advertisement, half an interval; the switchover
// itself, a gratuitous ARP, takes a network delay). Both figures are printed.
// Usage: failure_process_cross_check SCENARIO SEEDS
#include "models/availability/failover_cluster.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: failure_process_cross_check SCENARIO SEEDS\n";
    return 2;
  }
  const auto loaded = halab::load_scenario_file(argv[1]);
  if (!loaded.scenario) {
    for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
    return 2;
  }
  const halab::Scenario& s = *loaded.scenario;
  const int seeds = std::stoi(argv[2]);
  if (s.failures.size() != 1 || s.services.size() != 1 || s.services.front().cluster.members.size() != 2) {
    std::cerr << "expected one two-member cluster under one failure process\n";
    return 2;
  }
  std::vector<halab::ChildWork> works;
  for (int seed = 1; seed <= seeds; ++seed)
    works.push_back([&s, seed] { return std::to_string(halab::simulate_and_summarize(s, seed).time_availability.value_or(-1)); });
  const auto results = halab::run_in_children(works, std::max(1u, std::thread::hardware_concurrency()));
  double sum = 0, sum_sq = 0;
  for (const auto& r : results) {
    const double a = r.exit_code == 0 ? std::stod(r.output) : -1;
    if (a < 0) {
      std::cerr << "a run failed (exit " << r.exit_code << ")\n";
      return 1;
    }
    sum += 1 - a;
    sum_sq += (1 - a) * (1 - a);
  }
  const double mean = sum / seeds, se = std::sqrt((sum_sq / seeds - mean * mean) / (seeds - 1));

  const auto& cluster = s.services.front().cluster;
  const double advert = cluster.heartbeat_interval.to_seconds();
  const int backup = std::min(cluster.members[0].priority, cluster.members[1].priority);
  halab::FailoverClusterSpec model;
  model.crews = 2;
  model.mttf_s = s.failures.front().time_to_failure.mean();
  model.mttr_s = s.failures.front().time_to_repair.mean();
  model.detect_s = 3 * advert + (256.0 - backup) / 256 * advert - advert / 2;
  const double expected = halab::failover_cluster(model).unavailability;

  std::cout << "unavailability over " << seeds << " seeds: simulated " << mean << " ± " << se << " (1 SE), Markov model "
            << expected << " (detect " << model.detect_s << " s): " << (mean - expected) / se << " SE apart\n";
  return std::abs(mean - expected) <= 3 * se ? 0 : 1;
}
