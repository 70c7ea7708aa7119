#include "sim/net/alarm_clock.hpp"

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace halab {

AlarmClock::~AlarmClock() {
  if (timer_) timer_->remove();
}

void AlarmClock::set(Owner owner, double at) {
  if (stopped_) return;
  if (owner >= slot_.size()) slot_.resize(owner + 1, kAbsent);
  const Alarm alarm{at, next_order_++, owner};
  std::uint32_t slot = slot_[owner];
  if (slot == kAbsent) {
    slot = static_cast<std::uint32_t>(heap_.size());
    heap_.push_back(alarm);
    slot_[owner] = slot;
    sift_up(slot);
  } else {
    heap_[slot] = alarm;
    sift_up(slot);
    sift_down(slot_[owner]);
  }
  if (!firing_) arm();  // while firing, the timer is armed once every due alarm has rung
}

void AlarmClock::cancel(Owner owner) {
  if (owner < slot_.size() && slot_[owner] != kAbsent) remove_at(slot_[owner]);
}

void AlarmClock::stop() {
  stopped_ = true;
  for (const Alarm& a : heap_) slot_[a.owner] = kAbsent;
  heap_.clear();
  if (timer_) timer_->remove();
  timer_ = nullptr;
}

void AlarmClock::place(std::uint32_t slot, const Alarm& alarm) {
  heap_[slot] = alarm;
  slot_[alarm.owner] = slot;
}

void AlarmClock::sift_up(std::uint32_t slot) {
  const Alarm alarm = heap_[slot];
  while (slot > 0) {
    const std::uint32_t parent = (slot - 1) / 2;
    if (!earlier(alarm, heap_[parent])) break;
    place(slot, heap_[parent]);
    slot = parent;
  }
  place(slot, alarm);
}

void AlarmClock::sift_down(std::uint32_t slot) {
  const Alarm alarm = heap_[slot];
  const auto n = static_cast<std::uint32_t>(heap_.size());
  for (;;) {
    std::uint32_t child = 2 * slot + 1;
    if (child >= n) break;
    if (child + 1 < n && earlier(heap_[child + 1], heap_[child])) ++child;
    if (!earlier(heap_[child], alarm)) break;
    place(slot, heap_[child]);
    slot = child;
  }
  place(slot, alarm);
}

void AlarmClock::remove_at(std::uint32_t slot) {
  slot_[heap_[slot].owner] = kAbsent;
  const Alarm last = heap_.back();
  heap_.pop_back();
  if (slot == heap_.size()) return;
  place(slot, last);
  sift_up(slot);
  sift_down(slot_[last.owner]);
}

// The kernel timer at the earliest alarm; moved only when that is earlier than where it is
// set (a timer that fires with nothing due just sets the next).
void AlarmClock::arm() {
  if (heap_.empty()) return;
  const double at = heap_.front().at;
  if (timer_ && timer_at_ <= at) return;
  if (timer_) timer_->remove();
  timer_at_ = at;
  timer_ = simgrid::kernel::timer::Timer::set(at, [this] { fire(); });
}

void AlarmClock::fire() {
  timer_ = nullptr;  // SimGrid deletes the timer after this returns
  firing_ = true;
  const double now = simgrid::s4u::Engine::get_clock();
  while (!stopped_ && !heap_.empty() && heap_.front().at <= now) {
    const Owner owner = heap_.front().owner;
    remove_at(0);
    ring_(owner);
  }
  firing_ = false;
  if (!stopped_) arm();
}

}  // namespace halab
