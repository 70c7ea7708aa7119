// The simulator's measured availability against the Markov model's, for a keepalived pair
// under a failure process (/failures), by both estimators: replications (each seed one long
// run in a child of its own, the mean of 1 − time_availability) and regenerative episodes
// (sim/fault/episode: the ratio of the episodes' down time to their cycles' length,
// stratified by the host that failed first). Each must lie within 3 standard errors of
// the failover_cluster model's (1+1, a repair crew per node — each host comes back on its
// own — MTTF and MTTR the processes' means, detection the backup's RFC 5798 Master_Down_Interval
// less the mean time since the last advertisement, half an interval; the switchover
// itself, a gratuitous ARP, takes a network delay). Both figures are printed.
// Usage: failure_process_cross_check SCENARIO SEEDS EPISODES
#include "models/availability/estimate.hpp"
#include "models/availability/failover_cluster.hpp"
#include "sim/run/episode_run.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: failure_process_cross_check SCENARIO SEEDS EPISODES\n";
    return 2;
  }
  const auto loaded = halab::load_scenario_file(argv[1]);
  if (!loaded.scenario) {
    for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
    return 2;
  }
  const halab::Scenario& s = *loaded.scenario;
  const int seeds = std::stoi(argv[2]), episodes = std::stoi(argv[3]);
  if (s.failures.size() != 1 || s.services.size() != 1 || s.services.front().cluster.members.size() != 2) {
    std::cerr << "expected one two-member cluster under one failure process\n";
    return 2;
  }
  const auto& cluster = s.services.front().cluster;
  const double advert = cluster.heartbeat_interval.to_seconds();
  const int backup = std::min(cluster.members[0].priority, cluster.members[1].priority);
  halab::FailoverClusterSpec model;
  model.crews = 2;
  model.mttf_s = s.failures.front().time_to_failure.mean();
  model.mttr_s = s.failures.front().time_to_repair.mean();
  model.detect_s = 3 * advert + (256.0 - backup) / 256 * advert - advert / 2;
  const double expected = halab::failover_cluster(model).unavailability;

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  bool held = true;
  const auto report = [&](const char* method, std::size_t n, double mean, double se) {
    std::cout << "unavailability, " << method << " (" << n << "): simulated " << mean << " ± " << se << " (1 SE), Markov model "
              << expected << " (detect " << model.detect_s << " s): " << (mean - expected) / se << " SE apart\n";
    held = held && std::abs(mean - expected) <= 3 * se;
  };

  std::vector<halab::ChildWork> works;
  for (int seed = 1; seed <= seeds; ++seed)
    works.push_back([&s, seed] { return fmt::format("{:.17g}", 1 - halab::simulate_and_summarize(s, seed).time_availability.value_or(2)); });
  std::vector<double> down;
  for (const auto& r : halab::run_in_children(works, cores)) {
    if (r.exit_code != 0 || std::stod(r.output) < -1e-12) return std::cerr << "a run failed (exit " << r.exit_code << ")\n", 1;
    down.push_back(std::stod(r.output));
  }
  const halab::Estimate replications = halab::estimate(down);
  report("replications", replications.n, replications.mean, replications.sd / std::sqrt(static_cast<double>(replications.n)));

  // Episode k starts with host stratum_of(k) and weighs by that host's share, as in
  // `halab sweep --regenerative`.
  const auto first = halab::first_failures(s);
  std::vector<std::size_t> stratum;
  works.clear();
  for (int k = 0; k < episodes; ++k) {
    stratum.push_back(halab::stratum_of(k, episodes, first));
    works.push_back([&s, k, h = stratum.back()] {
      const auto run = halab::simulate_episode(s, k + 1, h, 30, 30);
      return fmt::format("{:.17g} {:.17g}", run.summary.down_s, run.episode.regenerated_s - run.episode.start_s);
    });
  }
  const double up_s = 1 / halab::total_failure_rate(s);
  std::vector<halab::Stratum> strata;
  for (const auto& f : first) strata.push_back({f.share, {}, {}});
  const auto results = halab::run_in_children(works, cores);
  for (std::size_t k = 0; k < results.size(); ++k) {
    if (results[k].exit_code != 0) return std::cerr << "an episode failed (exit " << results[k].exit_code << ")\n", 1;
    const auto space = results[k].output.find(' ');
    strata[stratum[k]].y.push_back(std::stod(results[k].output.substr(0, space)));
    strata[stratum[k]].x.push_back(up_s + std::stod(results[k].output.substr(space + 1)));
  }
  const halab::Estimate regenerative = halab::stratified_ratio_estimate(strata);
  report("regenerative episodes", regenerative.n, regenerative.mean, regenerative.sd);
  return held ? 0 : 1;
}
