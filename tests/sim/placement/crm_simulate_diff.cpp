// Differential test of `halab place` against Pacemaker's own scheduler: random CIBs are
// given to both `crm_simulate -x CIB -S --output-as=xml` (Debian's pacemaker-cli-utils)
// and halab's scheduler, and the final placements are compared resource by resource.
//   crm_simulate_diff [--cases N] [--seed S] [--large] [--keep DIR] [--min-agreement PERCENT]
//   crm_simulate_diff --golden CIB.xml   (prints the expected side of a golden case)
// Prints the agreement rate; exits 1 when it is below --min-agreement, 77 (skipped)
// when crm_simulate is not installed.
#include "sim/placement/place_report.hpp"
#include "sim/placement/state_reader.hpp"
#include "tests/sim/placement/random_cib.hpp"

#include <pugixml.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

// Placement in halab's JSON form from crm_simulate's revised cluster status.
std::optional<nlohmann::json> pacemaker_placement(const std::string& xml);

// {"placement", "promoted": {CLONE: [NODES]}, "scores": {RSC: {NODE: SCORE}}} as
// crm_simulate computes them: the expected side of a golden case.
nlohmann::json pacemaker_golden(const std::string& xml) {
  pugi::xml_document doc;
  doc.load_string(xml.c_str());
  nlohmann::json scores = nlohmann::json::object(), promoted = nlohmann::json::object();
  for (pugi::xml_node w : doc.child("pacemaker-result").child("allocations").children("node_weight")) {
    if (std::string(w.attribute("function").as_string()) != "pcmk__primitive_assign") continue;
    scores[w.attribute("id").as_string()][w.attribute("node").as_string()] = w.attribute("score").as_string();
  }
  for (pugi::xml_node c : doc.child("pacemaker-result").child("revised_cluster_status").child("resources").children("clone")) {
    std::vector<std::string> nodes;
    for (pugi::xml_node r : c.children("resource")) {
      if (std::string(r.attribute("role").as_string()) == "Promoted") nodes.push_back(r.child("node").attribute("name").as_string());
    }
    std::sort(nodes.begin(), nodes.end());
    if (std::string(c.attribute("multi_state").as_string()) == "true") promoted[c.attribute("id").as_string()] = nodes;
  }
  nlohmann::json placement = *pacemaker_placement(xml);
  for (auto it = placement.begin(); it != placement.end();) {
    if (it.key().find(" promoted") != std::string::npos) it = placement.erase(it);
    else ++it;
  }
  return {{"placement", placement}, {"promoted", promoted}, {"scores", scores}};
}

// The nodes a clone's instances run on after the transition: where they ran before, with
// the summary's starts, stops, moves and recoveries applied (the simulated revised status
// can keep a recovered instance on its old node, or list it twice).
std::vector<std::string> clone_nodes_after(const pugi::xml_document& doc, const std::string& clone) {
  std::multiset<std::string> nodes;
  std::string base;
  for (pugi::xml_node c : doc.child("pacemaker-result").child("cluster_status").child("resources").children("clone")) {
    if (clone != c.attribute("id").as_string()) continue;
    for (pugi::xml_node r : c.children("resource")) {
      base = r.attribute("id").as_string();
      if (std::string(r.attribute("active").as_string()) != "true") continue;
      for (pugi::xml_node n : r.children("node")) nodes.insert(n.attribute("name").as_string());
    }
  }
  auto remove = [&](const std::string& node) {
    if (auto it = nodes.find(node); it != nodes.end()) nodes.erase(it);
  };
  for (pugi::xml_node a : doc.child("pacemaker-result").child("actions").children("rsc_action")) {
    const std::string action = a.attribute("action").as_string(), rsc = a.attribute("resource").as_string();
    if (action.empty() || a.attribute("blocked").as_bool() || rsc.rfind(base + ":", 0) != 0) continue;
    const std::string node = a.attribute("node").as_string(), source = a.attribute("source").as_string(),
                      dest = a.attribute("dest").as_string();
    const std::string role = a.attribute("role").as_string(), next = a.attribute("next-role").as_string();
    const std::string where = !node.empty() ? node : (!dest.empty() ? dest : source);
    if (action == "start" || (role == "Stopped" && !next.empty() && next != "Stopped")) {  // "promote" from stopped
      nodes.insert(where);
    } else if (action == "stop" || (next == "Stopped" && role != "Stopped")) {
      remove(!node.empty() ? node : source);
    } else if (!source.empty() && !dest.empty() && source != dest) {  // move, recover, migrate
      remove(source);
      nodes.insert(dest);
    }
  }
  return {nodes.begin(), nodes.end()};
}

std::optional<nlohmann::json> pacemaker_placement(const std::string& xml) {
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return std::nullopt;
  pugi::xml_node resources = doc.child("pacemaker-result").child("revised_cluster_status").child("resources");
  if (!resources) return std::nullopt;
  // Where the transition summary sends each resource: the simulated revised status can
  // still list a recovered resource on its old node too, or a stopped failed one as active.
  std::map<std::string, std::string> destination;
  for (pugi::xml_node a : doc.child("pacemaker-result").child("actions").children("rsc_action")) {
    const std::string action = a.attribute("action").as_string();
    if (action.empty()) continue;  // an executed operation (op="monitor"...), not the summary
    std::string rsc = a.attribute("resource").as_string();
    if (action == "stop") destination[rsc] = "stopped";
    else if (a.attribute("dest")) destination[rsc] = a.attribute("dest").as_string();
    else if (a.attribute("node")) destination[rsc] = a.attribute("node").as_string();
  }
  nlohmann::json out = nlohmann::json::object();
  // A stop in the transition summary wins: a failed resource it stops can still show as
  // active in the simulated status.
  auto node_of = [&](const pugi::xml_node& r) -> std::string {
    auto it = destination.find(r.attribute("id").as_string());
    if (it != destination.end() && it->second == "stopped") return it->second;
    const std::string role = r.attribute("role").as_string();
    pugi::xml_node n = r.child("node");
    if (role == "Stopped" || !n || std::string(r.attribute("active").as_string()) != "true") return "stopped";
    std::set<std::string> names;
    for (pugi::xml_node x = n; x; x = x.next_sibling("node")) names.insert(x.attribute("name").as_string());
    if (names.size() == 1) return *names.begin();
    return it != destination.end() ? it->second : "multiple";
  };
  for (pugi::xml_node item : resources.children()) {
    const std::string kind = item.name();
    if (kind == "resource") {
      out[item.attribute("id").as_string()] = node_of(item);
    } else if (kind == "group") {
      for (pugi::xml_node r : item.children("resource")) out[r.attribute("id").as_string()] = node_of(r);
    } else if (kind == "clone") {
      std::vector<std::string> nodes = clone_nodes_after(doc, item.attribute("id").as_string()), promoted;
      for (pugi::xml_node r : item.children("resource")) {
        const std::string n = node_of(r);
        if (n != "stopped" && std::string(r.attribute("role").as_string()) == "Promoted") promoted.push_back(n);
      }
      std::sort(promoted.begin(), promoted.end());
      out[item.attribute("id").as_string()] = nodes;
      if (std::string(item.attribute("multi_state").as_string()) == "true") {
        out[std::string(item.attribute("id").as_string()) + " promoted"] = promoted;
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int cases = 200;
  std::uint64_t seed = 1;
  std::string keep;
  double min_agreement = 0;
  bool large = false;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key == "--large") {
      large = true;
      continue;
    }
    if (i + 1 >= argc) break;
    const char* value = argv[++i];
    if (key == "--cases") cases = std::atoi(value);
    else if (key == "--seed") seed = std::strtoull(value, nullptr, 10);
    else if (key == "--keep") keep = value;
    else if (key == "--min-agreement") min_agreement = std::atof(value);
  }

  if (argc == 3 && std::string(argv[1]) == "--golden") {
    std::cout << pacemaker_golden(run(std::string("crm_simulate -x ") + argv[2] + " -S -s --output-as=xml 2>/dev/null")).dump(2) << '\n';
    return 0;
  }
  if (run("command -v crm_simulate").empty()) {
    std::cout << "crm_simulate not found (Debian package pacemaker-cli-utils): skipped\n";
    return 77;
  }
  const auto dir = std::filesystem::temp_directory_path() / ("halab-diff-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  if (!keep.empty()) std::filesystem::create_directories(keep);
  int agree = 0, compared = 0;
  size_t resources_total = 0, resources_agree = 0;
  for (int c = 0; c < cases; ++c) {
    const std::uint64_t case_seed = seed * 1000003ULL + static_cast<std::uint64_t>(c);
    const std::string cib = halab::testing::random_cib(case_seed, large);
    const auto path = dir / "cib.xml";
    std::ofstream(path) << cib;
    const auto theirs = pacemaker_placement(run("crm_simulate -x " + path.string() + " -S --output-as=xml 2>/dev/null"));
    halab::Diagnostics diag(path.string());
    auto state = halab::read_cluster_state_cib(cib, diag);
    if (!theirs || !state) {
      std::cout << "case " << case_seed << ": could not be compared\n";
      continue;
    }
    nlohmann::json ours;
    try {
      const auto plan = halab::placement::schedule(*state);
      ours = halab::placement_json(plan);
      for (const auto& [id, where] : theirs->items()) {
        if (id.size() > 9 && id.substr(id.size() - 9) == " promoted") ours[id] = nlohmann::json::array();
      }
      for (const auto& a : plan.assignments) {
        if (a.role == halab::placement::Role::promoted) ours[a.clone + " promoted"].push_back(a.node);
      }
    } catch (const std::exception& e) {
      ours = {{"error", e.what()}};
    }
    ++compared;
    bool same = true;
    for (const auto& [id, where] : theirs->items()) {
      ++resources_total;
      if (ours.contains(id) && ours[id] == where) ++resources_agree;
      else same = false;
    }
    if (same) {
      ++agree;
      continue;
    }
    std::cout << "case " << case_seed << " differs:\n  pacemaker " << theirs->dump() << "\n  halab     " << ours.dump() << '\n';
    if (!keep.empty()) std::ofstream(std::filesystem::path(keep) / ("case-" + std::to_string(case_seed) + ".xml")) << cib;
  }
  std::filesystem::remove_all(dir);
  const double rate = compared ? 100.0 * agree / compared : 0;
  std::cout << "agreement: " << agree << " of " << compared << " clusters (" << rate << "%), "
            << resources_agree << " of " << resources_total << " resources\n";
  return rate + 1e-9 >= min_agreement ? 0 : 1;
}
