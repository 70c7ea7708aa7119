#include "models/failover/garp_schedule.hpp"

#include <algorithm>

namespace halab {

void GarpSchedule::start(Instant now) {
  due_.clear();
  refresh(now);
}

void GarpSchedule::refresh(Instant now) {
  const int sets = config_.delay > Duration() ? 2 : 1;
  for (int set = 0; set < sets; ++set)
    for (int k = 0; k < config_.repeat; ++k)
      due_.push_back(now + config_.delay * static_cast<double>(set) + config_.interval * static_cast<double>(k));
  std::sort(due_.begin(), due_.end());
}

int GarpSchedule::take_due(Instant now) {
  int n = 0;
  while (!due_.empty() && due_.front() <= now) {
    due_.pop_front();
    ++n;
  }
  return n;
}

} // namespace halab
