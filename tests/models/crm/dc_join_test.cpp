#include "models/crm/dc_join.hpp"

#include <gtest/gtest.h>

namespace halab::crm {
namespace {

Instant at(double s) { return Instant::at_seconds(s); }
DcJoin::Answer runs(const std::string& rsc, const std::string& node) {
  return {placement::ActiveResource{rsc, node, placement::Role::started, false}};
}
using Names = std::vector<std::string>;

}  // namespace

TEST(DcJoin, TheDcAnswersAtOnceAndAsksTheOthers) {
  DcJoin join(Duration::seconds(1));
  EXPECT_EQ(join.set_view(at(0), {"n1", "n2", "n3"}, "n1", {}), (Names{"n2", "n3"}));
  EXPECT_FALSE(join.complete());
  EXPECT_EQ(join.next_timer(), at(1));
  join.answered("n2", {});
  join.answered("n3", runs("ip", "n3"));
  EXPECT_TRUE(join.complete());
  EXPECT_FALSE(join.next_timer());  // nobody left to ask
}

TEST(DcJoin, UnansweredMembersAreAskedAgainEveryRetry) {
  DcJoin join(Duration::seconds(2));
  join.set_view(at(0), {"n1", "n2", "n3"}, "n1", {});
  EXPECT_TRUE(join.on_timer(at(1.5)).empty());  // not yet
  join.answered("n3", {});
  EXPECT_EQ(join.on_timer(at(2)), (Names{"n2"}));
  EXPECT_EQ(join.next_timer(), at(4));
}

TEST(DcJoin, EachJoinedMemberIsProbedOnce) {
  DcJoin join(Duration::seconds(1));
  join.set_view(at(0), {"n1", "n2"}, "n1", runs("ip", "n1"));
  join.answered("n2", {});
  auto probes = join.take_probes();
  ASSERT_EQ(probes.size(), 2u);
  EXPECT_EQ(probes[0].first, "n1");
  EXPECT_EQ(probes[0].second.size(), 1u);
  EXPECT_TRUE(join.take_probes().empty());
  EXPECT_TRUE(join.probed("n2"));
}

TEST(DcJoin, AStatusBeforeTheProbeReplacesTheAnswer) {
  DcJoin join(Duration::seconds(1));
  join.set_view(at(0), {"n1", "n2"}, "n1", {});
  join.answered("n2", {});
  join.update_unprobed("n2", runs("ip", "n2"));
  auto probes = join.take_probes();
  EXPECT_EQ(probes[1].second.size(), 1u);
  join.update_unprobed("n2", {});  // probed: the scheduler hears it instead
  EXPECT_TRUE(join.probed("n2"));
}

TEST(DcJoin, AMemberThatLeftOrRestartedJoinsAgain) {
  DcJoin join(Duration::seconds(1));
  join.set_view(at(0), {"n1", "n2", "n3"}, "n1", {});
  join.answered("n2", {});
  join.answered("n3", {});
  join.take_probes();
  // n3 leaves the view and comes back: asked again, probed again
  join.set_view(at(5), {"n1", "n2"}, "n1", {});
  EXPECT_FALSE(join.probed("n3"));
  EXPECT_EQ(join.set_view(at(6), {"n1", "n2", "n3"}, "n1", {}), (Names{"n3"}));
  // n2's controller restarted unnoticed
  EXPECT_TRUE(join.forget("n2"));
  EXPECT_FALSE(join.forget("n2"));
  EXPECT_FALSE(join.joined("n2"));
  EXPECT_FALSE(join.complete());
}

}  // namespace halab::crm
