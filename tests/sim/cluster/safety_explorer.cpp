// The safety explorer: random fault schedules against 3- and 5-node clusters that have
// fencing and quorum on (the pacemaker manager with one service, and the CRM), each run in
// its own process. With fencing and quorum the cluster promises safety whatever happens:
//   - the program runs to the end (no crash, no stall);
//   - never two holders of the service IP, and no corrupted write;
//   - no write accepted from a node after it was fenced and before it booted again;
//   - after convergence (every fault over for a while) at most one holder, and one where a
//     quorate majority of members lives.
// Schedules mix crashes with and without restart, pauses, overlapping symmetric and one-way
// partitions (hosts may be left out of every group, so both sides still reach them) and
// link cuts. A violating schedule is written out as a scenario (with the promises as its
// `expect`) to keep as a regression test.
//
//   safety_explorer [--runs N] [--seed S] [--out DIR]
#include "sim/metrics/summary.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/trace/replay.hpp"

#include "models/rng.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

namespace {

using halab::Rng;
using nlohmann::json;

constexpr double kSettle = 150;  // seconds after the last fault ends before the checks

std::string seconds(double s) { return fmt::format("{:.3f}s", s); }

// The clusters explored: pacemaker with one service (priorities decide the holder) or the
// CRM with an active/passive group; power fencing that reboots; votequorum.
json base_cluster(bool crm, int nodes) {
  json hosts = json::array();
  json members = json::array();
  for (int i = 1; i <= nodes; ++i) {
    hosts.push_back(fmt::format("n{}", i));
    members.push_back(crm ? json{{"host", fmt::format("n{}", i)}}
                          : json{{"host", fmt::format("n{}", i)}, {"priority", 210 - 10 * i}});
  }
  hosts.push_back("c1");
  json cluster = {{"manager", "pacemaker"},
                  {"members", members},
                  {"heartbeat_interval", "1s"},
                  {"quorum", json::object()},
                  {"fencing",
                   {{"mode", "device"},
                    {"device",
                     {{"kind", "power"}, {"action", "reboot"}, {"latency_min", "500ms"}, {"latency_max", "1500ms"},
                      {"timeout", "20s"}, {"reboot_time", "30s"}}}}}};
  if (crm) {
    cluster["crm"] = {{"topology", {{"kind", "active-passive"}}},
                      {"vip", "svc1-ip"},
                      {"operations", {{"start", "2s"}, {"stop", "1s"}, {"monitor_interval", "5s"}}}};
  } else {
    cluster["no_quorum_policy"] = "stop";
    cluster["storage"] = {{"epochs", false}, {"write_interval", "100ms"}};  // the CRM's resources do not write
  }
  return {{"version", 1},
          {"topology", {{"regions", json::array({{{"name", "eu"}, {"datacenters", json::array({{{"name", "dc1"}, {"hosts", hosts}}})}}})}}},
          {"cluster", cluster},
          {"service", {{"name", "db"}, {"vip", "10.0.0.80"}}},
          {"workload", {{"clients", json::array({"c1"})}, {"rate", 10}, {"timeout", "500ms"}, {"start", "10s"}}},
          {"expect", crm ? json{{"split_brain", false}} : json{{"split_brain", false}, {"corrupted_writes", 0}}}};
}

std::size_t pick(Rng& rng, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n)));
}

struct Schedule {
  json faults = json::array();
  double last_end = 0;  // when the last fault ends (a permanent crash: when it strikes)
  std::set<std::string> dead;  // members crashed for good
};

// 1 to 6 faults from 15 s to 140 s.
Schedule random_schedule(Rng& rng, int nodes) {
  Schedule s;
  std::vector<std::string> members, hosts;
  for (int i = 1; i <= nodes; ++i) members.push_back(fmt::format("n{}", i));
  hosts = members;
  hosts.push_back("c1");
  std::vector<double> down_until(members.size(), 0);  // one crash or pause per member at a time
  std::vector<double> cut_until(members.size(), 0);   // one fault per link at a time
  const int count = 1 + static_cast<int>(pick(rng, 6));
  for (int f = 0; f < count; ++f) {
    const double at = rng.uniform(15, 140);
    const double kind = rng.uniform01();
    const std::size_t m = pick(rng, members.size());
    if (kind < 0.35) {
      if (at < down_until[m] || s.dead.count(members[m])) continue;
      json crash = {{"kind", "crash"}, {"host", members[m]}, {"at", seconds(at)}};
      if (rng.bernoulli(0.7)) {
        const double until = at + rng.uniform(5, 60);
        crash["restart_at"] = seconds(until);
        down_until[m] = until;
        s.last_end = std::max(s.last_end, until);
      } else {
        down_until[m] = 1e9;
        s.dead.insert(members[m]);
        s.last_end = std::max(s.last_end, at);
      }
      s.faults.push_back(crash);
    } else if (kind < 0.45) {
      if (at < down_until[m] || s.dead.count(members[m])) continue;
      const double until = at + rng.uniform(1, 20);
      down_until[m] = until;
      s.last_end = std::max(s.last_end, until);
      s.faults.push_back({{"kind", "pause"}, {"host", members[m]}, {"at", seconds(at)}, {"until", seconds(until)}});
    } else if (kind < 0.85) {
      // Two or three groups; a host may be in none of them (reached by every side).
      const std::size_t k = 2 + pick(rng, 2);
      std::vector<json> groups(k, json::array());
      for (const auto& h : hosts) {
        if (rng.bernoulli(0.15)) continue;
        groups[pick(rng, k)].push_back(h);
      }
      std::erase_if(groups, [](const json& g) { return g.empty(); });
      if (groups.size() < 2) continue;
      const double until = at + rng.uniform(5, 60);
      s.last_end = std::max(s.last_end, until);
      s.faults.push_back({{"kind", "partition"}, {"groups", groups}, {"at", seconds(at)}, {"until", seconds(until)},
                          {"one_way", rng.bernoulli(0.25)}});
    } else {
      if (at < cut_until[m]) continue;
      const double until = at + rng.uniform(5, 40);
      cut_until[m] = until;
      s.last_end = std::max(s.last_end, until);
      s.faults.push_back({{"kind", "link-down"}, {"link", members[m]}, {"at", seconds(at)}, {"until", seconds(until)}});
    }
  }
  return s;
}

// The promises, checked on one run's trace; what was broken, with times.
std::vector<std::string> violations(const std::vector<halab::TraceEvent>& events, double settled_at, int members,
                                    std::size_t dead) {
  std::vector<std::string> wrong;
  const halab::Summary summary = halab::summarize(events);
  if (summary.max_ip_holders > 1)
    wrong.push_back(fmt::format("{} holders of the IP at once ({:.1f} s of split brain)", summary.max_ip_holders,
                                summary.split_brain_s));
  if (summary.corrupted_writes > 0) wrong.push_back(fmt::format("{} corrupted writes", summary.corrupted_writes));
  std::set<std::string> fenced;  // powered off by fencing, not booted since
  for (const auto& e : events) {
    const std::string ev = e["ev"];
    if (ev == "fence.done" && e["success"].get<bool>()) fenced.insert(e["target"].get<std::string>());
    if (ev == "node.boot") fenced.erase(e["node"].get<std::string>());
    if (ev == "fault.restart") fenced.erase(e["host"].get<std::string>());
    if (ev == "storage.write" && e["result"] == "accepted" && fenced.count(e["node"].get<std::string>()))
      wrong.push_back(fmt::format("{} wrote at {:.3f} s after it was fenced", e["node"].get<std::string>(),
                                  e["t"].get<double>()));
  }
  const halab::TraceReplay replay(events);
  const halab::RunState end = replay.at(replay.end_time());
  if (end.ip_holders() > 1) wrong.push_back(fmt::format("{} holders of the IP at the end", end.ip_holders()));
  // Service restored where a quorate majority lives (every fault over since `settled_at`).
  const bool majority_alive = 2 * (static_cast<std::size_t>(members) - dead) > static_cast<std::size_t>(members);
  if (majority_alive && end.ip_holders() == 0 && replay.end_time() >= settled_at)
    wrong.push_back("a majority of members lives, but nobody serves at the end");
  return wrong;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 300;
  std::uint64_t seed = 1;
  std::string out_dir = ".";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--runs") runs = std::stoi(argv[i + 1]);
    else if (flag == "--seed") seed = std::stoull(argv[i + 1]);
    else if (flag == "--out") out_dir = argv[i + 1];
    else {
      std::cerr << "usage: safety_explorer [--runs N] [--seed S] [--out DIR]\n";
      return 2;
    }
  }
  Rng rng = Rng::stream(seed, "safety-explorer");
  struct Case {
    std::string name;
    json doc;
    Schedule schedule;
    int members;
  };
  std::vector<Case> cases;
  std::vector<halab::ChildWork> works;
  for (int r = 0; r < runs; ++r) {
    const bool crm = r % 2 == 1;
    const int nodes = (r / 2) % 2 == 0 ? 3 : 5;
    Case c{fmt::format("safety-{:04}-{}{}", r, crm ? "crm" : "pm", nodes), base_cluster(crm, nodes),
           random_schedule(rng, nodes), nodes};
    c.doc["name"] = c.name;
    c.doc["description"] = fmt::format("Found by safety_explorer --seed {} (run {}).", seed, r);
    c.doc["seed"] = seed * 100000 + static_cast<std::uint64_t>(r);
    c.doc["faults"] = c.schedule.faults;
    c.doc["duration"] = seconds(std::max(c.schedule.last_end, 60.0) + kSettle);
    cases.push_back(c);
    works.push_back([c] {
      const auto loaded = halab::load_scenario_json(c.doc, c.name);
      if (!loaded.scenario) return "invalid scenario: " + loaded.errors.front().to_string();
      const auto result = halab::simulate(*loaded.scenario, loaded.scenario->seed);
      json wrong = violations(result.events, std::max(c.schedule.last_end, 60.0) + kSettle / 2, c.members,
                              c.schedule.dead.size());
      return wrong.dump();
    });
  }
  const auto results = halab::run_in_children(works, 2);
  int failures = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    std::vector<std::string> wrong;
    if (results[i].exit_code != 0) {
      wrong.push_back(fmt::format("exit code {}", results[i].exit_code));
    } else if (!json::accept(results[i].output)) {
      wrong.push_back(results[i].output);
    } else {
      wrong = json::parse(results[i].output).get<std::vector<std::string>>();
    }
    if (wrong.empty()) continue;
    ++failures;
    const std::string file = out_dir + "/" + cases[i].name + ".json";
    std::ofstream(file) << cases[i].doc.dump(1) << "\n";
    std::cout << cases[i].name << " (" << file << "):";
    for (const auto& w : wrong) std::cout << " " << w << ";";
    std::cout << "\n";
  }
  std::cout << runs - failures << " passed, " << failures << " failed\n";
  return failures == 0 ? 0 : 1;
}
