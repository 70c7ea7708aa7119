// Golden placement cases: each CIB in golden/ names (in its first comment) the rule of
// "Pacemaker Explained" it checks; the expected placement, promotions and allocation
// scores were computed by Pacemaker 2.1.5's own scheduler (crm_simulate_diff --golden).
#include "sim/placement/place_report.hpp"
#include "sim/placement/state_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace halab {
namespace {

namespace fs = std::filesystem;
namespace pl = placement;

std::vector<std::string> golden_cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(HALAB_GOLDEN_DIR)) {
    if (entry.path().extension() == ".xml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenPlacement : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenPlacement, MatchesPacemaker) {
  const fs::path dir(HALAB_GOLDEN_DIR);
  std::ifstream xml_in(dir / (GetParam() + ".xml"));
  std::stringstream xml;
  xml << xml_in.rdbuf();
  const nlohmann::json expected = nlohmann::json::parse(std::ifstream(dir / (GetParam() + ".expected.json")));

  Diagnostics diag(GetParam());
  auto state = read_cluster_state_cib(xml.str(), diag);
  ASSERT_TRUE(state) << (diag.errors().empty() ? "" : diag.errors().front().to_string());
  const pl::Schedule schedule = pl::schedule(*state);
  EXPECT_EQ(placement_json(schedule), expected["placement"]);

  nlohmann::json promoted = nlohmann::json::object();
  for (const auto& [clone, nodes] : expected["promoted"].items()) promoted[clone] = nlohmann::json::array();
  for (const pl::Assignment& a : schedule.assignments) {
    if (a.role == pl::Role::promoted) promoted[a.clone].push_back(a.node);
  }
  EXPECT_EQ(promoted, expected["promoted"]);

  for (const auto& [rsc, per_node] : expected["scores"].items()) {
    auto it = std::find_if(schedule.scores.rbegin(), schedule.scores.rend(), [&](const pl::ResourceScores& s) { return s.rsc == rsc; });
    ASSERT_NE(it, schedule.scores.rend()) << "no scores for " << rsc;
    nlohmann::json ours = nlohmann::json::object();
    for (const pl::NodeScore& ns : it->scores) ours[ns.node] = pl::format_score(ns.score);
    EXPECT_EQ(ours, per_node) << "allocation scores of " << rsc;
  }
}

INSTANTIATE_TEST_SUITE_P(Pacemaker, GoldenPlacement, ::testing::ValuesIn(golden_cases()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace halab
