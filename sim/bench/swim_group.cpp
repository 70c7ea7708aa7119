#include "sim/bench/swim_group.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <tuple>

namespace halab {
namespace {
struct InFlight {
  double at;
  std::uint64_t order;
  std::uint32_t from, to;
  std::uint32_t slot;  // the packet, in the slab (heap moves stay small)
  bool operator>(const InFlight& o) const { return std::tie(at, order) > std::tie(o.at, o.order); }
};
struct Alarm {
  double at;
  std::uint32_t member;
  bool operator>(const Alarm& o) const { return std::tie(at, member) > std::tie(o.at, o.member); }
};
}  // namespace

SwimGroupResult run_swim_group(const SwimGroupRun& run, const SwimConfig& config) {
  const std::uint32_t n = run.members;
  const std::uint32_t rack = std::min(run.rack, n / 4);
  const std::uint32_t crashed = n - 1;
  Rng rng(run.seed);
  std::vector<SwimMember> members;
  members.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) members.emplace_back(config, i, n, Instant::at_seconds(0), rng);

  std::priority_queue<InFlight, std::vector<InFlight>, std::greater<>> packets;
  std::vector<SwimPacket> slab;
  std::vector<std::uint32_t> free_slots;
  std::priority_queue<Alarm, std::vector<Alarm>, std::greater<>> alarms;  // stale ones skipped
  std::vector<double> alarm_at(n);
  for (std::uint32_t i = 0; i < n; ++i) alarms.push({alarm_at[i] = members[i].next_deadline().to_seconds(), i});

  SwimGroupResult result;
  std::uint32_t declared_dead = 0;
  bool down = false;
  std::uint64_t order = 0;
  SwimOutput out;
  auto cut = [&](double t, std::uint32_t a, std::uint32_t b) {
    return t >= run.cut_from_s && t < run.cut_to_s && (a < rack) != (b < rack);
  };
  while (true) {
    while (!alarms.empty() && alarms.top().at != alarm_at[alarms.top().member]) alarms.pop();
    double alarm = alarms.empty() ? run.simulated_s + 1 : alarms.top().at;
    bool message = !packets.empty() && packets.top().at <= alarm;
    double t = message ? packets.top().at : alarm;
    if (t > run.simulated_s) break;
    down = down || t >= run.crash_at_s;
    out.clear();
    std::uint32_t self = 0;
    if (message) {
      InFlight p = packets.top();
      packets.pop();
      free_slots.push_back(p.slot);
      if (down && p.to == crashed) continue;
      self = p.to;
      members[self].receive(Instant::at_seconds(t), p.from, slab[p.slot], rng, out);
    } else {
      self = alarms.top().member;
      alarms.pop();
      if (down && self == crashed) {
        alarm_at[self] = -1;
        continue;
      }
      members[self].on_timer(Instant::at_seconds(t), rng, out);
    }
    for (const SwimSend& s : out.sends) {
      ++result.packets;
      if (cut(t, self, s.to)) continue;
      std::uint32_t slot = 0;
      if (free_slots.empty()) {
        slot = static_cast<std::uint32_t>(slab.size());
        slab.push_back(s.packet);
      } else {
        slot = free_slots.back();
        free_slots.pop_back();
        slab[slot] = s.packet;
      }
      packets.push({t + run.latency_s, order++, self, s.to, slot});
    }
    for (const SwimChange& c : out.changes) {
      ++result.changes;
      if (c.status != SwimStatus::dead) continue;
      if (c.node == crashed && down) {
        if (declared_dead++ == 0) result.crash_first_dead_s = t - run.crash_at_s;
        if (declared_dead == n - 1) result.crash_all_dead_s = t - run.crash_at_s;
      } else if (t < run.cut_from_s) {
        ++result.live_dead_before_cut;
      } else if ((self < rack) == (c.node < rack)) {
        ++result.live_dead_same_side;
      }
    }
    double next = std::max(members[self].next_deadline().to_seconds(), t);
    if (next != alarm_at[self] || !message) alarms.push({alarm_at[self] = next, self});
  }
  return result;
}

}  // namespace halab
