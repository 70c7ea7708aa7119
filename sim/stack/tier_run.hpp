// One tier of the request path during a run (docs/six-tiers.md): its instances — one
// process per host, each at an endpoint of its own, so that a host can also run a cluster
// member (the entry tier's keepalived) — and the faults that act on them (hang, slow).
#pragma once

#include "models/resilience/idempotency_store.hpp"
#include "sim/metrics/latency_histogram.hpp"
#include "sim/metrics/tier_counts.hpp"
#include "sim/net/network.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/service/process_loop.hpp"
#include "sim/stack/cache_run.hpp"
#include "sim/stack/database_run.hpp"

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace halab {

struct RunContext;

// What an instance served since its last `tier.stats` event. Kept outside its process, so
// that a crash loses nothing already counted.
struct TierStats : TierCounts {
  std::uint64_t forwarded = 0;  // a director's: connections handed to a real server
  std::uint64_t max_busy = 0;
  std::uint64_t max_queue = 0;
  LatencyHistogram latency;  // of the requests answered ok: from arrival to answer
  BufferCounts buffer;       // of its calls down, if buffered
  DatabaseCounts database;   // of its reads, at a database
  CacheLookups cache;        // of its lookups, where it looks aside to a cache
  CacheServes served;        // of its gets and sets, at a cache server

  bool empty() const;
};

struct TierRun {
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  TierRun(const TierSpec& spec, std::size_t index, Network& network,
          const std::function<HostId(const std::string&)>& host_id);

  const TierSpec& spec;
  std::size_t index;  // in /stack/tiers
  std::vector<HostId> hosts;
  std::vector<Endpoint> endpoints;
  std::vector<std::unique_ptr<ProcessLoop>> processes;  // per instance: its process, if it runs
  std::vector<std::uint32_t> incarnations;
  std::vector<char> hung;     // a hang fault: the process swallows every request
  std::vector<double> slow;   // a slow fault: service times are multiplied by this
  std::vector<char> closed;   // a graceful stop: the port is closed, new work is refused
  std::vector<long> buffer_held;  // calls its buffer queue holds: lost if the process dies
  std::vector<TierStats> stats;
  // Each instance's process dying or starting again, in time order: what a service
  // registry learns (a caller's view lags it by the registry's lag).
  struct Lifecycle {
    double at_s;
    std::size_t instance;
    bool alive;
  };
  std::vector<Lifecycle> lifecycle;
  // Writes applied by the tier's instances, as a shared store sees them: its idempotency
  // keys (with /idempotency), and the record of what was applied that counts duplicates
  // (kept kAppliedWindow: a write applied again later than that is not counted).
  static constexpr Duration kAppliedWindow = Duration::seconds(600);
  std::optional<IdempotencyStore> keys;
  IdempotencyStore applied{kAppliedWindow};
  std::unique_ptr<DatabaseRun> database;  // a database tier's replication and disks
  std::unique_ptr<CacheRun> cache;        // a cache tier's memory, roles and Sentinels

  // Its process is up and its port open (not crashed, not stopped).
  bool running(std::size_t i) const { return processes[i] && !closed[i]; }
  // The instance on host `h`, or kNone.
  std::size_t instance_on(HostId h) const;
};

// The name of instance `instance`'s process ("web:w1"), as a stall report gives it.
std::string tier_process_name(const RunContext& ctx, const TierRun& tier, std::size_t instance);

// Records what instance `instance` served since its last record (`tier.stats`, or
// `director.stats` for an LVS director) and starts counting afresh.
void flush_tier_stats(RunContext& ctx, TierRun& tier, std::size_t instance, double now);

}  // namespace halab
