#include "sim/cli/report.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

Summary with_membership() {
  Summary s;
  MembershipFigures f;
  f.crashes = 1;
  f.detected = 1;
  f.max_detection_s = 2.5;
  f.false_deaths = 3;
  s.membership["gossip"] = f;
  return s;
}

TEST(SuiteReport, AMembershipOnlyRowSaysNotApplicableAndShowsTheMembership) {
  const std::string text = format_suite_report({SuiteRow{"dir/ml.json", 1, "", with_membership().to_json(), 1, {}, {}, {}}});
  EXPECT_NE(text.find("ml.json"), std::string::npos) << text;
  EXPECT_NE(text.find("n/a"), std::string::npos) << text;
  EXPECT_NE(text.find("    membership gossip: 1 crash, 1 detected (slowest: declared dead after 2.500 s, never by all); "
                      "3 live members declared dead; 0 still held dead at the end\n"),
            std::string::npos)
      << text;
}

TEST(SuiteReport, ARunWithAServiceAndAMembershipShowsBoth) {
  Summary s = with_membership();
  s.services["vip"].failovers = 2;
  const std::string text = format_suite_report({SuiteRow{"mixed.json", 1, "", s.to_json(), 0, {}, {}, {}}});
  EXPECT_NE(text.find("mixed.json                                     n/a         0      0       0      0.000       0.000  0 met\n"), std::string::npos) << text;  // the service's columns (availability: no requests)
  EXPECT_NE(text.find("    membership gossip: 1 crash"), std::string::npos) << text;
}

TEST(RunReport, TheMembershipLineIsTheSuitesText) {
  const std::string text = format_run_report(with_membership(), 0, {});
  EXPECT_NE(text.find("  membership    gossip: 1 crash, 1 detected (slowest: declared dead after 2.500 s, never by all); "),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace halab
