// The simulator's measured availability against the Markov model's, for a cluster under a
// failure process (/failures), by both estimators: replications (each seed one long run in a
// child of its own) and regenerative episodes (sim/fault/episode: the ratio of the episodes'
// down time to their cycles' length, stratified by the host that failed first). Each must lie
// within 3 standard errors of the failover_cluster model's; both figures are printed.
// The replications' mean is corrected by a control variate: the share of each run's time its
// drawn failures (sim/fault/drawn_failures, known before the run) leave fewer nodes up than
// the workloads need, whose expectation is the same model's with instant failover (k of n).
// Spells with too few nodes are rare and long, so they make most of the runs' spread; the
// control takes the luck of the draw out (the 24 seeds of the Pacemaker pair draw a third
// less of them than expected) and leaves what the failover logic adds. The episodes are corrected alike, by the
// time each episode's drawn crashes leave too few nodes up, its ratio known the same way.
//
// The model's parameters come from the scenario's own settings and the documented timings,
// never from the run: every node is repaired on its own (as many crews as nodes), MTTF and
// MTTR are the process's means, and
// - keepalived (the clients' time unavailability): detection is the backup's RFC 5798
//   Master_Down_Interval less the mean time since the last advertisement, half an interval;
//   the switchover itself, a gratuitous ARP, takes a network delay;
// - pacemaker with a CRM topology (resources_down_s: some workload resource running
//   nowhere): detection is corosync's token timeout, token + (nodes − 2) × token_coefficient,
//   less half the representative's token hold (token / 4.2 × 0.8 − 10 ms, the mean time since
//   the token last passed); the switchover is the consensus timeout, the fence device's mean
//   latency and the starts of the moved workload (a service group: its IP and application;
//   active/active: the cluster IP, the clone runs on the survivor already); N-to-1's failback
//   is the group's stop after its application's and both starts. After a spell with too few
//   nodes, the repaired node restores the workloads in one join timeout (a ring that only
//   gains a member forms once the joins agree), the fencing of the nodes it did not see go
//   and the starts — with quorum, it joins the survivors at once; without (a two-node
//   cluster), it starts alone and first waits a token timeout for its absent peer
//   (pcmk_sched_fencing.c: starts wait for every fencing of the transition).
//   Layouts: active/passive and
//   active/active are 1+1, N+1 and N+M standby pools without failback, N-to-1 N+1 with
//   failback. N-to-N has no closed form here (a repaired node comes back empty) and is refused;
// - an all-active tier (the process fails the hosts of one /stack tier, behind nginx that
//   passes a request on to the next server): clients fail only while every server is down,
//   the k-out-of-n model itself (models/availability/k_of_n) with k = 1.
// Usage: failure_process_cross_check SCENARIO SEEDS EPISODES
#include "models/availability/estimate.hpp"
#include "models/availability/failover_cluster.hpp"
#include "models/availability/k_of_n.hpp"
#include "sim/fault/drawn_failures.hpp"
#include "sim/run/episode_run.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

namespace {

struct CrossCheck {
  halab::FailoverClusterSpec model;
  std::optional<halab::KOfNSpec> k_of_n;  // the closed form instead of the failover model's
  bool resources = false;  // measure resources_down_s (else the clients' time unavailability)
  bool outages = false;    // the clients' outages by their requests (down_s), not the IP's reach
  std::string what;
};

std::optional<CrossCheck> all_active_tier(const halab::Scenario& s) {
  if (!s.stack) return std::nullopt;
  const auto& hosts = s.failures.front().hosts;
  for (const auto& tier : s.stack->tiers) {
    if (tier.hosts != hosts) continue;
    const int n = static_cast<int>(hosts.size());
    CrossCheck c;
    c.k_of_n = halab::KOfNSpec{n, 1, n, 0, 0};
    c.model.workloads = 1, c.model.spares = n - 1, c.model.crews = n;  // the control's layout: 1 of n
    c.outages = true;  // the IP never moves: the clients see the tier through their requests
    c.what = fmt::format("an all-active tier, 1 of {}, the clients' time unavailability", n);
    return c;
  }
  return std::nullopt;
}

std::optional<CrossCheck> keepalived(const halab::Scenario& s) {
  const auto& cluster = s.services.front().cluster;
  if (cluster.members.size() != 2) return std::nullopt;
  const double advert = cluster.heartbeat_interval.to_seconds();
  const int backup = std::min(cluster.members[0].priority, cluster.members[1].priority);
  CrossCheck c;
  c.model.crews = 2;
  c.model.detect_s = 3 * advert + (256.0 - backup) / 256 * advert - advert / 2;
  c.what = "keepalived 1+1, the clients' time unavailability";
  return c;
}

std::optional<CrossCheck> pacemaker(const halab::Scenario& s, const nlohmann::json& raw) {
  const auto& cluster = s.services.front().cluster;
  const auto* topology = raw.contains("cluster") && raw["cluster"].contains("crm") ? &raw["cluster"]["crm"]["topology"] : nullptr;
  if (!cluster.crm || !topology || topology->is_null()) return std::nullopt;
  const std::string kind = topology->value("kind", "");
  const int active = topology->value("active", 1), spares = topology->value("spares", 1);
  const std::size_t nodes = cluster.members.size();
  const auto& timing = cluster.membership;
  const double token = timing.token_timeout(nodes).to_seconds();
  const double hold = timing.token.to_seconds() / 4.2 * 0.8 - 0.010;
  const auto& device = cluster.fencing.device;
  const auto start = [&](const char* rsc) { return cluster.crm->timing_of(rsc).start.to_seconds(); };
  const auto stop = [&](const char* rsc) { return cluster.crm->timing_of(rsc).stop.to_seconds(); };
  CrossCheck c;
  c.resources = true;
  c.model.crews = static_cast<int>(nodes);
  c.model.detect_s = token - hold / 2;
  const double moved = kind == "active-active" ? start(cluster.crm->vip_resource.c_str()) : start("svc1-ip") + start("svc1-app");
  const double fence = (device.latency_min + device.latency_max).to_seconds() / 2;
  c.model.switchover_s = timing.consensus(nodes).to_seconds() + fence + moved;
  c.model.restore_s = (cluster.quorum.enabled ? 0 : token) + timing.join_delay().to_seconds() + fence + moved;
  if (kind == "active-passive" || kind == "active-active") {
    c.model.workloads = 1, c.model.spares = 1;
  } else if (kind == "n+1" || kind == "n+m") {
    c.model.workloads = active, c.model.spares = kind == "n+1" ? 1 : spares;
  } else if (kind == "n-to-1") {
    c.model.workloads = active, c.model.spares = 1;
    c.model.failback_s = stop("svc1-ip") + start("svc1-ip") + start("svc1-app");
  } else {
    return std::nullopt;
  }
  c.what = fmt::format("pacemaker {} {}+{}{}, some resource down", kind, c.model.workloads, c.model.spares,
                       c.model.failback_s > 0 ? " with failback" : "");
  return c;
}

}  // namespace

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
  if (s.failures.size() != 1 || s.services.size() != 1) {
    std::cerr << "expected one cluster under one failure process\n";
    return 2;
  }
  std::ifstream file(argv[1]);
  const auto raw = nlohmann::json::parse(file);
  const bool crm = s.services.front().cluster.crm.has_value();
  auto check = all_active_tier(s);
  if (!check) check = crm ? pacemaker(s, raw) : keepalived(s);
  if (!check) {
    std::cerr << "no closed form for this system: an all-active tier, a keepalived pair, or a CRM topology other than N-to-N\n";
    return 2;
  }
  halab::FailoverClusterSpec model = check->model;
  model.mttf_s = s.failures.front().time_to_failure.mean();
  model.mttr_s = s.failures.front().time_to_repair.mean();
  std::optional<halab::KOfNSpec> k_of_n = check->k_of_n;
  if (k_of_n) k_of_n->mttf_s = model.mttf_s, k_of_n->mttr_s = model.mttr_s;
  const double expected = k_of_n ? halab::k_out_of_n(*k_of_n).unavailability : halab::failover_cluster(model).unavailability;
  const bool resources = check->resources, outages = check->outages;
  const auto down_of = [resources](const halab::Summary& summary) {
    return resources ? summary.resources_down_s.value_or(NAN) : summary.down_s;
  };

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  bool held = true;
  const auto report = [&](const char* method, std::size_t n, double mean, double se) {
    std::cout << check->what << ", " << method << " (" << n << "): simulated " << mean << " ± " << se << " (1 SE), "
              << (k_of_n ? fmt::format("k-out-of-n model {} (k {}, n {}, {} crews)", expected, k_of_n->k, k_of_n->n, k_of_n->crews)
                         : fmt::format("Markov model {} (detect {} s, switch {} s, failback {} s, restore {} s)", expected,
                                       model.detect_s, model.switchover_s, model.failback_s,
                                       model.restore_s.value_or(model.detect_s + model.switchover_s)))
              << ": " << (mean - expected) / se << " SE apart\n";
    held = held && std::abs(mean - expected) <= 3 * se;
  };

  // The control: the share of the run with fewer than `needed` nodes up, from the draws.
  const int needed = model.workloads;  // a node per workload
  const std::size_t nodes = static_cast<std::size_t>(model.workloads + model.spares);
  const auto short_of_nodes = [&](const std::vector<halab::FaultSpec>& crashes, double end_s) {
    std::vector<std::pair<double, int>> changes;
    for (const halab::FaultSpec& f : crashes) {
      changes.emplace_back(f.at.to_seconds(), -1);
      changes.emplace_back(f.until ? f.until->to_seconds() : end_s, +1);
    }
    std::sort(changes.begin(), changes.end());
    double short_s = 0, last = 0;
    int up = static_cast<int>(nodes);
    for (const auto& [t, d] : changes) {
      if (up < needed) short_s += t - last;
      up += d, last = t;
    }
    return short_s;
  };
  halab::FailoverClusterSpec instant = model;
  instant.detect_s = instant.switchover_s = instant.failback_s = 0;
  instant.restore_s = 0;
  const double short_expected = halab::failover_cluster(instant).unavailability;

  std::vector<halab::ChildWork> works;
  for (int seed = 1; seed <= seeds; ++seed)
    works.push_back([&s, seed, resources, outages] {
      const halab::Summary summary = halab::simulate_and_summarize(s, seed);
      const double down = resources ? summary.resources_down_s.value_or(NAN) / summary.duration_s
                          : outages ? summary.down_s / summary.duration_s
                                    : 1 - summary.time_availability.value_or(2);
      return fmt::format("{:.17g}", down);
    });
  std::vector<double> down, short_share;
  for (const auto& r : halab::run_in_children(works, cores)) {
    if (r.exit_code != 0 || !(std::stod(r.output) >= -1e-12)) return std::cerr << "a run failed (exit " << r.exit_code << ")\n", 1;
    down.push_back(std::stod(r.output));
    const auto seed = static_cast<std::uint64_t>(down.size());
    short_share.push_back(short_of_nodes(halab::drawn_failures(s, seed), s.duration.to_seconds()) / s.duration.to_seconds());
  }
  const halab::Estimate plain = halab::estimate(down);
  const halab::Estimate short_drawn = halab::estimate(short_share);
  std::cout << "  runs short of nodes: " << short_drawn.mean << " of the time (expected " << short_expected
            << "); the plain mean " << plain.mean << " ± " << plain.sd / std::sqrt(static_cast<double>(plain.n)) << "\n";
  const halab::Estimate replications = halab::control_variate_estimate(down, short_share, short_expected);
  report("replications, control variate", replications.n, replications.mean, replications.sd);

  // Episode k starts with host stratum_of(k) and weighs by that host's share, as in
  // `halab sweep --regenerative`.
  const auto first = halab::first_failures(s);
  std::vector<std::size_t> stratum;
  works.clear();
  for (int k = 0; k < episodes; ++k) {
    stratum.push_back(halab::stratum_of(k, episodes, first));
    works.push_back([&s, k, h = stratum.back(), &down_of] {
      const auto run = halab::simulate_episode(s, k + 1, h, 30, 30);
      return fmt::format("{:.17g} {:.17g}", down_of(run.summary), run.episode.regenerated_s - run.episode.start_s);
    });
  }
  const double up_s = 1 / halab::total_failure_rate(s);
  std::vector<halab::Stratum> strata, short_strata;
  for (const auto& f : first) strata.push_back({f.share, {}, {}});
  short_strata = strata;
  const auto results = halab::run_in_children(works, cores);
  for (std::size_t k = 0; k < results.size(); ++k) {
    if (results[k].exit_code != 0) return std::cerr << "an episode failed (exit " << results[k].exit_code << ")\n", 1;
    const auto space = results[k].output.find(' ');
    const double y = std::stod(results[k].output.substr(0, space));
    if (!(y >= 0)) return std::cerr << "an episode measured no down time\n", 1;
    strata[stratum[k]].y.push_back(y);
    strata[stratum[k]].x.push_back(up_s + std::stod(results[k].output.substr(space + 1)));
    const halab::Episode e = halab::draw_episode(s, k + 1, stratum[k], 30, 30);
    short_strata[stratum[k]].y.push_back(short_of_nodes(e.scenario.faults, e.regenerated_s));
    short_strata[stratum[k]].x.push_back(strata[stratum[k]].x.back());
  }
  const halab::Estimate short_episodes = halab::stratified_ratio_estimate(short_strata);
  const halab::Estimate plain_episodes = halab::stratified_ratio_estimate(strata);
  std::cout << "  episodes short of nodes: " << short_episodes.mean << " of the time (expected " << short_expected
            << "); the plain ratio " << plain_episodes.mean << " ± " << plain_episodes.sd << "\n";
  const halab::Estimate regenerative = halab::stratified_ratio_control_estimate(strata, short_strata, short_expected);
  report("regenerative episodes, control variate", regenerative.n, regenerative.mean, regenerative.sd);
  return held ? 0 : 1;
}
