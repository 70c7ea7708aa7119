// VRRP's failure-detection timing (RFC 5798 §6.1): a Backup declares the Master down after
//     Master_Down_Interval = 3 × Advertisement_Interval + Skew_Time,
//     Skew_Time = ((256 − Priority) × Advertisement_Interval) / 256,
// so higher-priority Backups notice first and take over before the others.
#pragma once

#include "models/time.hpp"

namespace halab {

inline Duration vrrp_skew_time(Duration advertisement_interval, int priority) {
  return advertisement_interval * ((256.0 - priority) / 256.0);
}

inline Duration vrrp_master_down_interval(Duration advertisement_interval, int priority) {
  return advertisement_interval * 3.0 + vrrp_skew_time(advertisement_interval, priority);
}

} // namespace halab
