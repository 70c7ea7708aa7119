#include "models/crm/action_timers.hpp"

#include <algorithm>

namespace halab::crm {

std::optional<Instant> ActionTimers::next() const {
  std::optional<Instant> next;
  for (const auto& [action, at] : deadlines_) next = next ? std::min(*next, at) : at;
  return next;
}

std::optional<int> ActionTimers::take_expired(Instant t) {
  for (auto it = deadlines_.begin(); it != deadlines_.end(); ++it) {
    if (it->second > t) continue;
    const int action = it->first;
    deadlines_.erase(it);
    return action;
  }
  return std::nullopt;
}

}  // namespace halab::crm
