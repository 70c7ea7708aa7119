// A SWIM group (models/membership/swim_member) on a bare event loop, as the baseline and
// scale measure of the membership itself: every packet takes the same fixed latency, no
// loss; one member crashes, a rack of members is cut from the rest for a while. No SimGrid,
// no trace: what the lab's run adds on top of this is the cost of its layers.
#pragma once

#include "models/membership/swim_member.hpp"

#include <cstdint>
#include <vector>

namespace halab {

struct SwimGroupRun {
  std::uint32_t members = 100;
  double simulated_s = 600;
  double latency_s = 0.0005;
  double crash_at_s = 120;        // the last member crashes
  std::uint32_t rack = 40;        // members 0 … rack − 1 (at most a quarter) are cut off …
  double cut_from_s = 300;        // … from the others during [cut_from, cut_to)
  double cut_to_s = 360;
  std::uint64_t seed = 1;
};

struct SwimGroupResult {
  std::uint64_t packets = 0;   // sent (the cut drops some)
  std::uint64_t changes = 0;   // changes of one member's view of another
  double crash_first_dead_s = -1;  // after the crash: the first member to declare it dead
  double crash_all_dead_s = -1;    // … and the last live member to
  // Live members declared dead: before the cut (false positives), and, from the cut on, by
  // a member on their own side of it (a dead message from the other side that crossed
  // once the cut healed: memberlist accepts a dead at the incarnation it holds).
  std::uint64_t live_dead_before_cut = 0;
  std::uint64_t live_dead_same_side = 0;
};

SwimGroupResult run_swim_group(const SwimGroupRun& run, const SwimConfig& config = {});

}  // namespace halab
