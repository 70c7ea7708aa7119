// A primary's binary log and how far each replica has got in it — MySQL source/replica
// replication as the primary's commit path sees it, and what a failover loses.
//
// Sources: MySQL 8.0 Reference Manual 19.4.10 "Semisynchronous Replication" and 19.1.6.2
// (rpl_semi_sync_source_*):
// - asynchronous: a commit is acknowledged to the client as soon as the primary has
//   written it to its binary log; replicas fetch it when they can;
// - semi-synchronous, wait point AFTER_SYNC (the default): the primary writes the
//   transaction to its binary log and waits until `rpl_semi_sync_source_wait_for_replica_
//   count` (default 1) replicas have acknowledged *receipt* (written it to their relay
//   log), then acknowledges the client. If no acknowledgment comes within
//   `rpl_semi_sync_source_timeout` (default 10 s) it reverts to asynchronous replication —
//   the waiting commits return, and later ones do not wait — and it switches back to
//   semi-synchronous "when at least one semisynchronous replica catches up": in the source
//   (semisync_source.cc, try_switch_on) when a replica acknowledges a position at or past
//   the latest commit;
// - synchronous (Galera-style, "all replicas are required to respond that they have
//   received the events", MariaDB's semisynchronous replication page): a commit waits for
//   every replica in the primary's view; a replica that leaves it unanswered for the
//   timeout is evicted from the view (Galera's evs.suspect_timeout, 5 s) and rejoins when it
//   has caught up. The primary never reverts to asynchronous.
// A replica's position is two numbers: what it received (relay log, the I/O thread) and
// what it applied (the SQL thread); reads it serves are stale while applied < the primary's.
// What the primary waits for is a third: the acknowledgments of receipt that reached it.
//
// Failover: the replica promoted keeps what it received (its relay log is applied first)
// — or only what it applied, when its applier is broken and cannot finish the relay log.
// Every acknowledged write past that is lost: the failover's RPO, exactly, as writes and as
// the time window they span. The other replicas follow the new primary from its position
// (what they had past it is discarded with the old primary's history).
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace halab {

enum class ReplicationMode { async, semi_sync, sync };
// "async", "semi-sync", "sync": as a scenario names them.
const char* to_string(ReplicationMode mode);

struct ReplicationConfig {
  ReplicationMode mode = ReplicationMode::async;
  // semi_sync: rpl_semi_sync_source_timeout; sync: how long a replica may leave a commit
  // unanswered before it is evicted from the view.
  Duration timeout = Duration::seconds(10);
  int wait_for_replica_count = 1;  // semi_sync: rpl_semi_sync_source_wait_for_replica_count
};

class ReplicationLog {
 public:
  using Seq = std::uint64_t;  // a position in the primary's binary log: 1, 2, …

  // What changed, for the trace: in the order it happened.
  struct Event {
    enum class Kind { acknowledged, semi_sync_off, semi_sync_on, left_view, joined_view };
    Kind kind;
    Instant at;
    Seq seq = 0;                 // acknowledged: the commit; semi_sync_off: the one that timed out
    std::uint64_t write = 0;     // acknowledged: the write it carries
    std::size_t member = 0;      // left_view, joined_view, semi_sync_on: the replica
  };
  // What a promotion lost.
  struct Loss {
    std::uint64_t acknowledged = 0;    // writes the clients were told were committed
    std::uint64_t unacknowledged = 0;  // still waiting for replicas: their clients saw no success
    Instant first_commit;              // the span of the acknowledged writes lost
    Instant last_commit;
    Seq kept = 0;  // the new primary's position
  };

  // `members` database instances; `primary` writes first.
  ReplicationLog(ReplicationConfig config, std::size_t members, std::size_t primary);

  // The primary commits write `write`; in async mode (or semi-sync fallen back) it is
  // acknowledged at once (an `acknowledged` event).
  Seq commit(Instant now, std::uint64_t write);
  // Replica `m` has received everything up to `upto`: written it to its relay log.
  void received(std::size_t m, Seq upto);
  // Replica `m`'s acknowledgment of everything up to `upto` reached the primary: what
  // semi-sync and sync commits wait for (a write received is known to the primary only then).
  void acknowledged_by(Instant now, std::size_t m, Seq upto);
  // Replica `m` has applied everything up to `upto`.
  void applied(std::size_t m, Seq upto);
  // When the oldest waiting commit times out (infinite when none waits).
  Instant next_deadline() const;
  void on_timers(Instant now);
  // Member `m` becomes the primary; `relay_log_applies`: it finishes applying what it
  // received (false when its applier is broken).
  Loss promote(std::size_t m, bool relay_log_applies);

  // What happened since the last call, oldest first.
  std::vector<Event> take_events();

  std::size_t primary() const { return primary_; }
  Seq head() const { return head_; }
  Seq received_by(std::size_t m) const { return received_[m]; }
  Seq applied_by(std::size_t m) const { return applied_[m]; }
  bool semi_sync_on() const { return semi_on_; }
  bool in_view(std::size_t m) const { return in_view_[m] != 0; }
  // Commits waiting for replicas.
  std::size_t waiting() const { return waiting_.size(); }
  // When the primary committed `seq` (which must still be held: past every replica's applied).
  Instant commit_time(Seq seq) const;
  // How far behind the primary member `m`'s applied data is, in time: from the commit of
  // the first write it has not applied until `now` (zero when it is up to date).
  Duration lag(Instant now, std::size_t m) const;

 private:
  struct Entry {
    Seq seq;
    Instant committed;
    std::uint64_t write;
    bool acknowledged;
  };
  struct Waiting {
    Seq seq;
    Instant since;
  };

  bool enough_replicas(Seq seq) const;
  void acknowledge_ready(Instant now);
  void acknowledge(Instant now, Seq seq);
  void acknowledge_all_waiting(Instant now);
  void rejoin_if_caught_up(Instant now, std::size_t m);
  Entry& entry(Seq seq);
  void trim();

  ReplicationConfig config_;
  std::size_t primary_;
  Seq head_ = 0;
  std::vector<Seq> received_;
  std::vector<Seq> acked_;  // what the primary heard each replica received
  std::vector<Seq> applied_;
  std::vector<char> in_view_;  // sync: the replicas a commit waits for
  std::deque<Entry> entries_;  // seq > every member's applied position, in order
  std::deque<Waiting> waiting_;
  bool semi_on_ = true;
  std::vector<Event> events_;
};

}  // namespace halab
