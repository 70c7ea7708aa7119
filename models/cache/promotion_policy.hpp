// The rule an elected Sentinel leader promotes a replica by — the plug-in point for a
// user's own failover policy (examples/promotion-policy). The Sentinel first keeps the
// replicas sentinel.c's sentinelSelectSlave would consider at all (`usable`: not down,
// replied to PING within 5 s, INFO recent, link to the master not down for too long,
// replica-priority not 0); the policy picks one of those, or none (the failover aborts:
// -failover-abort-no-good-slave). `RedisPromotion` is Redis's own rule
// (compareSlavesForPromotion): the lowest replica-priority, then the largest replication
// offset, then the smallest run id. A policy is pure: what it is given, nothing else.
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace halab {

// What one Sentinel knows of one replica, from its PING replies and INFO.
struct ReplicaInfo {
  int priority = 100;            // replica-priority (0: never promoted)
  std::uint64_t offset = 0;      // slave_repl_offset
  std::string run_id;            // in the lab: the replica's host name
  bool down = false;             // this Sentinel holds it SDOWN, or its link is disconnected
  Instant last_reply;            // its last PING reply
  Instant info_refresh;          // its last INFO reply
  Duration master_link_down;     // master_link_down_since_seconds
};

class PromotionPolicy {
 public:
  virtual ~PromotionPolicy() = default;
  // The replica to promote (an index of `replicas` whose `usable` is true), or none.
  virtual std::optional<std::size_t> choose(const std::vector<ReplicaInfo>& replicas, const std::vector<bool>& usable) const = 0;
};

class RedisPromotion final : public PromotionPolicy {
 public:
  std::optional<std::size_t> choose(const std::vector<ReplicaInfo>& replicas, const std::vector<bool>& usable) const override;
};

}  // namespace halab
