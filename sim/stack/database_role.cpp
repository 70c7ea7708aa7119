#include "sim/stack/database_role.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

DatabaseRole::DatabaseRole(TierInstance& me, Listener& listener)
    : me_(me), db_(*me.tier.database), listener_(listener), term_(db_.term) {}

void DatabaseRole::start(Instant now) { schedule_apply(now); }

Instant DatabaseRole::next_deadline() const {
  return primary() ? std::min(next_apply_, db_.log.next_deadline()) : next_apply_;
}

void DatabaseRole::on_timers(Instant now) {
  if (next_apply_ <= now) {
    // The applier, one event per apply_time, has applied every event it reached by now.
    if (!db_.applier_broken[me_.self]) {
      const Duration step = db_.spec.apply_time;
      const auto due = static_cast<ReplicationLog::Seq>(1 + std::floor((now - next_apply_).to_seconds() / step.to_seconds()));
      db_.log.applied(me_.self, std::min(db_.log.applied_by(me_.self) + due, db_.log.received_by(me_.self)));
    }
    next_apply_ = Instant::never();
    schedule_apply(now);
  }
  if (primary()) {
    db_.log.on_timers(now);
    take_events(now);
  }
}

std::uint64_t DatabaseRole::key_of(std::uint64_t origin) const { return me_.ctx.keys ? me_.ctx.key_of(origin) : 0; }

std::optional<CallFailure> DatabaseRole::serve(Instant now, std::uint64_t job, std::uint64_t origin, bool write) {
  if (db_.dropped && DatabaseRun::in_table(key_of(origin), db_.dropped_share)) return CallFailure::no_table;
  if (!write) {
    DatabaseCounts& c = me_.stats.database;
    ++c.reads;
    if (const Duration behind = db_.log.lag(now, me_.self); behind > Duration()) {
      ++c.reads_stale;
      c.max_stale_s = std::max(c.max_stale_s, behind.to_seconds());
    }
    return CallFailure::none;
  }
  if (!primary()) return CallFailure::read_only;
  if (db_.disk_full[me_.self]) return CallFailure::disk_full;
  if (term_ != db_.term) {  // promoted since its last commit: what an older term waited for is gone
    waiting_.clear();
    term_ = db_.term;
  }
  me_.apply_write(now, origin);
  const ReplicationLog::Seq seq = db_.log.commit(now, origin);
  waiting_.emplace(seq, job);
  for (std::size_t i = 0; i < me_.tier.endpoints.size(); ++i)
    if (i != me_.self)
      me_.ctx.network.send(me_.tier.endpoints[i], make_message(me_.endpoint, me_.incarnation(), msg::Binlog{seq, db_.term}),
                           kBinlogBytes);
  take_events(now);
  return std::nullopt;
}

bool DatabaseRole::on_message(Instant now, const Message& m) {
  if (const auto* events = m.as<msg::Binlog>()) {
    if (events->term != db_.term || primary()) return true;  // from a primary since replaced
    // A stopped I/O thread reads nothing; once it runs again it fetches everything it lacks
    // with the next event streamed.
    if (db_.receiver_broken[me_.self]) return true;
    db_.log.received(me_.self, events->upto);
    if (db_.spec.replication.mode != ReplicationMode::async)
      me_.ctx.network.send(m.from, make_message(me_.endpoint, me_.incarnation(), msg::BinlogAck{events->upto, events->term}),
                           kHeartbeatBytes);
    schedule_apply(now);
    return true;
  }
  if (const auto* ack = m.as<msg::BinlogAck>()) {
    if (ack->term != db_.term || !primary()) return true;
    const auto& eps = me_.tier.endpoints;
    const auto from = static_cast<std::size_t>(std::find(eps.begin(), eps.end(), m.from) - eps.begin());
    if (from == eps.size()) return true;  // not one of the tier's instances
    db_.log.acknowledged_by(now, from, ack->upto);
    take_events(now);
    return true;
  }
  return false;
}

void DatabaseRole::take_events(Instant now) {
  for (const ReplicationLog::Event& e : db_.log.take_events()) {
    using Kind = ReplicationLog::Event::Kind;
    switch (e.kind) {
      case Kind::acknowledged:
        if (auto it = waiting_.find(e.seq); it != waiting_.end()) {
          const std::uint64_t job = it->second;
          waiting_.erase(it);
          db_.acknowledged(now.to_seconds(), key_of(e.write));
          listener_.write_done(now, job);
        }
        break;
      case Kind::semi_sync_off: emit_replication(now, "semi_sync_off", e.seq, std::nullopt); break;
      case Kind::semi_sync_on: emit_replication(now, "semi_sync_on", e.seq, e.member); break;
      case Kind::left_view: emit_replication(now, "left_view", e.seq, e.member); break;
      case Kind::joined_view: emit_replication(now, "joined_view", e.seq, e.member); break;
    }
  }
}

// The applier runs while it has received events it has not applied, unless it is broken
// (it resumes with the next event received after the fault ends) or this is the primary.
void DatabaseRole::schedule_apply(Instant now) {
  if (next_apply_ != Instant::never()) return;
  if (primary() || db_.applier_broken[me_.self] || db_.log.applied_by(me_.self) >= db_.log.received_by(me_.self)) return;
  next_apply_ = now + db_.spec.apply_time;
}

void DatabaseRole::emit_replication(Instant now, const char* change, ReplicationLog::Seq position,
                                    std::optional<std::size_t> replica) {
  TraceEvent e{{"tier", me_.tier.spec.name}, {"node", me_.ctx.name(me_.host)}, {"change", change}, {"position", position}};
  if (replica) e["replica"] = me_.ctx.name(me_.tier.hosts[*replica]);
  me_.ctx.trace.emit(now.to_seconds(), event::db_replication, std::move(e));
}

}  // namespace halab
