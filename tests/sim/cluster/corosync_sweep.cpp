// Corosync's timings over many seeds (corosync.conf(5), totemsrp.c): with 2, 3, 5 and 16
// nodes under the pacemaker manager's corosync timing, one member (drawn from the seed,
// the ring's representative included) crashes at a moment drawn from the seed. Checked, for
// every survivor:
//   detection  its detector declares the crashed node lost a token timeout after the token
//              last reached it: between token_eff − R and token_eff after the crash, where
//              token_eff = token + (nodes − 2) × token_coefficient and R is one rotation
//              (the representative's hold plus one network hop per node);
//   view       its first view without the crashed node forms one consensus timeout
//              (1.2 × token_eff) after its own detection.
// Each run is its own process.
//
//   corosync_sweep [--seeds N]
#include "models/membership/membership.hpp"
#include "models/membership/token_ring.hpp"
#include "models/rng.hpp"
#include "tests/sim/cluster/timing_sweep.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

using halab::Duration;
using nlohmann::json;

constexpr double kHop = 0.001;  // one network hop in a datacenter, generously

struct Run {
  std::uint64_t seed;
  int nodes;
  int victim;  // 1-based
  double crash_at;
};

std::string host(int i) { return fmt::format("n{}", i); }

json scenario(const Run& r) {
  json hosts = json::array(), members = json::array();
  for (int i = 1; i <= r.nodes; ++i) {
    hosts.push_back(host(i));
    members.push_back({{"host", host(i)}, {"priority", 250 - i}});
  }
  hosts.push_back("c1");
  return {{"version", 1},
          {"name", fmt::format("corosync-sweep-{}-{}", r.nodes, r.seed)},
          {"seed", r.seed},
          {"duration", "90s"},
          {"topology", {{"regions", json::array({{{"name", "eu"}, {"datacenters", json::array({{{"name", "dc1"}, {"hosts", hosts}}})}}})}}},
          {"cluster", {{"manager", "pacemaker"}, {"members", members}, {"heartbeat_interval", "1s"}}},
          {"service", {{"name", "db"}, {"vip", "10.0.0.80"}}},
          {"workload", {{"clients", {"c1"}}, {"rate", 1}, {"timeout", "500ms"}, {"start", "5s"}}},
          {"faults", json::array({{{"kind", "crash"}, {"host", host(r.victim)}, {"at", fmt::format("{:.6f}s", r.crash_at)}}})}};
}

std::vector<std::string> check(const Run& r, const std::vector<halab::TraceEvent>& events) {
  std::vector<std::string> wrong;
  halab::MembershipTiming timing{halab::MembershipTiming::Kind::corosync};
  const double token = timing.token_timeout(static_cast<std::size_t>(r.nodes)).to_seconds();
  const double consensus = timing.consensus(static_cast<std::size_t>(r.nodes)).to_seconds();
  const double rotation = halab::TokenRing::default_hold(timing.token).to_seconds() + r.nodes * kHop;
  const std::string victim = host(r.victim);
  for (int i = 1; i <= r.nodes; ++i) {
    if (i == r.victim) continue;
    const std::string node = host(i);
    std::optional<double> detected, view;
    for (const auto& e : events) {
      const double t = e["t"].get<double>();
      if (t < r.crash_at || e["node"] != node) continue;
      if (!detected && e["ev"] == "detector.suspect" && e["peer"] == victim) detected = t;
      if (!view && e["ev"] == "belief") {
        auto members = e["members"].get<std::vector<std::string>>();
        if (std::find(members.begin(), members.end(), victim) == members.end()) view = t;
      }
    }
    if (!detected) {
      wrong.push_back(fmt::format("{} never detected the crash of {}", node, victim));
      continue;
    }
    const double after = *detected - r.crash_at;
    if (after < token - rotation - 1e-9 || after > token + 1e-9)
      wrong.push_back(fmt::format("{} detected {} after {:.4f} s, expected [{:.4f}, {:.4f}]", node, victim, after,
                                  token - rotation, token));
    if (!view) wrong.push_back(fmt::format("{} never formed a view without {}", node, victim));
    else if (std::fabs(*view - *detected - consensus) > 1e-6)
      wrong.push_back(fmt::format("{}'s view came {:.4f} s after its detection, expected the consensus {:.4f} s", node,
                                  *view - *detected, consensus));
  }
  return wrong;
}

}  // namespace

int main(int argc, char** argv) {
  const int seeds = halab::sweep::seeds_from(argc, argv, "corosync_sweep");
  if (seeds == 0) return 2;
  std::vector<Run> runs;
  for (int nodes : {2, 3, 5, 16})
    for (int seed = 1; seed <= seeds; ++seed) {
      halab::Rng rng = halab::Rng::stream(static_cast<std::uint64_t>(seed), fmt::format("corosync-sweep-{}", nodes));
      int victim = 1 + std::min(nodes - 1, static_cast<int>(rng.uniform01() * nodes));
      runs.push_back({static_cast<std::uint64_t>(seed), nodes, victim, std::round(rng.uniform(30, 40) * 1e6) / 1e6});
    }
  return halab::sweep::run_sweep<Run>(
      runs, {scenario, [](const Run& r) { return r.seed; }, check,
             [](const Run& r) { return fmt::format("{} nodes, seed {}", r.nodes, r.seed); }, "kept corosync's timings"});
}
