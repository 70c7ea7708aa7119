// A database tier's shared state during a run (docs/six-tiers.md): what outlives its
// instances' processes — the replication log (each instance's binary and relay logs on
// disk), the promotions so far, and the faults on its disks and appliers — and the
// promotion that follows its write IP: the instance whose host takes the IP becomes the
// primary (dual master with keepalived: the other master is writable at once), keeping
// what it received, and every acknowledged write it lacks is lost (`db.promote`).
#pragma once

#include "models/replication/replication_log.hpp"
#include "sim/net/message.hpp"
#include "sim/scenario/scenario.hpp"

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct RunContext;
struct ServiceRun;

struct DatabaseRun {
  // For a tier of `instances` hosts; instance 0 is the primary until a host takes the IP.
  DatabaseRun(const DatabaseSpec& spec, const std::vector<std::string>& hosts);

  const DatabaseSpec& spec;
  ReplicationLog log;
  std::uint64_t term = 0;           // promotions so far: binlog events of an older primary are refused
  std::vector<char> disk_full;      // per instance: a disk-full fault (writes fail, reads work)
  std::vector<char> applier_broken; // per instance: a replication-broken fault on its SQL thread (it stops applying)
  std::vector<char> receiver_broken; // per instance: one on its I/O thread (it stops receiving)
  std::vector<char> reads;          // per instance: in the read pool

  // An operator's DROP TABLE (operator-error), replicated to every instance: the table
  // holds `dropped_share` of the keys, and requests for them fail until it is restored
  // from the last backup. What a restore loses is every write to the table acknowledged
  // since that backup, so those are kept: (commit acknowledged at, key), from the last
  // backup on (from the start without backups) — only where an operator error is scheduled.
  bool track_writes = false;
  bool dropped = false;
  double dropped_share = 1;
  std::deque<std::pair<double, std::uint64_t>> since_backup;

  // Whether `key` lies in a table holding `share` of the keys (drawn from the key).
  static bool in_table(std::uint64_t key, double share);
  // A write was acknowledged at `now` (kept if tracked; older than the last backup dropped).
  void acknowledged(double now, std::uint64_t key);
  // The start of the backup `now` would restore from (none: no backups).
  std::optional<double> last_backup(double now) const;
  // Drops the table (at `now`): the acknowledged writes it lost since the last backup.
  std::uint64_t drop(double now, double share);
};

// Host `host` has just taken service `svc`'s floating IP: the database instance there, of
// a tier whose write IP that is, becomes the primary (a `db.promote` event, except at the
// first election, before anything was written).
void promote_on_ip_take(RunContext& ctx, const ServiceRun& svc, HostId host, double now);

}  // namespace halab
