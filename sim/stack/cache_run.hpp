// A cache tier's state during a run that outlives its instances' processes or is shared by
// them (docs/six-tiers.md): each server's memory (emptied when its process dies: a cache
// keeps nothing on disk), and — run as a Redis master with replicas — each instance's role,
// replication offset and history, each master's view of its replicas' acknowledgments
// (min-replicas-to-write), and the Sentinels' processes.
#pragma once

#include "models/cache/lru_store.hpp"
#include "models/cache/min_replicas_gate.hpp"
#include "sim/net/message.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/service/process_loop.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace halab {

struct CacheRun {
  explicit CacheRun(const TierSpec& spec);

  // Instance i's process died: its memory, its replication history (a fresh one, from
  // offset 0, when it comes back) and, as a master, its replicas' links are gone.
  void lost(std::size_t i);
  // Instance i, promoted by SLAVEOF NO ONE: the history it shares with its old master.
  void promoted(std::size_t i);
  // The writes instance x accepted (as a master) that master m's history lacks: what a
  // full resync of x from m discards.
  std::uint64_t lacked_by(std::size_t x, std::size_t m) const;

  std::vector<LruStore> memory;  // per instance
  // Redis with Sentinel: per instance, the master it replicates (none: it is the master),
  // the writes it has applied (its replication offset), and its history: a number that
  // changes when it restarts empty.
  std::vector<std::optional<std::size_t>> replica_of;
  std::vector<std::uint64_t> offset;
  std::vector<std::uint64_t> history;
  // Per promoted instance: the master it replicated and that master's history when it was
  // promoted, and its offset then (what the two share).
  struct Fork {
    std::size_t from = 0;
    std::uint64_t history = 0;
    std::uint64_t offset = 0;
  };
  std::vector<std::optional<Fork>> forked;
  std::vector<MinReplicasGate> gates;  // per instance, used while it is a master
  // The Sentinels: where they run and their processes.
  std::vector<HostId> sentinel_hosts;
  std::vector<Endpoint> sentinel_endpoints;
  std::vector<std::unique_ptr<ProcessLoop>> sentinels;
  std::vector<std::uint32_t> sentinel_incarnations;

 private:
  std::uint64_t next_history_;
};

}  // namespace halab
