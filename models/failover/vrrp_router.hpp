// One VRRP router of one virtual router, as the state machine of RFC 5798 §6.4 with the
// choices keepalived makes where the RFC leaves one (keepalived/vrrp/vrrp.c,
// vrrp_state_backup and vrrp_state_master_rx):
// - Initialize (§6.4.1): the address owner (priority 255) becomes Master at once; any other
//   router becomes Backup with Master_Down_Timer = Master_Down_Interval.
// - Backup (§6.4.2) is silent. A priority-0 advert sets the timer to Skew_Time; an advert is
//   accepted (timer reset to Master_Down_Interval) unless preempting and its priority is
//   below ours — then it is discarded and the timer runs out. keepalived's preempt_delay:
//   the first lower-priority advert starts a delay during which such adverts are still
//   accepted. When the timer fires the Backup becomes Master and advertises at once.
// - Master (§6.4.3) advertises every Advertisement_Interval. A higher-priority advert, or an
//   equal one from a higher address, makes it Backup. A priority-0 advert makes it
//   advertise at once. A lower-priority advert makes it advertise at once too (keepalived
//   "forcing new election": the RFC discards it, keepalived answers so that a lower-priority
//   Master left over from a partition steps down within one network delay), and refreshes
//   the segment's ARP caches (vrrp_state_master_rx: vrrp_send_link_update with
//   garp_lower_prio_repeat GARPs, again after garp_lower_prio_delay — by default the
//   garp_master values): the step says `heard_lower`.
// - Shutdown from Master sends a priority-0 advert (§6.4.3), so the Backups take over after
//   Skew_Time instead of Master_Down_Interval.
// - Fault (keepalived, a failing tracked script of weight 0): leaving Master sends priority
//   0; the router takes no part until the fault clears, then it is a Backup again.
// - Tracked scripts with weights change the effective priority (clamped to 1..254; the
//   address owner is never changed). It is what the router advertises and compares, and it
//   sets its Skew_Time.
// No preemption is keepalived's `nopreempt` and the lab's default: a recovered Backup of
// higher priority accepts the current Master's adverts and leaves it in place.
//
// Sans-I/O: the caller delivers adverts and timer expiries with the time, sends the
// adverts this asks for to every other router, and binds or releases the address on the
// transitions it reports.
#pragma once

#include "models/detect/failure_detector.hpp"
#include "models/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace halab {

enum class VrrpState { initialize, backup, master, fault };
const char* to_string(VrrpState state);

struct VrrpConfig {
  int priority = 100;             // 1..254; 255 = the address owner
  std::uint32_t address = 0;      // the router's primary address: the higher wins a tie
  Duration advertisement_interval = Duration::seconds(1);
  int version = 2;                // 2 or 3: how Skew_Time is computed (vrrp_timing.hpp)
  bool preempt = false;           // false: keepalived's nopreempt
  Duration preempt_delay;         // keepalived's preempt_delay (preempting only)
};

// What a step asks of the caller: an advert to send (its priority; 0 = resigning) and the
// state entered, if it changed.
struct VrrpStep {
  std::optional<int> advert;
  std::optional<VrrpState> entered;
  std::string reason;
  bool heard_lower = false;  // a Master heard a lower-priority Master: gratuitous ARPs again
};

class VrrpRouter {
public:
  // `watch`, if given, replaces RFC 5798's Master_Down_Timer: a failure detector fed with
  // the accepted adverts decides when the Master is down (the lab's fixed-timeout and
  // phi-accrual comparisons). It must have been created at the start-up instant.
  explicit VrrpRouter(VrrpConfig config, std::unique_ptr<FailureDetector> watch = nullptr);

  VrrpStep startup(Instant now);
  // Instead of startup, for a run that begins with the virtual router settled: `master`
  // (possibly this router) is Master and sends its next advert at `next_advert`, its
  // previous one one interval before, which a Backup accepted then.
  VrrpStep settle(Instant now, std::uint32_t master, Instant next_advert);
  VrrpStep shutdown(Instant now);
  VrrpStep on_advert(Instant now, int priority, std::uint32_t sender);
  // The Master_Down_Timer or the Adver_Timer has come due (at or before `now`).
  VrrpStep on_timer(Instant now);
  VrrpStep set_fault(Instant now, bool fault);
  // The sum of the weights of the tracked scripts now counting (keepalived's total_priority
  // minus the configured one).
  void set_priority_offset(int offset);

  // When on_timer must next be called; never() in Initialize and Fault.
  Instant deadline() const;
  VrrpState state() const { return state_; }
  int effective_priority() const { return effective_priority_; }
  Duration skew_time() const;
  Duration master_down_interval() const;
  // How far a Backup is towards declaring the Master down: the watch's suspicion, or the
  // time since the timer was last set over Master_Down_Interval (1 when it fires).
  double suspicion(Instant now) const;
  // Whether a Backup has discarded a lower-priority Master's adverts since its timer was
  // last set: when the timer fires it preempts a live Master rather than replacing a dead one.
  bool preempting() const { return discarded_; }
  // The address of the Master whose adverts a Backup last accepted.
  std::optional<std::uint32_t> master() const { return master_; }

private:
  VrrpStep become_master(Instant now, std::string reason);
  VrrpStep become_backup(Instant now, std::string reason);
  void reset_down_timer(Instant now);

  VrrpConfig config_;
  std::unique_ptr<FailureDetector> watch_;
  VrrpState state_ = VrrpState::initialize;
  int effective_priority_;
  Instant down_at_ = Instant::never();    // Backup: Master_Down_Timer
  Instant down_set_at_;                   // when it was last set
  Instant advert_at_ = Instant::never();  // Master: Adver_Timer
  std::optional<Instant> preempt_at_;     // preempt_delay running since a lower-priority advert
  std::optional<std::uint32_t> master_;
  bool fault_ = false;
  bool discarded_ = false;
};

} // namespace halab
