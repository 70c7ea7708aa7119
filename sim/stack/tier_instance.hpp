// What every process of a tier instance starts from (a server tier's, an LVS director's):
// where it runs, its random stream, what it counts, and the clock of its `tier.stats`
// records. Also the timer heap the stack's processes keep their deadlines in.
#pragma once

#include "sim/run/run_context.hpp"
#include "sim/stack/tier_run.hpp"

#include <cmath>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

namespace halab {

// (when in seconds, what), earliest first.
using TimerHeap = std::priority_queue<std::pair<double, std::uint64_t>, std::vector<std::pair<double, std::uint64_t>>,
                                      std::greater<>>;

struct TierInstance {
  static constexpr Duration kStatsWindow = Duration::seconds(1);

  // `stream` names the process's random stream apart from other kinds on the same host.
  TierInstance(RunContext& run, TierRun& t, std::size_t i, const std::string& stream)
      : ctx(run), tier(t), self(i), endpoint(t.endpoints[i]), host(t.hosts[i]),
        entry_service(t.index == 0 ? run.service_of(host) : nullptr),
        rng(Rng::stream(run.seed, stream + ":" + t.spec.name + ":" + run.name(host) + ":" + std::to_string(t.incarnations[i]))),
        stats(t.stats[i]) {}

  // A request for the floating IP reaches the entry tier's process only where the host
  // holds the IP (the kernel drops the rest); below the entry, always.
  bool accepts_requests() const { return !entry_service || entry_service->vip.holds(host); }
  std::uint32_t incarnation() const { return tier.incarnations[self]; }

  // A tier that calls no other applies a write when its work is done — unless its
  // idempotency keys show that this client request was applied already (false).
  bool apply_write(Instant now, std::uint64_t origin) {
    if (tier.keys && !tier.keys->first_use(now, origin)) {
      ++stats.writes_deduplicated;
      return false;
    }
    ++stats.writes_applied;
    if (!tier.applied.first_use(now, origin)) ++stats.writes_duplicated;
    return true;
  }

  // The stats clock: a record at each whole second with something to say.
  void start_stats(Instant now) { next_stats = Instant::at_seconds(std::floor(now.to_seconds())) + kStatsWindow; }
  // Records the window if it is over; true when it did.
  bool record_stats_if_due(Instant now) {
    if (now < next_stats) return false;
    flush_tier_stats(ctx, tier, self, now.to_seconds());
    while (next_stats <= now) next_stats = next_stats + kStatsWindow;
    return true;
  }

  RunContext& ctx;
  TierRun& tier;
  std::size_t self;
  Endpoint endpoint;
  HostId host;
  ServiceRun* entry_service;  // the entry tier's: the service whose floating IP it serves
  Rng rng;
  TierStats& stats;
  Instant next_stats;
};

}  // namespace halab
