// What a tier instance counts and the summary adds up, written to and read from its
// `tier.stats` events under one list of keys (docs/trace-schema.md): requests received,
// answered ok, answered with each failure, degraded, retried below, and the writes it
// applied, applied again, or kept out with idempotency keys.
#pragma once

#include "sim/net/call_failure.hpp"
#include "sim/trace/trace.hpp"

#include <array>
#include <cstdint>

namespace halab {

struct TierCounts {
  std::uint64_t requests = 0;
  std::uint64_t ok = 0;
  std::array<std::uint64_t, kCallFailures.size() + 1> by_failure{};  // answers by failure (index_of)
  std::uint64_t degraded = 0;  // of `ok`: answered with a fallback (a failed weak dependency, or below one)
  std::uint64_t retried = 0;   // attempts below after a failed one: on another server, or the whole call again
  // Writes, at a tier that calls no other: applied; applied although applied before for the
  // same client request (a retried call); acknowledged by an idempotency key, unapplied.
  std::uint64_t writes_applied = 0;
  std::uint64_t writes_duplicated = 0;
  std::uint64_t writes_deduplicated = 0;

  std::uint64_t failed(CallFailure f) const { return by_failure[index_of(f)]; }
  std::uint64_t failed() const;
  bool empty() const;
  // The counts as the keys of an event or a summary object; and summed from them.
  void write_to(TraceEvent& e) const;
  void add_from(const TraceEvent& e);
};

// What the buffer queue of a tier instance's calls down did (models/resilience/buffer_queue),
// under its own keys of `tier.stats`, present only where the calls are buffered: calls
// accepted into the queue, delivered below, deliveries that failed and waited again, calls
// the queue held when its process died, and the most calls held and the longest a
// delivered call waited.
struct BufferCounts {
  std::uint64_t buffered = 0;
  std::uint64_t delivered = 0;
  std::uint64_t redelivered = 0;
  std::uint64_t lost = 0;
  std::uint64_t max_held = 0;
  double max_wait_s = 0;

  // Accepted and neither delivered nor lost: still held (at the end of the run).
  std::uint64_t undelivered() const { return buffered - delivered - lost; }
  bool empty() const;  // nothing counted (the maxima follow the counts)
  void write_to(TraceEvent& e) const;
  // Sums the counts and keeps the larger maxima.
  void add_from(const TraceEvent& e);
};

// What a database instance's reads saw (sim/stack/database_role), under its own keys of
// `tier.stats`, present only for a database tier: reads served, those served by a replica
// that had not applied every write committed on the primary, and how far behind the
// stalest was (from the commit of the first write it lacked).
struct DatabaseCounts {
  std::uint64_t reads = 0;
  std::uint64_t reads_stale = 0;
  double max_stale_s = 0;

  void write_to(TraceEvent& e) const;
  void add_from(const TraceEvent& e);
};

// A tier's lookups in the cache it looks aside to (sim/stack/cache_client), under keys of
// its `tier.stats` present only where it has one: reads looked up, found, and left
// unanswered by a server in time (counted as misses: the read goes down).
struct CacheLookups {
  std::uint64_t lookups = 0;
  std::uint64_t hits = 0;
  std::uint64_t timeouts = 0;

  void write_to(TraceEvent& e) const;
  void add_from(const TraceEvent& e);
};

// What a cache server answered, under keys of its `tier.stats`: gets, gets that found the
// key, sets applied (fills after a miss, and writes), and — run as Redis with Sentinel —
// clients' sets refused as a replica (-READONLY) or as a master short of good replicas
// (-NOREPLICAS, min-replicas-to-write).
struct CacheServes {
  std::uint64_t gets = 0;
  std::uint64_t get_hits = 0;
  std::uint64_t sets = 0;
  std::uint64_t sets_readonly = 0;
  std::uint64_t sets_noreplicas = 0;

  void write_to(TraceEvent& e) const;
  void add_from(const TraceEvent& e);
};

}  // namespace halab
