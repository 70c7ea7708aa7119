// What a database instance does besides serving requests (docs/six-tiers.md): as the
// primary it commits writes to the replication log (models/replication/replication_log),
// streams each to the replicas and answers the write when the log acknowledges it
// (at once when asynchronous; after replicas' acknowledgments when semi-sync or sync); as
// a replica it receives the primary's events into its relay log, acknowledges them, and
// applies them one at a time, `apply_time` each — reads it serves meanwhile are stale.
// A tier process with a database owns one and hands it each request whose work is done.
#pragma once

#include "sim/net/call_failure.hpp"
#include "sim/stack/tier_instance.hpp"

#include <optional>
#include <unordered_map>

namespace halab {

class DatabaseRole {
 public:
  class Listener {
   public:
    // A write waiting for replicas was acknowledged.
    virtual void write_done(Instant now, std::uint64_t job) = 0;

   protected:
    ~Listener() = default;
  };

  DatabaseRole(TierInstance& me, Listener& listener);

  void start(Instant now);
  // The earliest of its timers: the next event to apply, the oldest commit's timeout.
  Instant next_deadline() const;
  void on_timers(Instant now);
  // Job `job`'s work is done: a request for a dropped table fails now (no_table); a read is
  // answered now (none), a write fails now (read_only: this is not the primary; disk_full),
  // or it is committed and waits for the log's
  // acknowledgment (nullopt: write_done follows, possibly at once).
  std::optional<CallFailure> serve(Instant now, std::uint64_t job, std::uint64_t origin, bool write);
  // Binary log events and acknowledgments; false if `m` is neither.
  bool on_message(Instant now, const Message& m);
  // A hang: the writes waiting for replicas are never answered.
  void drop_all() { waiting_.clear(); }

 private:
  bool primary() const { return db_.log.primary() == me_.self; }
  std::uint64_t key_of(std::uint64_t origin) const;
  void take_events(Instant now);
  void schedule_apply(Instant now);
  void emit_replication(Instant now, const char* change, ReplicationLog::Seq position, std::optional<std::size_t> replica);

  TierInstance& me_;
  DatabaseRun& db_;
  Listener& listener_;
  std::unordered_map<ReplicationLog::Seq, std::uint64_t> waiting_;  // commit -> job, in this primary's term
  std::uint64_t term_ = 0;  // the term of the commits in waiting_
  Instant next_apply_ = Instant::never();
};

}  // namespace halab
