// What the members of a membership-only service believe about each other (memberlist's
// SWIM views, or a registry's clients' views of the group's ephemeral nodes), tallied per member
// (the subject) rather than per pair, so that the trace grows with what happens, not with
// members²: a member's "episode" begins when some running member first suspects it or
// declares it dead, and ends when no running member holds it suspect or dead any more.
// Per episode, the trace gets (docs/trace-schema.md):
//   member.suspect          the first running member to suspect it (`by`);
//   member.dead             the first to declare it dead (`by`);
//   member.dead_everywhere  every other running member holds it dead (`members`: how many);
//   member.alive            the episode is over (`peak_dead`: the most members that held it
//                           dead at once during the episode).
// A crashed member's view goes with it: what it held counts no more.
#pragma once

#include "models/membership/swim_member.hpp"
#include "sim/trace/trace.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace halab {

class SwimTally {
public:
  // `emit(t, type, fields)` writes a trace event of the service; `names[m]` is member m's host.
  using Emit = std::function<void(double, std::string_view, TraceEvent)>;
  SwimTally(std::vector<std::string> names, Emit emit);

  // What a member's process holds of member `node`: as its view says, read when it crashes.
  using View = std::function<SwimStatus(std::uint32_t node)>;
  // Member `m`'s process has a view now, `view` (what it holds at this moment counted already:
  // everyone alive, as a new process starts).
  void started(std::size_t m, View view);
  // It crashed: what its view held counts no more. (Members beyond the tallied ones — a
  // registry's servers — have no view.)
  void crashed(double t, std::size_t m);
  // Member `observer`'s view of `change.node` changed.
  void changed(double t, std::size_t observer, const SwimChange& change);

  std::uint32_t suspected_by(std::size_t node) const { return subjects_[node].suspect_by; }
  std::uint32_t dead_by(std::size_t node) const { return subjects_[node].dead_by; }

private:
  struct Subject {
    std::uint32_t suspect_by = 0;  // running members holding it suspect
    std::uint32_t dead_by = 0;     // … dead (or forgotten)
    std::uint32_t peak_dead = 0;   // the most dead_by of the episode
    bool in_episode = false;
    bool dead_reported = false;
    bool everywhere_reported = false;
  };
  static bool held_dead(SwimStatus s) { return s == SwimStatus::dead || s == SwimStatus::forgotten; }
  void count(double t, std::size_t observer, std::size_t node, SwimStatus before, SwimStatus after);
  void check_everywhere(double t, std::size_t node);

  std::vector<std::string> names_;
  Emit emit_;
  std::vector<View> views_;  // per member: its running process's view, or none
  std::uint32_t running_ = 0;
  std::vector<Subject> subjects_;
};

}  // namespace halab
