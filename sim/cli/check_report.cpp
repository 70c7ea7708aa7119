#include "sim/cli/check_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <map>

namespace halab {
namespace {

bool held(const CheckedRun& r) {
  return r.error.empty() && std::all_of(r.verdicts.begin(), r.verdicts.end(), [](const Verdict& v) { return v.unmet.empty(); });
}

std::string base_name(const std::string& file) { return file.substr(file.find_last_of('/') + 1); }

}  // namespace

std::string check_text(const std::vector<CheckedRun>& runs) {
  std::string out;
  std::size_t passed = 0, failed = 0, errors = 0;
  for (const CheckedRun& r : runs) {
    if (!r.error.empty()) {
      ++errors;
      out += fmt::format("ERROR {}{}: {}\n", r.file, r.seed ? fmt::format(" seed {}", r.seed) : "", r.error);
      continue;
    }
    if (held(r)) {
      ++passed;
      out += fmt::format("ok    {} seed {}: {} expectation(s) held\n", r.file, r.seed, r.verdicts.size());
      continue;
    }
    ++failed;
    out += fmt::format("FAIL  {} seed {}\n", r.file, r.seed);
    for (const Verdict& v : r.verdicts)
      for (const std::string& u : v.unmet) {
        out += "      " + u + "\n";
        if (!v.evidence.empty()) out += "        evidence: " + v.evidence + "\n";
      }
  }
  return out + fmt::format("{} run(s): {} held, {} failed, {} error(s)\n", runs.size(), passed, failed, errors);
}

std::string check_json_lines(const std::vector<CheckedRun>& runs) {
  std::string out;
  for (const CheckedRun& r : runs) {
    nlohmann::ordered_json j{{"file", r.file}, {"seed", r.seed},
                             {"status", !r.error.empty() ? "error" : held(r) ? "passed" : "failed"}};
    if (!r.error.empty()) j["error"] = r.error, j["load_errors"] = r.load_errors;
    j["expectations"] = nlohmann::ordered_json::array();
    for (const Verdict& v : r.verdicts)
      j["expectations"].push_back({{"key", v.key}, {"expected", nlohmann::json::parse(v.expected)}, {"held", v.unmet.empty()},
                                   {"unmet", v.unmet}, {"evidence", v.evidence}});
    out += j.dump() + "\n";
  }
  return out;
}

bool write_junit(const std::vector<CheckedRun>& runs, const std::string& path) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node all = doc.append_child("testsuites");
  all.append_attribute("name") = "halab check";
  std::map<std::string, pugi::xml_node> suites;  // by file, in the order met
  std::size_t tests = 0, failures = 0, errors = 0;
  for (const CheckedRun& r : runs) {
    pugi::xml_node suite = suites[r.file];
    if (!suite) {
      suite = suites[r.file] = all.append_child("testsuite");
      suite.append_attribute("name") = r.file.c_str();
      suite.append_attribute("tests") = 0;
      suite.append_attribute("failures") = 0;
      suite.append_attribute("errors") = 0;
    }
    const auto count = [&suite](const char* attribute) {
      suite.attribute(attribute).set_value(suite.attribute(attribute).as_ullong() + 1);
    };
    const std::string at = r.seed ? fmt::format(" @ seed {}", r.seed) : "";
    if (!r.error.empty() || r.verdicts.empty()) {
      pugi::xml_node test = suite.append_child("testcase");
      test.append_attribute("classname") = base_name(r.file).c_str();
      test.append_attribute("name") = (std::string(r.error.empty() ? "runs" : "loads and runs") + at).c_str();
      count("tests"), ++tests;
      if (!r.error.empty()) {
        pugi::xml_node e = test.append_child("error");
        e.append_attribute("message") =
            (r.load_errors.empty() ? r.error : fmt::format("invalid scenario: {} error(s)", r.load_errors.size())).c_str();
        std::string body;
        for (const std::string& l : r.load_errors) body += l + "\n";
        e.text() = body.c_str();
        count("errors"), ++errors;
      }
      continue;
    }
    for (const Verdict& v : r.verdicts) {
      pugi::xml_node test = suite.append_child("testcase");
      test.append_attribute("classname") = base_name(r.file).c_str();
      test.append_attribute("name") = (v.key + " " + v.expected + at).c_str();
      count("tests"), ++tests;
      if (v.unmet.empty()) continue;
      pugi::xml_node f = test.append_child("failure");
      f.append_attribute("message") = fmt::format("{}", fmt::join(v.unmet, "; ")).c_str();
      f.append_attribute("type") = "expectation";
      f.text() = ("evidence: " + (v.evidence.empty() ? std::string("the summary's figure above") : v.evidence)).c_str();
      count("failures"), ++failures;
    }
  }
  all.append_attribute("tests") = tests;
  all.append_attribute("failures") = failures;
  all.append_attribute("errors") = errors;
  return doc.save_file(path.c_str(), "  ");
}

}  // namespace halab
