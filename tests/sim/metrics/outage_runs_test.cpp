#include "sim/metrics/outage_runs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace halab {
namespace {

struct Learnt {
  double sent;
  double done;
  bool ok;
  bool degraded = false;
};

OutageFigures runs_of(std::vector<Learnt> outcomes, double end_s, double reorder_s, double from_s = 0) {
  OutageRuns runs(from_s, reorder_s);
  for (const Learnt& o : outcomes) runs.outcome(o.sent, o.done, o.ok, o.degraded);
  return runs.finish(end_s);
}

// Requests every second with a 2 s timeout, in the order clients learn their outcomes: those
// sent at 10 and 11 s time out (learnt at 12 and 13 s), the second after the answer to the
// request sent at 12 s.
const std::vector<Learnt> kTimeoutsLearntLate = {
    {9, 9.1, true},   {10, 12, false}, {12, 12.1, true}, {11, 13, false},
    {13, 13.1, true}, {14, 14.2, true, true}, {15, 15.1, true, true}, {16, 16.1, true},
};

}  // namespace

TEST(OutageRuns, ARunIsFromItsFirstFailedSendToTheNextSuccessfulSend) {
  const OutageFigures f = runs_of(kTimeoutsLearntLate, 20, 3);
  EXPECT_EQ(f.outages, 1u);
  EXPECT_DOUBLE_EQ(f.down_s, 2.0);  // sent 10 .. sent 12
  EXPECT_DOUBLE_EQ(f.max_outage_s, 2.0);
  EXPECT_DOUBLE_EQ(f.degraded_s, 2.0);  // sent 14 .. sent 16
}

TEST(OutageRuns, CountingAsOutcomesComeGivesWhatHoldingThemAllGives) {
  const OutageFigures held = runs_of(kTimeoutsLearntLate, 20, std::numeric_limits<double>::infinity());
  const OutageFigures counted = runs_of(kTimeoutsLearntLate, 20, 2 + 1);
  EXPECT_EQ(counted.outages, held.outages);
  EXPECT_EQ(counted.down_s, held.down_s);
  EXPECT_EQ(counted.degraded_s, held.degraded_s);
}

TEST(OutageRuns, HoldsOnlyAboutAReorderWindowOfOutcomes) {
  // A request a second, every seventh timing out (learnt 2 s after its send).
  std::vector<Learnt> learnt;
  for (int i = 0; i < 100000; ++i) learnt.push_back({double(i), i + (i % 7 == 0 ? 2.0 : 0.1), i % 7 != 0});
  std::stable_sort(learnt.begin(), learnt.end(), [](const Learnt& a, const Learnt& b) { return a.done < b.done; });
  OutageRuns runs(0, 3);
  for (const Learnt& o : learnt) runs.outcome(o.sent, o.done, o.ok, o.degraded);
  EXPECT_LE(runs.waiting(), 5u);
  const OutageFigures f = runs.finish(100000);
  EXPECT_EQ(f.outages, 14286u);  // every seventh request fails, one second each
  EXPECT_DOUBLE_EQ(f.down_s, 14286.0);
}

TEST(OutageRuns, ARunStillGoingAtTheEndLastsUntilIt) {
  const OutageFigures f = runs_of({{1, 1.1, true}, {2, 4, false}, {3, 5, false}}, 6, 3);
  EXPECT_EQ(f.outages, 1u);
  EXPECT_DOUBLE_EQ(f.down_s, 4.0);
}

TEST(OutageRuns, RequestsSentBeforeTheStartCountInNoRun) {
  const OutageFigures f = runs_of({{2, 2.1, true}, {1, 3, false}, {6, 6.1, true}, {5, 7, false}}, 10, 3, 4);
  EXPECT_EQ(f.outages, 1u);
  EXPECT_DOUBLE_EQ(f.down_s, 1.0);
}

TEST(OutageRuns, AnOutageIsPlannedWhenTheLatestFaultEventByItsFirstFailureIsPlanned) {
  OutageRuns runs(0, 3);
  runs.fault(5, 0, true);    // a maintenance window's stop
  runs.outcome(5, 5.1, true, false);
  runs.outcome(6, 8, false, false);   // learnt at 8 s: the window's stop the latest fault event
  runs.outcome(9, 9.1, true, false);
  runs.fault(20, 1, false);  // a crash
  runs.outcome(20, 22, false, false);
  runs.outcome(23, 23.1, true, false);
  const OutageFigures f = runs.finish(30);
  EXPECT_EQ(f.outages, 2u);
  EXPECT_EQ(f.planned_outages, 1u);
  EXPECT_DOUBLE_EQ(f.planned_down_s, 3.0);
  EXPECT_DOUBLE_EQ(f.down_s, 6.0);
}

}  // namespace halab
