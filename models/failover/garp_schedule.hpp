// When a new VRRP Master sends gratuitous ARPs for its addresses (keepalived.conf(5):
// garp_master_repeat, garp_master_delay, garp_interval; keepalived/vrrp/vrrp.c,
// vrrp_state_become_master and vrrp_gratuitous_arp_thread): a set of `repeat` GARPs, one
// every `interval`, at once, and a second set `delay` later. Hosts and routers on the
// segment move the address to the new Master's MAC when the first GARP reaches them, so a
// lost first set costs clients `delay` more of outage — the reason for the second set.
#pragma once

#include "models/time.hpp"

#include <deque>

namespace halab {

struct GarpConfig {
  int repeat = 5;                           // garp_master_repeat
  Duration delay = Duration::seconds(5);    // garp_master_delay (0: no second set)
  Duration interval;                        // garp_interval
};

class GarpSchedule {
public:
  explicit GarpSchedule(GarpConfig config) : config_(config) {}

  // Became Master at `now`: both sets are scheduled (any left from before are dropped).
  void start(Instant now);
  // A Master heard a lower-priority Master at `now` (keepalived's garp_lower_prio_repeat
  // and garp_lower_prio_delay, which default to the garp_master values): both sets again,
  // beside any still due.
  void refresh(Instant now);
  // Left Master: nothing more is sent.
  void stop() { due_.clear(); }
  // How many GARPs are due at or before `now` (each is then sent once).
  int take_due(Instant now);
  Instant next() const { return due_.empty() ? Instant::never() : due_.front(); }

private:
  GarpConfig config_;
  std::deque<Instant> due_;  // in time order
};

} // namespace halab
