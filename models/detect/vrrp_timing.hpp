// VRRP's failure-detection timing (RFC 5798 §6.1): a Backup declares the Master down after
//     Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time,
// so higher-priority Backups notice first and take over before the others. Skew_Time
// differs by protocol version, as keepalived computes it (keepalived/include/vrrp.h,
// VRRP_TIMER_SKEW_CALC):
//     VRRPv3 (RFC 5798 §6.1): Skew_Time = ((256 − Priority) × Master_Adver_Interval) / 256,
//     VRRPv2 (RFC 3768 §6.1): Skew_Time = (256 − Priority) / 256 seconds, whatever the interval.
// The address owner (priority 255) skews as priority 255 whatever its effective priority.
#pragma once

#include "models/time.hpp"

namespace halab {

inline Duration vrrp_skew_time(Duration advertisement_interval, int priority, int version = 3) {
  double share = (256.0 - priority) / 256.0;
  return version == 2 ? Duration::seconds(share) : advertisement_interval * share;
}

inline Duration vrrp_master_down_interval(Duration advertisement_interval, int priority, int version = 3) {
  return advertisement_interval * 3.0 + vrrp_skew_time(advertisement_interval, priority, version);
}

} // namespace halab
