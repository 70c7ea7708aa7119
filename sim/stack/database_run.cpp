#include "sim/stack/database_run.hpp"

#include "sim/run/run_context.hpp"
#include "sim/trace/event_names.hpp"

#include "models/rng.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

DatabaseRun::DatabaseRun(const DatabaseSpec& s, const std::vector<std::string>& hosts)
    : spec(s), log(s.replication, hosts.size(), 0), disk_full(hosts.size(), 0), applier_broken(hosts.size(), 0),
      receiver_broken(hosts.size(), 0),
      reads(hosts.size(), s.read_pool.empty() ? 1 : 0) {
  for (const auto& h : s.read_pool) reads[static_cast<std::size_t>(std::find(hosts.begin(), hosts.end(), h) - hosts.begin())] = 1;
}

bool DatabaseRun::in_table(std::uint64_t key, double share) {
  return share >= 1 || static_cast<double>(splitmix64(key ^ 0x7ab1e5ULL) >> 11) * 0x1.0p-53 < share;
}

std::optional<double> DatabaseRun::last_backup(double now) const {
  if (!spec.backup_interval) return std::nullopt;
  const double every = spec.backup_interval->to_seconds();
  return std::floor(now / every) * every;
}

void DatabaseRun::acknowledged(double now, std::uint64_t key) {
  if (!track_writes) return;
  since_backup.emplace_back(now, key);
  if (const auto from = last_backup(now))
    while (!since_backup.empty() && since_backup.front().first < *from) since_backup.pop_front();
}

std::uint64_t DatabaseRun::drop(double now, double share) {
  dropped = true;
  dropped_share = share;
  const double from = last_backup(now).value_or(0);
  std::uint64_t lost = 0;
  for (const auto& [at, key] : since_backup)
    if (at >= from && in_table(key, share)) ++lost;
  return lost;
}

void promote_on_ip_take(RunContext& ctx, const ServiceRun& svc, HostId host, double now) {
  for (const auto& tier : ctx.tiers) {
    DatabaseRun* db = tier->database.get();
    if (!db || db->spec.write_vip != svc.service.name) continue;
    const std::size_t i = tier->instance_on(host);
    if (i == TierRun::kNone || db->log.primary() == i) continue;
    const std::size_t old = db->log.primary();
    const ReplicationLog::Loss loss = db->log.promote(i, !db->applier_broken[i]);
    if (db->term == 0 && loss.kept == 0 && loss.unacknowledged == 0) continue;  // the first election: nothing written yet
    if (db->term == 0 && loss.kept == 0 && loss.unacknowledged == 0) continue;  // the first election: nothing written yet
    ++db->term;
    TraceEvent e{{"tier", tier->spec.name}, {"node", ctx.name(host)}, {"from", ctx.name(tier->hosts[old])},
                 {"term", db->term}, {"position", loss.kept}, {"writes_lost", loss.acknowledged},
                 {"unacknowledged_lost", loss.unacknowledged}};
    if (loss.acknowledged > 0) {
      e["lost_from_s"] = loss.first_commit.to_seconds();
      e["lost_until_s"] = loss.last_commit.to_seconds();
    }
    ctx.trace.emit(now, event::db_promote, std::move(e));
  }
}

}  // namespace halab
