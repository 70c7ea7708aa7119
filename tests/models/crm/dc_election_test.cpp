#include "models/crm/dc_election.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(DcElection, TheLongestRunningControllerWins) {
  std::vector<DcCandidate> nodes{{"n1", 30}, {"n2", 0}, {"n3", 0.5}};
  EXPECT_EQ(elect_dc(nodes, {true, true, true}), 1u);
  EXPECT_EQ(elect_dc(nodes, {true, false, true}), 2u);  // only the view's members count
}

TEST(DcElection, EqualUptimesGoToTheLowestNameWithoutCase) {
  std::vector<DcCandidate> nodes{{"node-b", 0}, {"Node-A", 0}, {"node-c", 0}};
  EXPECT_EQ(elect_dc(nodes, {true, true, true}), 1u);
}

TEST(DcElection, NobodyInTheViewElectsNobody) {
  std::vector<DcCandidate> nodes{{"n1", 0}, {"n2", 0}};
  EXPECT_FALSE(elect_dc(nodes, {false, false}));
  EXPECT_THROW(elect_dc(nodes, {true}), std::invalid_argument);
}

} // namespace halab
