#include "sim/stack/database_run.hpp"

#include "sim/run/run_context.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {

DatabaseRun::DatabaseRun(const DatabaseSpec& s, const std::vector<std::string>& hosts)
    : spec(s), log(s.replication, hosts.size(), 0), disk_full(hosts.size(), 0), applier_broken(hosts.size(), 0),
      receiver_broken(hosts.size(), 0),
      reads(hosts.size(), s.read_pool.empty() ? 1 : 0) {
  for (const auto& h : s.read_pool) reads[static_cast<std::size_t>(std::find(hosts.begin(), hosts.end(), h) - hosts.begin())] = 1;
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
