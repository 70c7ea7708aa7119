// Every importer on byte-mutated copies of the realistic samples (bytes deleted, copied,
// or replaced by braces, quotes, NULs, vertical tabs, huge numbers): each ends in a
// scenario the loader accepts, or in errors that name the file and line — never a throw,
// a hang or a scenario the loader refuses.
#include "sim/import/importer.hpp"

#include "sim/scenario/loader.hpp"

#include "models/rng.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace halab {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string mutate(std::string text, Rng& rng) {
  static const std::vector<std::string> inserts{"{", "}", ";", "\"", "\n", "#", std::string(1, '\0'), "\v",
                                                "99999999999999999999", "-1", "weight=", " ", "0", "<", ">", "'", "255", "\xC9", "\x92"};
  const auto pick = [&](std::size_t n) { return std::min(n - 1, static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n))); };
  for (std::size_t edits = 1 + pick(8); edits > 0 && !text.empty(); --edits) {
    const std::size_t at = pick(text.size());
    const double op = rng.uniform01();
    if (op < 0.3) text.erase(at, 1 + pick(20));
    else if (op < 0.6) text.insert(at, inserts[pick(inserts.size())]);
    else text.insert(at, text.substr(pick(text.size()), 1 + pick(40)));
  }
  return text;
}

TEST(Importers, MutatedSamplesEndInAScenarioOrInErrorsWithFileAndLine) {
  const std::string dir = std::string(HALAB_IMPORT_SAMPLES);
  const std::vector<std::pair<std::string, std::vector<std::string>>> samples{
      {"keepalived", {"keepalived/lb1.conf", "keepalived/lb2.conf"}},
      {"sentinel", {"sentinel/sentinel.conf"}},
      {"nginx", {"nginx/nginx.conf"}},
      {"cib", {"cib/web-cluster.xml"}}};
  const auto tmp = std::filesystem::temp_directory_path() / ("halab-import-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(tmp);
  Rng rng(11);
  std::map<std::string, int> imported;
  for (const auto& [kind, files] : samples) {
    for (int round = 0; round < 120; ++round) {
      std::vector<std::string> paths;
      for (const auto& f : files) {
        paths.push_back((tmp / std::filesystem::path(f).filename()).string());
        std::ofstream(paths.back(), std::ios::binary) << mutate(read(dir + "/" + f), rng);
      }
      ImportResult result;
      ASSERT_NO_THROW(result = import_config(kind, paths)) << kind << " round " << round;
      for (const auto& e : result.errors) EXPECT_EQ(e.rfind(tmp.string(), 0), 0u) << kind << ": " << e;
      if (!result.errors.empty()) continue;
      const auto loaded = load_scenario_json(nlohmann::json::parse(result.scenario.dump()), "imported");
      EXPECT_TRUE(loaded.scenario) << kind << " round " << round << ": " << (loaded.errors.empty() ? "" : loaded.errors.front().to_string());
      ++imported[kind];
    }
  }
  std::filesystem::remove_all(tmp);
  // Most mutations are errors; some must still import (else the test tests only refusals).
  int total = 0;
  for (const auto& [kind, n] : imported) total += n;
  EXPECT_GT(total, 20);
}

}  // namespace
}  // namespace halab
