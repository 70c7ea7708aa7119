// Chaos for the cluster resource manager: a scenario with fencing and quorum is run with
// random crashes (with restarts), partitions and failing agents, all over by a fixed time,
// each run in its own process. Whatever happened, the run must end settled and safe:
// no crash of the program, never two holders of the service IP, and every service
// running exactly once at the end, and every live node's copy of the CIB agreeing on
// where the service IP's resource runs. A failing case is written out as a scenario to
// rerun.
//
//   crm_chaos SCENARIO [--cases N] [--seed S] [--out DIR]
#include "sim/metrics/summary.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/trace/replay.hpp"

#include "models/rng.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

using halab::Rng;

std::string fmt_s(double s) {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << s << "s";
  return out.str();
}

// 1 to 3 faults between 20 s and 120 s, each ending by 130 s.
nlohmann::json random_faults(Rng& rng, const std::vector<std::string>& members, const std::vector<std::string>& primitives) {
  nlohmann::json faults = nlohmann::json::array();
  const int count = 1 + static_cast<int>(rng.uniform01() * 3);
  std::vector<double> busy_until(members.size(), 0);  // one crash per host at a time
  for (int i = 0; i < count; ++i) {
    const double at = rng.uniform(20, 100);
    const double until = std::min(130.0, at + rng.uniform(5, 60));
    const std::size_t host = static_cast<std::size_t>(rng.uniform01() * static_cast<double>(members.size()));
    const double kind = rng.uniform01();
    if (kind < 0.4) {
      if (at < busy_until[host]) continue;
      busy_until[host] = until;
      faults.push_back({{"kind", "crash"}, {"host", members[host]}, {"at", fmt_s(at)}, {"restart_at", fmt_s(until)}});
    } else if (kind < 0.7) {
      nlohmann::json side = nlohmann::json::array();
      nlohmann::json rest = nlohmann::json::array();
      for (std::size_t m = 0; m < members.size(); ++m) (rng.bernoulli(0.4) ? side : rest).push_back(members[m]);
      if (side.empty() || rest.empty()) continue;
      faults.push_back({{"kind", "partition"}, {"groups", nlohmann::json::array({side, rest})}, {"at", fmt_s(at)}, {"until", fmt_s(until)}});
    } else {
      const std::string rsc = primitives[static_cast<std::size_t>(rng.uniform01() * static_cast<double>(primitives.size()))];
      faults.push_back({{"kind", "agent-fail"}, {"host", members[host]}, {"resource", rsc}, {"at", fmt_s(at)},
                        {"until", fmt_s(until)}});
    }
  }
  return faults;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: crm_chaos SCENARIO [--cases N] [--seed S] [--out DIR]\n";
    return 2;
  }
  const std::string path = argv[1];
  int cases = 40;
  std::uint64_t seed = 1;
  std::string out_dir = ".";
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--cases") cases = std::stoi(argv[i + 1]);
    else if (flag == "--seed") seed = std::stoull(argv[i + 1]);
    else if (flag == "--out") out_dir = argv[i + 1];
  }
  std::ifstream in(path);
  nlohmann::json base = nlohmann::json::parse(in);
  base.erase("expect");
  base["duration"] = "220s";
  const auto loaded = halab::load_scenario_json(base, path);
  if (!loaded.scenario || !loaded.scenario->services.front().cluster.crm) {
    std::cerr << path << ": not a valid scenario with a crm section\n";
    return 2;
  }
  std::vector<std::string> members;
  for (const auto& m : loaded.scenario->services.front().cluster.members) members.push_back(m.name);
  // the services: every primitive the configuration runs (the fence device aside)
  std::vector<std::string> primitives;
  auto collect = [&](auto& self, const halab::placement::Resource& r) -> void {
    if (r.kind == halab::placement::ResourceKind::primitive && r.standard != "stonith") primitives.push_back(r.id);
    for (const auto& c : r.children) self(self, c);
  };
  for (const auto& r : loaded.scenario->services.front().cluster.crm->config.resources) collect(collect, r);

  Rng rng = Rng::stream(seed, "crm-chaos");
  std::vector<nlohmann::json> scenarios;
  std::vector<halab::ChildWork> works;
  for (int c = 0; c < cases; ++c) {
    nlohmann::json doc = base;
    doc["faults"] = random_faults(rng, members, primitives);
    doc["seed"] = seed * 1000 + static_cast<std::uint64_t>(c);
    scenarios.push_back(doc);
    works.push_back([doc, path] {
      const auto s = halab::load_scenario_json(doc, path);
      if (!s.scenario) return std::string("invalid: ") + s.errors.front().to_string();
      const auto result = halab::simulate(*s.scenario, s.scenario->seed);
      nlohmann::json out = halab::summarize(result.events).to_json();
      // where each live node's copy of the CIB says the IP's resource runs
      const halab::TraceReplay replay(result.events);
      for (const auto& [node, state] : replay.at(replay.end_time()).nodes) {
        if (state.member && state.up && state.belief) out["believed_holder"][node] = (*state.belief)["holder"];
      }
      return out.dump();
    });
  }
  const auto results = halab::run_in_children(works, 2);
  int failures = 0;
  for (int c = 0; c < cases; ++c) {
    const auto& r = results[static_cast<std::size_t>(c)];
    std::vector<std::string> wrong;
    if (r.exit_code != 0 || r.output.rfind("invalid", 0) == 0) {
      wrong.push_back("exit code " + std::to_string(r.exit_code) + " " + r.output.substr(0, 200));
    } else {
      const auto summary = nlohmann::json::parse(r.output);
      if (summary["split_brain"].get<bool>()) wrong.push_back("two holders of the IP");
      const std::string& vip = loaded.scenario->services.front().cluster.crm->vip_resource;
      if (!vip.empty() && summary.contains("believed_holder")) {
        const auto& runs = summary["placement"].contains(vip) ? summary["placement"][vip] : nlohmann::json("stopped");
        for (const auto& [node, holder] : summary["believed_holder"].items()) {
          const nlohmann::json expected = runs == "stopped" ? nlohmann::json(nullptr) : runs;
          if (holder != expected) wrong.push_back(node + " believes " + vip + " runs on " + holder.dump() + ", it runs on " + runs.dump());
        }
      }
      for (const auto& p : primitives) {
        const auto& where = summary["placement"].contains(p) ? summary["placement"][p] : nlohmann::json("stopped");
        const bool clone = where.is_array();
        if (!clone && !(where.is_string() && where.get<std::string>() != "stopped"))
          wrong.push_back(p + " is " + where.dump() + " at the end");
        if (clone && where.empty()) wrong.push_back(p + " runs nowhere at the end");
      }
    }
    if (wrong.empty()) continue;
    ++failures;
    const std::string stem = path.substr(path.find_last_of('/') + 1, path.rfind(".json") - path.find_last_of('/') - 1);
    const std::string file = out_dir + "/chaos-" + stem + "-" + std::to_string(c) + ".json";
    std::ofstream(file) << scenarios[static_cast<std::size_t>(c)].dump(2) << "\n";
    std::cout << "case " << c << " (" << file << "):";
    for (const auto& w : wrong) std::cout << " " << w << ";";
    std::cout << "\n";
  }
  std::cout << cases - failures << " of " << cases << " chaos runs ended settled and safe\n";
  return failures == 0 ? 0 : 1;
}
