// VRRP's timings over many seeds, against RFC 5798 §6.1–6.4 (each seed draws the fault's
// moment, so it falls anywhere in the Master's advert cycle). Three keepalived members in
// one datacenter, n1 (200) > n2 (150) > n3 (100); the advert interval is 1 s (VRRPv2) or
// 200 ms (VRRPv3) on alternate seeds. Each run is its own process. Checked:
//   crash    n2 takes over between MDI(n2) − Adv and MDI(n2) after the crash, plus at most
//            one network delay; the VIP is unserved exactly that long; n3 never takes it.
//   stop     a resigning Master (priority 0): n2 takes over after Skew_Time(n2).
//   restart  n1 back after a random delay becomes Master no sooner than its own MDI, with
//            and without preemption; with preemption the old and new Master overlap by at
//            most one network delay, and without it n1 never displaces a running Master.
//
//   vrrp_sweep [--seeds N]
#include "models/detect/vrrp_timing.hpp"
#include "models/rng.hpp"
#include "sim/metrics/summary.hpp"
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

constexpr double kDelay = 0.001;  // one network delay inside a datacenter is well below this

enum class Case { crash, stop, restart_preempt, restart_nopreempt };
const char* name(Case c) {
  switch (c) {
    case Case::crash: return "crash";
    case Case::stop: return "stop";
    case Case::restart_preempt: return "restart-preempt";
    case Case::restart_nopreempt: return "restart-nopreempt";
  }
  return "?";
}

struct Run {
  Case kind;
  std::uint64_t seed;
  int version;
  double interval;
  double fault_at;
  double back_at;  // restart cases
};

json scenario(const Run& r) {
  json faults = json::array();
  if (r.kind == Case::stop) {
    faults.push_back({{"kind", "stop"}, {"host", "n1"}, {"at", fmt::format("{:.6f}s", r.fault_at)}});
  } else {
    json crash = {{"kind", "crash"}, {"host", "n1"}, {"at", fmt::format("{:.6f}s", r.fault_at)}};
    if (r.kind != Case::crash) crash["restart_at"] = fmt::format("{:.6f}s", r.back_at);
    faults.push_back(crash);
  }
  json cluster = {{"manager", "keepalived"},
                  {"members", json::array({{{"host", "n1"}, {"priority", 200}},
                                           {{"host", "n2"}, {"priority", 150}},
                                           {{"host", "n3"}, {"priority", 100}}})},
                  {"heartbeat_interval", fmt::format("{}ms", r.interval * 1000)},
                  {"vrrp", {{"version", r.version}}},
                  {"failback", r.kind == Case::restart_preempt}};
  return {{"version", 1},
          {"name", fmt::format("vrrp-sweep-{}-{}", name(r.kind), r.seed)},
          {"seed", r.seed},
          {"duration", "60s"},
          {"topology", {{"regions", json::array({{{"name", "eu"}, {"datacenters", json::array({{{"name", "dc1"}, {"hosts", {"n1", "n2", "n3", "c1"}}}})}}})}}},
          {"cluster", cluster},
          {"service", {{"name", "web"}, {"vip", "10.0.0.80"}}},
          {"workload", {{"clients", {"c1"}}, {"rate", 10}, {"timeout", "500ms"}, {"start", "2s"}}},
          {"faults", faults}};
}

// Each node's times of entering Master after `after`.
std::vector<double> master_times(const std::vector<halab::TraceEvent>& events, const std::string& node, double after) {
  std::vector<double> out;
  for (const auto& e : events)
    if (e["ev"] == "vrrp.state" && e["node"] == node && e["state"] == "master" && e["t"].get<double>() >= after)
      out.push_back(e["t"].get<double>());
  return out;
}

std::vector<std::string> check(const Run& r, const std::vector<halab::TraceEvent>& events) {
  std::vector<std::string> wrong;
  const Duration adv = Duration::seconds(r.interval);
  const double mdi1 = halab::vrrp_master_down_interval(adv, 200, r.version).to_seconds();
  const double mdi2 = halab::vrrp_master_down_interval(adv, 150, r.version).to_seconds();
  const double skew2 = halab::vrrp_skew_time(adv, 150, r.version).to_seconds();
  const halab::Summary s = halab::summarize(events);
  auto n2 = master_times(events, "n2", r.fault_at);
  auto n1 = master_times(events, "n1", r.fault_at);
  if (!master_times(events, "n3", 0).empty()) wrong.push_back("n3 became Master");
  auto within = [&](const char* what, double value, double lo, double hi) {
    if (value < lo - 1e-9 || value > hi + 1e-9)
      wrong.push_back(fmt::format("{} {:.6f} s, expected [{:.6f}, {:.6f}]", what, value, lo, hi));
  };
  switch (r.kind) {
    case Case::crash:
      if (n2.empty()) return {"n2 never took over"};
      within("takeover after the crash", n2.front() - r.fault_at, mdi2 - r.interval, mdi2 + kDelay);
      within("time without a holder", s.no_service_s, mdi2 - r.interval, mdi2 + kDelay);
      break;
    case Case::stop:
      if (n2.empty()) return {"n2 never took over"};
      within("takeover after the stop", n2.front() - r.fault_at, skew2, skew2 + kDelay);
      break;
    case Case::restart_preempt:
    case Case::restart_nopreempt: {
      std::optional<double> n1_back;
      for (double t : n1)
        if (t >= r.back_at) n1_back = n1_back.value_or(t);
      if (n1_back && *n1_back < r.back_at + mdi1 - 1e-9)
        wrong.push_back(fmt::format("n1 Master {:.6f} s after its restart, before its MDI {:.6f} s", *n1_back - r.back_at, mdi1));
      if (r.kind == Case::restart_preempt) {
        if (!n1_back) wrong.push_back("n1 never preempted");
        if (s.split_brain_s > kDelay) wrong.push_back(fmt::format("two Masters for {:.6f} s", s.split_brain_s));
      } else {
        if (s.max_ip_holders > 1) wrong.push_back("two Masters without preemption");
        if (n1_back && !n2.empty() && n2.front() < *n1_back) wrong.push_back("n1 displaced n2 without preemption");
      }
      break;
    }
  }
  return wrong;
}

}  // namespace

int main(int argc, char** argv) {
  const int seeds = halab::sweep::seeds_from(argc, argv, "vrrp_sweep");
  if (seeds == 0) return 2;
  std::vector<Run> runs;
  for (int seed = 1; seed <= seeds; ++seed) {
    halab::Rng rng = halab::Rng::stream(static_cast<std::uint64_t>(seed), "vrrp-sweep");
    const bool v3 = seed % 2 == 0;
    for (Case c : {Case::crash, Case::stop, Case::restart_preempt, Case::restart_nopreempt}) {
      // Whole microseconds, as the scenario writes them.
      auto micros = [](double s) { return std::round(s * 1e6) / 1e6; };
      Run r{c, static_cast<std::uint64_t>(seed), v3 ? 3 : 2, v3 ? 0.2 : 1.0, micros(rng.uniform(15, 25)), 0};
      r.back_at = micros(r.fault_at + rng.uniform(0.05, 8));
      runs.push_back(r);
    }
  }
  return halab::sweep::run_sweep<Run>(
      runs, {scenario, [](const Run& r) { return r.seed; }, check,
             [](const Run& r) { return fmt::format("seed {} {} (v{})", r.seed, name(r.kind), r.version); },
             "kept RFC 5798's timings"});
}
