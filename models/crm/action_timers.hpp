// Pacemaker's action timer (the transition engine's te_start_action_timer and
// action_timer_callback; "Pacemaker Explained" 2.1, cluster-delay): the DC gives every
// operation it sends its timeout plus cluster-delay; a result that has not come by then
// (lost, e.g. in a partition too short to change the membership) counts as a failure.
// A new transition starts a new set of timers.
#pragma once

#include "models/time.hpp"

#include <map>
#include <optional>

namespace halab::crm {

class ActionTimers {
 public:
  // Pacemaker's default cluster-delay.
  static constexpr Duration kClusterDelay = Duration::seconds(60);

  // Operation `action` was sent at `t` with its operation timeout.
  void start(int action, Instant t, Duration timeout) { deadlines_[action] = t + timeout + kClusterDelay; }
  // Its result came.
  void done(int action) { deadlines_.erase(action); }
  // A new transition: the old one's timers no longer count.
  void clear() { deadlines_.clear(); }

  std::optional<Instant> next() const;
  // The lowest-numbered action whose timer has expired at `t`, which stops; none if none has.
  std::optional<int> take_expired(Instant t);

 private:
  std::map<int, Instant> deadlines_;
};

}  // namespace halab::crm
