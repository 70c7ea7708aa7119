// What the members of each membership-only service (memberlist; zookeeper: the clients of
// a registry, not its servers) made of each other, from the member.* events
// (SwimTally's episodes) and the faults that crash and restart their hosts:
// - crashes: members' crashes (fault.crash); detected: those followed by a member.dead of
//   it before it came back (fault.restart or node.boot); max_detection_s: the slowest of
//   them, from the crash to the first declaration; max_convergence_s: from the crash to
//   member.dead_everywhere (null without one). A crash of a member some member already held
//   dead (a false death going on) starts no new episode and is not measured.
// - false_deaths: episodes in which a running member was declared dead (member.dead while
//   it was up): the price of a partition, a lossy link or a pause.
// - apart_at_end: running members some running member still held dead when the run ended
//   (views that never healed).
#pragma once

#include "sim/trace/trace.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace halab {

// A run.start service entry's manager keeps membership only: its members' member.* events
// are measured here (memberlist, zookeeper).
bool keeps_membership_only(std::string_view manager);

struct MembershipFigures {
  std::uint64_t crashes = 0;
  std::uint64_t detected = 0;
  std::optional<double> max_detection_s;
  std::optional<double> max_convergence_s;
  std::uint64_t false_deaths = 0;
  std::uint64_t apart_at_end = 0;
};

// The figures as the summary's JSON holds them (null for a maximum never reached), and back.
TraceEvent membership_json(const MembershipFigures& f);
MembershipFigures membership_figures(const TraceEvent& j);
// A service's figures in words ("NAME: 1 crash, 1 detected (slowest: …); …"), as the run
// report and the suite table print them.
std::string describe_membership(const std::string& service, const MembershipFigures& f);

class MembershipViews {
public:
  void observe(const TraceEvent& e);
  // Per memberlist service, by name (empty without one).
  std::map<std::string, MembershipFigures> finish() const;

private:
  struct Member {
    std::string service;
    bool up = true;
    std::optional<double> crashed_at;  // its crash, until declared dead (detection) …
    std::optional<double> converging;  // … and until dead everywhere (convergence)
    bool held_dead = false;            // between member.dead and member.alive
  };
  Member* member(const TraceEvent& e, const char* key);

  std::map<std::string, Member> members_;  // host -> its state (members of memberlist services)
  std::map<std::string, MembershipFigures> figures_;
};

}  // namespace halab
