// Many alarms on one SimGrid kernel timer. Each owner (a network endpoint) has at most one
// alarm; setting it again moves it, cancelling removes it. The alarms live in an indexed
// binary heap of halab's own — ordered by time, then by when they were set, so that alarms
// due at one instant ring in a fixed order — where an owner's entry moves in place
// (O(log n), no allocation, nothing left behind), and SimGrid holds one kernel timer at the
// earliest of them. When it fires, every alarm due by now rings, including those set for
// now while ringing; then the timer is set again at the next one. A wake-up thus costs one
// SimGrid timer per simulated instant, however often alarms move.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace simgrid::kernel::timer {
class Timer;
}

namespace halab {

class AlarmClock {
public:
  using Owner = std::uint32_t;

  explicit AlarmClock(std::function<void(Owner)> ring) : ring_(std::move(ring)) {}
  // Removes its kernel timer if one is pending (SimGrid owns kernel timers until they fire).
  ~AlarmClock();
  AlarmClock(const AlarmClock&) = delete;
  AlarmClock& operator=(const AlarmClock&) = delete;

  // `owner`'s alarm rings at simulated time `at` (not before the current time), replacing
  // any it had.
  void set(Owner owner, double at);
  void cancel(Owner owner);
  // No alarm rings any more.
  void stop();

private:
  static constexpr std::uint32_t kAbsent = static_cast<std::uint32_t>(-1);
  struct Alarm {  // kept in the heap itself: comparisons touch nothing else
    double at = 0;
    std::uint64_t order = 0;  // when it was set: ties ring in that order
    Owner owner = 0;
  };
  static bool earlier(const Alarm& a, const Alarm& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; }
  void place(std::uint32_t slot, const Alarm& alarm);
  void sift_up(std::uint32_t slot);
  void sift_down(std::uint32_t slot);
  void remove_at(std::uint32_t slot);
  void fire();
  void arm();

  std::function<void(Owner)> ring_;
  std::vector<std::uint32_t> slot_;  // per owner: its place in heap_, or kAbsent
  std::vector<Alarm> heap_;          // the alarms set, earliest first
  std::uint64_t next_order_ = 0;
  simgrid::kernel::timer::Timer* timer_ = nullptr;
  double timer_at_ = 0;
  bool firing_ = false;
  bool stopped_ = false;
};

}  // namespace halab
