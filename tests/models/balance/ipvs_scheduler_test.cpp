#include "models/balance/ipvs_scheduler.hpp"

#include <gtest/gtest.h>

#include <string>

namespace halab {
namespace {
std::string sequence(IpvsScheduler& s, int n, const std::string& names) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    auto server = s.schedule(0);
    out += server ? names[*server] : '-';
  }
  return out;
}
}  // namespace

TEST(IpvsScheduler, WeightedRoundRobinGivesTheLvsDocumentationSequence) {
  // "real servers A, B and C have the weights 4, 3, 2 ... the scheduling sequence will be
  // AABABCABC" (LVS documentation, Weighted Round-Robin Scheduling). Added C, B, A so that
  // the list reads A, B, C.
  IpvsScheduler s(IpvsMethod::wrr, {2, 3, 4});
  EXPECT_EQ(sequence(s, 18, "CBA"), "AABABCABCAABABCABC");
}

TEST(IpvsScheduler, RoundRobinFollowsTheListNewestFirst) {
  IpvsScheduler s(IpvsMethod::rr, {1, 1, 1});
  EXPECT_EQ(sequence(s, 6, "abc"), "cbacba");
}

TEST(IpvsScheduler, RoundRobinSkipsARemovedServerAndTakesItBackAtTheHead) {
  IpvsScheduler s(IpvsMethod::rr, {1, 1, 1});
  EXPECT_EQ(sequence(s, 2, "abc"), "cb");
  s.remove(1);  // the mark steps back to c
  EXPECT_EQ(sequence(s, 4, "abc"), "acac");
  s.add(1);  // listed first again: b, c, a
  EXPECT_EQ(sequence(s, 3, "abc"), "abc");
  s.remove(0);
  s.remove(1);
  s.remove(2);
  EXPECT_FALSE(s.schedule(0));
}

TEST(IpvsScheduler, WeightedRoundRobinRestartsAtTheHeadWhenTheListChanges) {
  IpvsScheduler s(IpvsMethod::wrr, {1, 1});
  EXPECT_EQ(sequence(s, 3, "ab"), "bab");
  s.remove(0);
  EXPECT_EQ(sequence(s, 2, "ab"), "bb");
}

TEST(IpvsScheduler, SourceHashingKeepsAClientOnOneServerUntilTheListChanges) {
  IpvsScheduler s(IpvsMethod::sh, {1, 1, 1});
  std::vector<std::optional<std::size_t>> before;
  for (std::uint32_t client = 0; client < 64; ++client) {
    before.push_back(s.schedule(0x0A000000 + client));
    EXPECT_EQ(s.schedule(0x0A000000 + client), before.back());  // sticky
  }
  // 256 buckets dealt one by one over c, b, a: every server gets some clients
  for (std::size_t server = 0; server < 3; ++server)
    EXPECT_NE(std::find(before.begin(), before.end(), std::optional<std::size_t>(server)), before.end());
  s.remove(2);  // the table is dealt again over b, a: clients move, none to the removed one
  for (std::uint32_t client = 0; client < 64; ++client) EXPECT_NE(s.schedule(0x0A000000 + client), std::optional<std::size_t>(2));
}

}  // namespace halab
