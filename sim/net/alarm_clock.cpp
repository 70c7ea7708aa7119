#include "sim/net/alarm_clock.hpp"

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace halab {

AlarmClock::~AlarmClock() {
  if (timer_) timer_->remove();
}

void AlarmClock::set(Owner owner, double at) {
  if (stopped_) return;
  if (owner >= alarms_.size()) alarms_.resize(owner + 1);
  Alarm& a = alarms_[owner];
  a.at = at;
  a.order = next_order_++;
  if (a.slot == kAbsent) {
    heap_.push_back(owner);
    a.slot = static_cast<std::uint32_t>(heap_.size() - 1);
    sift_up(a.slot);
  } else {
    sift_up(a.slot);
    sift_down(a.slot);
  }
  if (!firing_) arm();  // while firing, the timer is armed once every due alarm has rung
}

void AlarmClock::cancel(Owner owner) {
  if (owner < alarms_.size() && alarms_[owner].slot != kAbsent) remove_at(alarms_[owner].slot);
}

void AlarmClock::stop() {
  stopped_ = true;
  for (Owner o : heap_) alarms_[o].slot = kAbsent;
  heap_.clear();
  if (timer_) timer_->remove();
  timer_ = nullptr;
}

void AlarmClock::place(std::uint32_t slot, Owner owner) {
  heap_[slot] = owner;
  alarms_[owner].slot = slot;
}

void AlarmClock::sift_up(std::uint32_t slot) {
  const Owner owner = heap_[slot];
  while (slot > 0) {
    const std::uint32_t parent = (slot - 1) / 2;
    if (!earlier(owner, heap_[parent])) break;
    place(slot, heap_[parent]);
    slot = parent;
  }
  place(slot, owner);
}

void AlarmClock::sift_down(std::uint32_t slot) {
  const Owner owner = heap_[slot];
  const auto n = static_cast<std::uint32_t>(heap_.size());
  for (;;) {
    std::uint32_t child = 2 * slot + 1;
    if (child >= n) break;
    if (child + 1 < n && earlier(heap_[child + 1], heap_[child])) ++child;
    if (!earlier(heap_[child], owner)) break;
    place(slot, heap_[child]);
    slot = child;
  }
  place(slot, owner);
}

void AlarmClock::remove_at(std::uint32_t slot) {
  alarms_[heap_[slot]].slot = kAbsent;
  const Owner last = heap_.back();
  heap_.pop_back();
  if (slot == heap_.size()) return;
  place(slot, last);
  sift_up(slot);
  sift_down(alarms_[last].slot);
}

// The kernel timer at the earliest alarm; moved only when that is earlier than where it is
// set (a timer that fires with nothing due just sets the next).
void AlarmClock::arm() {
  if (heap_.empty()) return;
  const double at = alarms_[heap_.front()].at;
  if (timer_ && timer_at_ <= at) return;
  if (timer_) timer_->remove();
  timer_at_ = at;
  timer_ = simgrid::kernel::timer::Timer::set(at, [this] { fire(); });
}

void AlarmClock::fire() {
  timer_ = nullptr;  // SimGrid deletes the timer after this returns
  firing_ = true;
  const double now = simgrid::s4u::Engine::get_clock();
  while (!stopped_ && !heap_.empty() && alarms_[heap_.front()].at <= now) {
    const Owner owner = heap_.front();
    remove_at(0);
    ring_(owner);
  }
  firing_ = false;
  if (!stopped_) arm();
}

}  // namespace halab
