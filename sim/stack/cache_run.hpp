// A cache tier's state during a run that outlives its instances' processes or is shared by
// them (docs/six-tiers.md): each server's memory (emptied when its process dies: a cache
// keeps nothing on disk), and — run as a Redis master with replicas — each instance's role
// and replication offset, and the Sentinels' processes.
#pragma once

#include "models/cache/lru_store.hpp"
#include "sim/net/message.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/service/process_loop.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace halab {

struct CacheRun {
  explicit CacheRun(const TierSpec& spec);

  std::vector<LruStore> memory;  // per instance
  // Redis with Sentinel: per instance, the master it replicates (none: it is the master),
  // and the writes it has applied (its replication offset).
  std::vector<std::optional<std::size_t>> replica_of;
  std::vector<std::uint64_t> offset;
  // The Sentinels: where they run and their processes.
  std::vector<HostId> sentinel_hosts;
  std::vector<Endpoint> sentinel_endpoints;
  std::vector<std::unique_ptr<ProcessLoop>> sentinels;
  std::vector<std::uint32_t> sentinel_incarnations;
};

}  // namespace halab
