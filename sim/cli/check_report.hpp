// `halab check`'s verdicts as a terminal report, JSON lines and JUnit XML (the schema
// Jenkins, GitLab and GitHub's test reporters read: testsuites > testsuite (a scenario
// file) > testcase (an expectation at a seed) > failure or error).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace halab {

struct Verdict {
  std::string key;                 // the expect key ("split_brain_s", "tiers", …)
  std::string expected;            // its value in the scenario, as JSON
  std::vector<std::string> unmet;  // empty: it held
  std::string evidence;            // for an unmet one: what the run did that it counts
};

struct CheckedRun {
  std::string file;
  std::uint64_t seed = 0;
  std::string error;                     // the run did not happen (bad input, a failed process)
  std::vector<std::string> load_errors;  // bad input: every error, with its pointer
  std::vector<Verdict> verdicts;
};

std::string check_text(const std::vector<CheckedRun>& runs);
std::string check_json_lines(const std::vector<CheckedRun>& runs);
bool write_junit(const std::vector<CheckedRun>& runs, const std::string& path);

}  // namespace halab
