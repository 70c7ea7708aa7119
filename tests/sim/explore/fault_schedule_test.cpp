// Drawn schedules are scenario faults the loader accepts, within the window, of the kinds
// asked for, and a pure function of the stream.
#include "sim/explore/fault_schedule.hpp"

#include "sim/scenario/loader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

namespace halab {
namespace {

nlohmann::json example(const std::string& name) {
  std::ifstream in(std::string(HALAB_EXAMPLES_DIR) + "/explore/" + name);
  return nlohmann::json::parse(in);
}

TEST(FaultSchedule, DrawsLoadableFaultsWithinTheWindow) {
  const auto doc = example("three-nodes-quorum-fencing.json");
  const auto loaded = load_scenario_json(doc, "three");
  ASSERT_TRUE(loaded.scenario);
  const ExploreTargets targets = ExploreTargets::of(*loaded.scenario);
  EXPECT_EQ(fmt::format("{}", fmt::join(targets.processes, " ")), "n1 n2 n3");
  EXPECT_EQ(targets.kinds().size(), 8u);  // a fence device: its failures too
  std::size_t faults = 0, refused = 0;
  for (int run = 0; run < 200; ++run) {
    Rng rng = Rng::stream(7, "explore:" + std::to_string(run));
    const FaultSchedule s = random_schedule(rng, targets);
    ASSERT_FALSE(s.knobs.kinds.empty());
    EXPECT_LE(s.faults.size(), static_cast<std::size_t>(s.knobs.faults));
    auto with = doc;
    with["faults"] = s.faults;
    refused += load_scenario_json(with, "drawn").scenario ? 0 : 1;
    for (const auto& f : s.faults) {
      const double at = std::stod(f["at"].get<std::string>());
      EXPECT_GE(at, s.knobs.early ? 1.0 - 1e-9 : targets.from_s);
      EXPECT_LE(at, targets.until_s);
      if (f.contains("until")) {
        EXPECT_LE(std::stod(f["until"].get<std::string>()), targets.last_end_s + 1e-3);
      }
    }
    faults += s.faults.size();
  }
  EXPECT_EQ(refused, 0u);
  EXPECT_GT(faults, 300u);
}

TEST(FaultSchedule, KeepsToTheKindsAskedForAndRepeats) {
  const auto loaded = load_scenario_json(example("pair-no-fencing.json"), "pair");
  ASSERT_TRUE(loaded.scenario);
  const ExploreTargets targets = ExploreTargets::of(*loaded.scenario);
  EXPECT_EQ(targets.kinds().size(), 7u);  // no fence device
  const std::vector<std::string> partitions{"partition"};
  for (int run = 0; run < 50; ++run) {
    Rng a = Rng::stream(3, "explore:" + std::to_string(run)), b = Rng::stream(3, "explore:" + std::to_string(run));
    const auto s = random_schedule(a, targets, partitions);
    EXPECT_EQ(s.faults, random_schedule(b, targets, partitions).faults);
    for (const auto& f : s.faults) {
      EXPECT_EQ(f["kind"].get<std::string>(), "partition");
      EXPECT_FALSE(f.contains("one_way"));
    }
  }
}

}  // namespace
}  // namespace halab
