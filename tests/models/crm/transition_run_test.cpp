#include "models/crm/transition_run.hpp"

#include <gtest/gtest.h>

namespace halab::crm {

placement::Transition chain() {
  placement::Transition t;
  t.actions = {{"stop", "A", "n1", false}, {"start", "A", "n2", false}, {"start", "B", "n2", false}, {"start", "C", "n3", false}};
  t.edges = {{0, 1}, {1, 2}};
  return t;
}

TEST(TransitionRun, DispatchesWhenInputsComplete) {
  TransitionRun run(chain());
  EXPECT_EQ(run.ready(), (std::vector<int>{0, 3}));  // stop A and the unordered start C
  EXPECT_TRUE(run.ready().empty());
  run.completed(0, true);
  EXPECT_EQ(run.ready(), (std::vector<int>{1}));
  run.completed(1, true);
  run.completed(3, true);
  EXPECT_EQ(run.ready(), (std::vector<int>{2}));
  EXPECT_FALSE(run.finished());
  run.completed(2, true);
  EXPECT_TRUE(run.finished());
  EXPECT_FALSE(run.aborted());
}

TEST(TransitionRun, FailureAbortsButInFlightFinishes) {
  TransitionRun run(chain());
  run.ready();
  run.completed(0, false);  // the stop failed
  EXPECT_TRUE(run.aborted());
  EXPECT_TRUE(run.ready().empty());
  EXPECT_FALSE(run.finished());  // start C is still running
  run.completed(3, true);
  EXPECT_TRUE(run.finished());
}

}  // namespace halab::crm
