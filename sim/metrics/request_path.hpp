// What the request path did (docs/six-tiers.md), from the trace alone:
// - failures: the clients' failed requests by cause — "timeout" and "unreachable" when the
//   client got no answer (its own timeout; no ARP entry for the IP), else the entry tier's
//   answer: "timeout" (504), "no_backend" (502), "overloaded" (503), "pool_exhausted" (no
//   pooled connection freed in time), "rate_limited" (429), "bulkhead_full" (the caller's
//   bulkhead had no room), "breaker_open" (503:
//   a circuit breaker refused the call);
// - blame: the same failures by the tier where they began (the `blame` of the answer); a
//   request the client got no answer for is "unanswered": the entry tier did not answer in
//   time, and the client cannot see whether it waited on a tier below;
// - tiers: per tier, from its instances' `tier.stats`: requests it received, answered ok,
//   answered with each failure, attempts it retried below (on another server, or the whole
//   call again after a back-off),
//   and the most workers busy and requests queued at once on any instance, and the
//   latency of its ok answers (p50, p99: from a request's arrival at the instance to its
//   answer, the calls below included; within 1/32, LatencyHistogram);
// - an LVS director's tier, from its `director.stats`: connections it received
//   (`requests`), forwarded to a real server, and dropped with no real server listed
//   (`no_backend`); it sees no answers (with DR they bypass it), so it has no ok or failed;
// - degraded: requests answered ok without a weak dependency that failed (a fallback);
// - a database tier's replication, from its `tier.stats` (reads, stale reads), `db.promote`
//   (promotions; acknowledged writes the new primary lacked, and the span of their commits)
//   and `db.replication` (semi-sync fallbacks to async, replicas evicted from a sync view);
// - a tier's cache lookups (looked up, found, unanswered in time) and a cache tier's gets,
//   hits and sets, from `tier.stats`; with Sentinels, its failovers (`sentinel.switch`,
//   one per epoch), how long after the old master's host crashed each switched, and the
//   sets old masters accepted that their demotion discarded (`cache.role`'s `discarded`).
#pragma once

#include "sim/metrics/latency_histogram.hpp"
#include "sim/metrics/tier_counts.hpp"
#include "sim/trace/trace.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace halab {

struct DatabaseFigures : DatabaseCounts {
  std::uint64_t promotions = 0;
  std::uint64_t writes_lost = 0;          // acknowledged to their clients, missing on the new primary
  std::uint64_t unacknowledged_lost = 0;  // committed on the old primary, never acknowledged
  double lost_window_s = 0;               // the longest span of lost writes' commits, one promotion
  std::uint64_t semi_sync_fallbacks = 0;
  std::uint64_t view_evictions = 0;
  std::uint64_t drops = 0;              // operator errors: tables dropped
  std::uint64_t drop_writes_lost = 0;   // acknowledged writes to them since the last backup
};

struct SentinelFigures {
  std::uint64_t promotions = 0;  // failovers: configuration epochs a Sentinel switched to
  // the longest from the old master's crash to the first switch; none: no failover followed a crash
  std::optional<double> max_failover_s;
  std::uint64_t sets_discarded = 0;  // accepted by a master later made a replica, lacked by its new master
};

struct TierFigures : TierCounts {
  bool director = false;  // an LVS director: only requests, forwarded and no_backend
  std::uint64_t forwarded = 0;
  std::uint64_t max_busy = 0;
  std::uint64_t max_queue = 0;
  LatencyHistogram latency;  // of the requests it answered ok, from arrival to answer
  std::optional<BufferCounts> buffer;  // where its calls down are buffered
  std::optional<DatabaseFigures> database;  // a database tier's
  std::optional<CacheLookups> cache;        // a tier looking aside to a cache
  std::optional<CacheServes> served;        // a cache server tier's
  std::optional<SentinelFigures> sentinel;  // a cache tier's Redis failovers

  // ok / answered; none when it answered nothing
  std::optional<double> success_rate() const;
};

class RequestPath {
 public:
  void observe(const TraceEvent& e);

  const std::map<std::string, std::uint64_t>& failures() const { return failures_; }
  std::uint64_t degraded() const { return degraded_; }
  const std::map<std::string, std::uint64_t>& blame() const { return blame_; }
  // In the stack's order (the entry first).
  const std::vector<std::pair<std::string, TierFigures>>& tiers() const { return tiers_; }

 private:
  TierFigures& tier(const std::string& name);

  std::map<std::string, std::uint64_t> failures_;
  std::uint64_t degraded_ = 0;
  std::map<std::string, std::uint64_t> blame_;
  std::vector<std::pair<std::string, TierFigures>> tiers_;
  std::map<std::string, double> crashed_at_;  // per host, its last crash
  std::map<std::string, std::uint64_t> switched_epoch_;  // per cache tier, the last epoch switched to
};

}  // namespace halab
