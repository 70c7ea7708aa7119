#include "models/crm/failure_response.hpp"

#include <gtest/gtest.h>

namespace halab::crm {

// OCF return codes: 1 and 9 soft, 2-5 hard, 6 fatal; unexpected 0/7/8 soft.
TEST(FailureResponse, ClassifiesOcfReturnCodes) {
  EXPECT_EQ(classify(kOcfErrGeneric), FailureType::soft);
  EXPECT_EQ(classify(kOcfNotRunning), FailureType::soft);
  EXPECT_EQ(classify(kOcfFailedPromoted), FailureType::soft);
  EXPECT_EQ(classify(kOcfErrArgs), FailureType::hard);
  EXPECT_EQ(classify(kOcfErrInstalled), FailureType::hard);
  EXPECT_EQ(classify(kOcfErrConfigured), FailureType::fatal);
}

TEST(FailureResponse, ExpectedResultIsNoFailure) {
  EXPECT_FALSE(respond({"monitor", kOcfNotRunning, kOcfNotRunning}, std::nullopt, true));  // a probe
  EXPECT_FALSE(respond({"start", kOcfSuccess, kOcfSuccess}, std::nullopt, true));
}

// A failed monitor restarts the resource in place and counts one failure.
TEST(FailureResponse, MonitorFailureRestartsAndCounts) {
  auto r = respond({"monitor", kOcfNotRunning, kOcfSuccess}, std::nullopt, true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->action, OnFail::restart);
  EXPECT_EQ(r->failcount_increment, 1);
  EXPECT_FALSE(r->ban_node);
}

// start-failure-is-fatal (default true): the fail count becomes INFINITY.
TEST(FailureResponse, StartFailureIsFatalByDefault) {
  EXPECT_EQ(respond({"start", kOcfErrGeneric, kOcfSuccess}, std::nullopt, true)->failcount_increment, placement::kInfinity);
  EXPECT_EQ(respond({"start", kOcfErrGeneric, kOcfSuccess}, std::nullopt, true, false)->failcount_increment, 1);
}

// A failed stop escalates to fencing when stonith is enabled, else blocks the resource.
TEST(FailureResponse, FailedStopEscalatesToFencing) {
  EXPECT_EQ(respond({"stop", kOcfErrGeneric, kOcfSuccess}, std::nullopt, true)->action, OnFail::fence);
  EXPECT_EQ(respond({"stop", kOcfErrGeneric, kOcfSuccess}, std::nullopt, false)->action, OnFail::block);
  EXPECT_EQ(respond({"stop", kOcfErrGeneric, kOcfSuccess}, OnFail::restart, true)->action, OnFail::fence);
}

TEST(FailureResponse, HardAndFatalErrors) {
  auto hard = respond({"start", kOcfErrInstalled, kOcfSuccess}, std::nullopt, true);
  EXPECT_TRUE(hard->ban_node);
  auto fatal = respond({"monitor", kOcfErrConfigured, kOcfSuccess}, std::nullopt, true);
  EXPECT_TRUE(fatal->ban_everywhere);
}

TEST(FailureResponse, ConfiguredOnFailWins) {
  EXPECT_EQ(respond({"monitor", 1, 0}, OnFail::standby, true)->action, OnFail::standby);
  EXPECT_EQ(respond({"monitor", 1, 0}, OnFail::fence, false)->action, OnFail::block);  // no fencing to do it with
  EXPECT_EQ(parse_on_fail("ban"), std::nullopt);
  EXPECT_EQ(parse_on_fail("demote"), OnFail::demote);
}

// The scheduler reruns at the recheck interval, or when the first failure expires.
TEST(FailureResponse, RecheckAtIntervalOrFailureExpiry) {
  const Instant t0 = Instant::at_seconds(100);
  EXPECT_EQ(next_recheck(t0, Duration::seconds(900), std::nullopt, Duration::seconds(60)), Instant::at_seconds(1000));
  EXPECT_EQ(next_recheck(t0, Duration::seconds(900), Instant::at_seconds(90), Duration::seconds(60)), Instant::at_seconds(150));
  EXPECT_EQ(next_recheck(t0, Duration::seconds(900), Instant::at_seconds(90), Duration()), Instant::at_seconds(1000));
}

}  // namespace halab::crm
