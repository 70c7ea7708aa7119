// The per-member tally of SWIM views: episodes from the first suspicion to the last
// member that held a member suspect or dead, and crashed views no longer counted.
#include "sim/cluster/swim_tally.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace halab {
namespace {

struct Emitted {
  double t;
  std::string type;
  TraceEvent fields;
};

class SwimTallyTest : public ::testing::Test {
protected:
  static constexpr std::uint32_t kMembers = 4;
  SwimTallyTest() : tally_({"m0", "m1", "m2", "m3"}, [this](double t, std::string_view type, TraceEvent f) {
                      events_.push_back({t, std::string(type), std::move(f)});
                    }) {
    for (std::uint32_t m = 0; m < kMembers; ++m) {
      views_.push_back(std::make_unique<SwimMember>(SwimConfig{}, m, kMembers, Instant(), rng_));
      const SwimMember* view = views_.back().get();
      tally_.started(m, [view](std::uint32_t node) { return view->status(node); });
    }
  }
  void change(double t, std::size_t observer, std::uint32_t node, SwimStatus before, SwimStatus after) {
    tally_.changed(t, observer, {node, after, 0, before});
  }
  // `observer`'s own view takes a dead message about `node`, and its change is tallied.
  void hear_dead(double t, std::size_t observer, std::uint32_t node) {
    SwimPacket p;
    p.updates[0] = {SwimUpdate::Kind::dead, node, 0, static_cast<std::uint32_t>((observer + 1) % kMembers)};
    p.updates_count = 1;
    SwimOutput out;
    views_[observer]->receive(Instant::at_seconds(t), static_cast<std::uint32_t>((observer + 1) % kMembers), p, rng_, out);
    ASSERT_EQ(out.changes.size(), 1u);
    tally_.changed(t, observer, out.changes[0]);
  }
  std::vector<std::string> types() const {
    std::vector<std::string> out;
    for (const auto& e : events_) out.push_back(e.type);
    return out;
  }

  Rng rng_{1};
  std::vector<std::unique_ptr<SwimMember>> views_;
  std::vector<Emitted> events_;
  SwimTally tally_;
};

}  // namespace

TEST_F(SwimTallyTest, AnEpisodeFromFirstSuspicionToDeadEverywhere) {
  change(1, 0, 3, SwimStatus::alive, SwimStatus::suspect);
  change(2, 1, 3, SwimStatus::alive, SwimStatus::suspect);
  change(5, 0, 3, SwimStatus::suspect, SwimStatus::dead);
  change(5.1, 1, 3, SwimStatus::suspect, SwimStatus::dead);
  EXPECT_EQ(tally_.suspected_by(3), 0u);
  EXPECT_EQ(tally_.dead_by(3), 2u);
  change(5.2, 2, 3, SwimStatus::alive, SwimStatus::dead);
  ASSERT_EQ(types(), (std::vector<std::string>{"member.suspect", "member.dead", "member.dead_everywhere"}));
  EXPECT_EQ(events_[0].fields["by"], "m0");
  EXPECT_EQ(events_[1].t, 5);
  EXPECT_EQ(events_[2].fields["members"], 3) << "m3 itself does not count";
}

TEST_F(SwimTallyTest, TheEpisodeEndsWhenNoViewHoldsItAnyMore) {
  change(1, 0, 2, SwimStatus::alive, SwimStatus::dead);
  change(2, 1, 2, SwimStatus::alive, SwimStatus::dead);
  change(3, 0, 2, SwimStatus::dead, SwimStatus::alive);
  change(4, 1, 2, SwimStatus::forgotten, SwimStatus::alive);  // forgotten counts as dead
  ASSERT_EQ(types(), (std::vector<std::string>{"member.dead", "member.alive"}));
  EXPECT_EQ(events_[1].fields["peak_dead"], 2);
  // A new episode reports again.
  change(9, 3, 2, SwimStatus::alive, SwimStatus::suspect);
  EXPECT_EQ(types().back(), "member.suspect");
}

TEST_F(SwimTallyTest, ACrashedViewCountsNoMore) {
  hear_dead(1, 0, 3);
  hear_dead(1, 1, 3);
  EXPECT_EQ(tally_.dead_by(3), 2u);
  // m2 has not heard yet; once it crashes, the two others are all there are to convince.
  tally_.crashed(2, 2);
  ASSERT_EQ(types(), (std::vector<std::string>{"member.dead", "member.dead_everywhere"}));
  EXPECT_EQ(events_.back().fields["members"], 2);
  // m0's view goes with it.
  tally_.crashed(3, 0);
  EXPECT_EQ(tally_.dead_by(3), 1u);
  tally_.crashed(4, 1);
  EXPECT_EQ(tally_.dead_by(3), 0u);
  EXPECT_EQ(types().back(), "member.alive") << "no running member holds it dead";
}

TEST_F(SwimTallyTest, AMemberWithoutAViewCountsNothingWhenItCrashes) {
  hear_dead(1, 0, 3);
  tally_.crashed(2, 7);  // beyond the tallied members: a registry's server
  tally_.crashed(3, 3);
  tally_.crashed(4, 3);  // twice: the second finds no view
  EXPECT_EQ(tally_.dead_by(3), 1u);
  EXPECT_EQ(types(), (std::vector<std::string>{"member.dead"}));
}

}  // namespace halab
