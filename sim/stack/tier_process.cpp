#include "sim/stack/tier_process.hpp"

#include "sim/service/process_loop.hpp"
#include "sim/stack/cache_client.hpp"
#include "sim/stack/database_role.hpp"
#include "sim/stack/director_process.hpp"
#include "sim/stack/sentinel_process.hpp"
#include "sim/stack/upstream_caller.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace halab {
namespace sg4 = simgrid::s4u;

namespace {

// Instance `i` of `tier` died or started: the registry learns it, and each tier that
// finds it through a registry will see it `lag` later.
void record_lifecycle(RunContext& ctx, TierRun& tier, std::size_t i, bool alive) {
  const double now = simgrid::s4u::Engine::get_clock();
  tier.lifecycle.push_back({now, i, alive});
  for (const auto& caller : ctx.tiers) {
    const auto& u = caller->spec.upstream;
    if (u && u->tier == tier.spec.name && u->registry_lag)
      ctx.trace.emit(now, event::registry_change,
                     {{"tier", caller->spec.name}, {"server", ctx.name(tier.hosts[i])}, {"listed", alive},
                      {"visible_at_s", now + u->registry_lag->to_seconds()}});
  }
}

// The calls an instance's buffer queue held die with its process.
void lose_buffer(TierRun& tier, std::size_t i) {
  tier.stats[i].buffer.lost += static_cast<std::uint64_t>(tier.buffer_held[i]);
  tier.buffer_held[i] = 0;
}

class TierProcess final : public UpstreamCaller::Listener, public DatabaseRole::Listener, public CacheClient::Listener {
 public:
  TierProcess(RunContext& ctx, TierRun& tier, std::size_t self) : me_(ctx, tier, self, "tier"), spec_(tier.spec) {
    if (spec_.upstream) caller_.emplace(me_, *this);
    if (spec_.database) database_.emplace(me_, *this);
    if (spec_.cache) cache_.emplace(me_, *this);
    if (spec_.store && me_.incarnation() == 0) warm_cache(ctx, tier, self, tier.cache->memory[self]);  // a restart is empty
  }

  void start(Instant now) {
    me_.start_stats(now);
    if (spec_.rate_limit) bucket_.emplace(*spec_.rate_limit, now);
    if (caller_) caller_->start(now);
    if (database_) database_->start(now);
    if (cache_) cache_->start(now);
    if (spec_.sentinel) start_redis(now);
  }

  Instant next_deadline() const {
    if (drained_) return Instant::never();  // stopped: no checks, no stats, nothing to time
    Instant t = me_.next_stats;
    if (!services_.empty()) t = std::min(t, Instant::at_seconds(services_.top().first));
    if (caller_) t = std::min(t, caller_->next_deadline());
    if (database_) t = std::min(t, database_->next_deadline());
    if (cache_) t = std::min(t, cache_->next_deadline());
    return std::min(t, next_cron_);
  }

  void on_timers(Instant now) {
    if (drained_) return;
    if (me_.tier.hung[me_.self]) drop_all(now);
    while (!services_.empty() && services_.top().first <= now.to_seconds()) {
      const std::uint64_t job = services_.top().second;
      services_.pop();
      const Job& j = jobs_.at(job);
      if (cache_ && !j.write) {
        cache_->lookup(now, job, me_.ctx.key_of(j.origin));
      } else if (caller_) {
        caller_->call(now, job, j.origin, j.write);
      } else if (database_) {
        if (std::optional<CallFailure> answer = database_->serve(now, job, j.origin, j.write))
          finish(now, job, UpstreamCaller::Outcome{*answer, *answer == CallFailure::none ? std::int16_t{-1} : tier_index(), false});
      } else {
        if (j.write) me_.apply_write(now, j.origin);
        finish(now, job, UpstreamCaller::Outcome{});
      }
    }
    if (caller_) caller_->on_timers(now);
    if (database_) database_->on_timers(now);
    if (cache_) cache_->on_timers(now);
    if (now >= next_cron_) replication_cron(now);
    stopped_if_drained(now);  // its buffer queue may have delivered its last call
    if (me_.record_stats_if_due(now)) {  // the next window starts from what is busy now
      me_.stats.max_busy = static_cast<std::uint64_t>(busy_);
      me_.stats.max_queue = waiting_.size();
    }
  }

  bool on_message(Instant now, const Message& m) {
    if (m.as<msg::Stop>()) {
      begin_stop(now);
      return true;
    }
    if (me_.tier.closed[me_.self]) {  // the host's kernel answers for the closed port
      refuse_closed(m);
      if (caller_) caller_->on_message(now, m);  // the answers for the work still draining
      stopped_if_drained(now);
      return true;
    }
    if (me_.tier.hung[me_.self]) {  // alive, answering nothing: a request arrives and is never answered
      if (m.as<msg::Request>()) ++me_.stats.requests;
      if (const auto* probe = m.as<msg::Probe>(); probe && probe->connect_only) answer_probe(m.from, *probe);
      return true;
    }
    if (const auto* request = m.as<msg::Request>()) on_request(now, request->reply_to.value_or(m.from), *request);
    else if (const auto* probe = m.as<msg::Probe>()) answer_probe(m.from, *probe);
    else if (database_ && database_->on_message(now, m)) return true;
    else if (tier_has_store() && serve_cache(now, m)) return true;
    else if (cache_ && cache_->on_message(now, m)) return true;
    else if (caller_) caller_->on_message(now, m);
    return true;
  }

  void call_done(Instant now, std::uint64_t job, const UpstreamCaller::Outcome& outcome) override {
    if (cache_ && outcome.failure == CallFailure::none && !outcome.degraded) {
      const Job& j = jobs_.at(job);
      if (j.write || j.missed) cache_->store(me_.ctx.key_of(j.origin));  // write, or fill after a miss
    }
    finish(now, job, outcome);
  }
  void lookup_done(Instant now, std::uint64_t job, bool hit) override {
    if (hit) {
      finish(now, job, UpstreamCaller::Outcome{});
      return;
    }
    Job& j = jobs_.at(job);
    j.missed = true;
    caller_->call(now, job, j.origin, false);
  }
  void write_done(Instant now, std::uint64_t job) override { finish(now, job, UpstreamCaller::Outcome{}); }

 private:
  // A graceful stop (nginx -s quit, a service's SIGTERM handler): the listening port closes
  // and the instance leaves the registry at once; the jobs already accepted — served,
  // queued or calling down — are answered; then the process has nothing left to do.
  void begin_stop(Instant now) {
    TierRun& tier = me_.tier;
    if (tier.closed[me_.self]) return;
    tier.closed[me_.self] = 1;
    me_.ctx.trace.emit(now.to_seconds(), event::tier_stop,
                       {{"tier", tier.spec.name}, {"node", me_.ctx.name(me_.host)}, {"in_flight", jobs_.size()}});
    record_lifecycle(me_.ctx, tier, me_.self, false);
    stopped_if_drained(now);
  }

  void stopped_if_drained(Instant now) {
    if (!me_.tier.closed[me_.self] || !jobs_.empty() || drained_ || (caller_ && caller_->buffered() > 0)) return;
    drained_ = true;
    flush_tier_stats(me_.ctx, me_.tier, me_.self, now.to_seconds());
    me_.ctx.trace.emit(now.to_seconds(), event::tier_stopped, {{"tier", me_.tier.spec.name}, {"node", me_.ctx.name(me_.host)}});
  }

  // What reaches a closed port: a connection is reset, a check's connect fails.
  void refuse_closed(const Message& m) {
    if (const auto* request = m.as<msg::Request>()) {
      me_.ctx.network.send(request->reply_to.value_or(m.from),
                           make_message(me_.endpoint, me_.incarnation(),
                                        msg::Reply{request->id, CallFailure::refused, static_cast<std::int16_t>(me_.tier.index)}),
                           kReplyBytes);
    } else if (const auto* probe = m.as<msg::Probe>()) {
      me_.ctx.network.send(m.from, make_message(me_.endpoint, me_.incarnation(), msg::ProbeReply{probe->id, true}),
                           kHeartbeatBytes);
    }
  }

  void answer_probe(Endpoint from, const msg::Probe& probe) {
    me_.ctx.network.send(from, make_message(me_.endpoint, me_.incarnation(), msg::ProbeReply{probe.id}), kHeartbeatBytes);
  }

  struct Job {
    Endpoint caller = 0;
    std::uint64_t caller_id = 0;
    Instant arrived;
    std::uint64_t origin = 0;  // the client request it serves
    bool write = false;
    bool missed = false;  // a read its cache did not have
  };

  bool tier_has_store() const { return me_.tier.cache != nullptr; }

  // Run as Redis with Sentinel: a restarted replica syncs in full from its master (if that
  // one is up); replicationCron starts a second later.
  void start_redis(Instant now) {
    CacheRun& cache = *me_.tier.cache;
    if (const auto m = cache.replica_of[me_.self]; m && me_.incarnation() > 0 && me_.tier.processes[*m]) sync_from(now, *m);
    next_cron_ = now + Duration::seconds(1);
  }

  // replicationCron, once a second: a replica acknowledges its master's stream; a master
  // counts its good replicas (min-replicas-to-write). A hung instance does neither.
  void replication_cron(Instant now) {
    CacheRun& cache = *me_.tier.cache;
    if (me_.tier.hung[me_.self]) {
      next_cron_ = now + Duration::seconds(1);
      return;
    }
    if (const auto m = cache.replica_of[me_.self])
      me_.ctx.network.send(me_.tier.endpoints[*m], make_message(me_.endpoint, me_.incarnation(), msg::ReplAck{cache.offset[me_.self]}),
                           kHeartbeatBytes);
    else
      cache.gates[me_.self].refresh(now);
    next_cron_ = now + Duration::seconds(1);
  }

  // A full resync: the replica's memory and offset become its master's, and the master
  // counts it online.
  void sync_from(Instant now, std::size_t m) {
    CacheRun& cache = *me_.tier.cache;
    cache.memory[me_.self] = cache.memory[m];
    cache.offset[me_.self] = cache.offset[m];
    cache.gates[m].online(me_.self, now);
  }

  // A cache server's gets and sets, answered at once (an in-memory store). Run as Redis
  // with Sentinel: the master applies a client's set — unless it has too few good
  // replicas (-NOREPLICAS) — and passes it to its replicas; a replica applies its master's
  // and refuses a client's (-READONLY: the client asks Sentinel again); each answers a
  // Sentinel's PING with its role and offset, acknowledges its master's stream, and obeys
  // SLAVEOF.
  bool serve_cache(Instant now, const Message& m) {
    CacheRun& cache = *me_.tier.cache;
    LruStore& memory = cache.memory[me_.self];
    auto& master = cache.replica_of[me_.self];  // none: it is the master (or no roles at all)
    if (const auto* get = m.as<msg::CacheGet>()) {
      const bool hit = memory.get(get->key);
      ++me_.stats.served.gets;
      if (hit) ++me_.stats.served.get_hits;
      me_.ctx.network.send(m.from, make_message(me_.endpoint, me_.incarnation(), msg::CacheReply{get->id, hit}),
                           kHeartbeatBytes);
    } else if (const auto* set = m.as<msg::CacheSet>()) {
      if (set->replicated && (!master || me_.tier.endpoints[*master] != m.from)) return true;  // not its master's
      if (!set->replicated && master) {
        ++me_.stats.served.sets_readonly;
        me_.ctx.network.send(m.from, make_message(me_.endpoint, me_.incarnation(), msg::CacheReadOnly{}), kHeartbeatBytes);
        return true;
      }
      if (!set->replicated && !cache.gates[me_.self].accepts_writes()) {
        ++me_.stats.served.sets_noreplicas;
        return true;
      }
      ++me_.stats.served.sets;
      memory.set(set->key);
      ++cache.offset[me_.self];
      if (me_.tier.spec.sentinel && !master)
        for (std::size_t r = 0; r < cache.replica_of.size(); ++r)
          if (cache.replica_of[r] == me_.self)
            me_.ctx.network.send(me_.tier.endpoints[r], make_message(me_.endpoint, me_.incarnation(), msg::CacheSet{set->key, true}),
                                 kRequestBytes);
    } else if (const auto* ping = m.as<msg::RedisPing>()) {
      me_.ctx.network.send(m.from,
                           make_message(me_.endpoint, me_.incarnation(), msg::RedisPong{ping->id, !master, cache.offset[me_.self]}),
                           kHeartbeatBytes);
    } else if (const auto* of = m.as<msg::ReplicaOf>()) {
      replicate_from(now, of->master);
    } else if (m.as<msg::ReplAck>()) {
      const auto& eps = me_.tier.endpoints;
      const auto r = static_cast<std::size_t>(std::find(eps.begin(), eps.end(), m.from) - eps.begin());
      if (!master && r < cache.replica_of.size() && cache.replica_of[r] == me_.self) cache.gates[me_.self].acked(r, now);
    } else {
      return false;
    }
    return true;
  }

  // SLAVEOF: NO ONE makes it the master; a master's name makes it that master's replica,
  // which copies the master's data unless it is already at the same offset (a full
  // resync). A master made a replica discards the writes it accepted that its new master
  // lacks (`discarded`).
  void replicate_from(Instant now, std::int32_t of) {
    CacheRun& cache = *me_.tier.cache;
    TraceEvent e{{"tier", me_.tier.spec.name}, {"node", me_.ctx.name(me_.host)}};
    const std::optional<std::size_t> was = cache.replica_of[me_.self];
    if (was) cache.gates[*was].gone(me_.self, now);  // its link to the old master closes
    if (of < 0) {
      cache.promoted(me_.self);
      cache.replica_of[me_.self].reset();
      e["role"] = "master";
    } else {
      const auto m = static_cast<std::size_t>(of);
      if (!was) e["discarded"] = cache.lacked_by(me_.self, m);
      cache.replica_of[me_.self] = m;
      if (!was || cache.offset[me_.self] != cache.offset[m]) sync_from(now, m);
      else cache.gates[m].online(me_.self, now);
      e["role"] = "replica";
      e["master"] = me_.ctx.name(me_.tier.hosts[m]);
    }
    me_.ctx.trace.emit(now.to_seconds(), event::cache_role, std::move(e));
  }

  void on_request(Instant now, Endpoint from, const msg::Request& request) {
    if (!me_.accepts_requests()) return;
    ++me_.stats.requests;
    const std::uint64_t id = next_job_++;
    jobs_.emplace(id, Job{from, request.id, now, request.origin, request.write});
    if (bucket_ && !bucket_->try_take(now)) {
      refuse(now, id, CallFailure::rate_limited);
    } else if (spec_.workers == 0 || busy_ < spec_.workers) {
      begin_service(now, id);
    } else if (static_cast<int>(waiting_.size()) < spec_.queue) {
      waiting_.push_back(id);
      me_.stats.max_queue = std::max<std::uint64_t>(me_.stats.max_queue, waiting_.size());
    } else {
      refuse(now, id, CallFailure::overloaded);
    }
  }

  std::int16_t tier_index() const { return static_cast<std::int16_t>(me_.tier.index); }

  // Answered at once, without a worker: the failure begins here.
  void refuse(Instant now, std::uint64_t job, CallFailure why) {
    reply(now, jobs_.at(job), UpstreamCaller::Outcome{why, tier_index(), false});
    jobs_.erase(job);
  }

  void begin_service(Instant now, std::uint64_t job) {
    ++busy_;
    me_.stats.max_busy = std::max<std::uint64_t>(me_.stats.max_busy, static_cast<std::uint64_t>(busy_));
    double d = spec_.service_time.to_seconds() * me_.tier.slow[me_.self];
    if (spec_.exponential && d > 0) d = me_.rng.exponential(d);
    services_.push({(now + Duration::seconds(d)).to_seconds(), job});
  }

  // The job is answered; its worker takes the next waiting job.
  void finish(Instant now, std::uint64_t job, const UpstreamCaller::Outcome& outcome) {
    auto it = jobs_.find(job);
    reply(now, it->second, outcome);
    jobs_.erase(it);
    --busy_;
    if (!waiting_.empty()) {
      const std::uint64_t next = waiting_.front();
      waiting_.pop_front();
      begin_service(now, next);
    }
    stopped_if_drained(now);
  }

  void reply(Instant now, const Job& j, const UpstreamCaller::Outcome& outcome) {
    const bool ok = outcome.failure == CallFailure::none;
    const bool degraded = ok && outcome.degraded;
    if (ok) {
      ++me_.stats.ok;
      me_.stats.latency.record((now - j.arrived).to_seconds());
    }
    else ++me_.stats.by_failure[index_of(outcome.failure)];
    if (degraded) ++me_.stats.degraded;
    me_.ctx.network.send(j.caller,
                         make_message(me_.endpoint, me_.incarnation(),
                                      msg::Reply{j.caller_id, outcome.failure, ok ? std::int16_t{-1} : outcome.blame, degraded}),
                         kReplyBytes);
  }

  // A hang: whatever was in flight is never answered.
  void drop_all(Instant now) {
    if (caller_) caller_->drop_all(now);
    if (database_) database_->drop_all();
    if (cache_) cache_->drop_all();
    jobs_.clear();
    waiting_.clear();
    services_ = {};
    busy_ = 0;
  }

  TierInstance me_;
  const TierSpec& spec_;
  std::optional<UpstreamCaller> caller_;  // the way down, for a tier that calls another
  std::optional<DatabaseRole> database_;  // replication, for a database tier
  std::optional<CacheClient> cache_;      // the cache it looks aside to
  std::optional<TokenBucket> bucket_;     // its rate limit
  std::unordered_map<std::uint64_t, Job> jobs_;
  std::deque<std::uint64_t> waiting_;  // jobs waiting for a worker
  int busy_ = 0;
  TimerHeap services_;  // (done at, job)
  std::uint64_t next_job_ = 0;
  bool drained_ = false;  // stopped gracefully, and nothing is left in flight
  Instant next_cron_ = Instant::never();  // a Redis instance's replicationCron
};

}  // namespace

void spawn_tier_instance(RunContext& ctx, TierRun& tier, std::size_t instance) {
  tier.processes[instance] = tier.spec.director ? make_director(ctx, tier, instance)
                                                : std::make_unique<LoopOf<TierProcess>>(
                                                      ctx.network, tier.endpoints[instance],
                                                      tier_process_name(ctx, tier, instance), ctx, tier, instance);
}

void crash_tier_on(RunContext& ctx, HostId h) {
  crash_sentinels_on(ctx, h);
  TierRun* tier = ctx.tier_on(h);
  if (!tier) return;
  const std::size_t i = tier->instance_on(h);
  lose_buffer(*tier, i);
  flush_tier_stats(ctx, *tier, i, simgrid::s4u::Engine::get_clock());  // what it served until now
  if (tier->cache) tier->cache->lost(i);  // in memory only
  if (tier->processes[i]) {
    if (!tier->closed[i]) record_lifecycle(ctx, *tier, i, false);  // a stopped one left already
    tier->closed[i] = 0;
    tier->processes[i].reset();
  }
}

void stop_tier_on(RunContext& ctx, HostId h) {
  TierRun* tier = ctx.tier_on(h);
  if (!tier) return;
  const std::size_t i = tier->instance_on(h);
  if (tier->running(i)) ctx.network.post(tier->endpoints[i], make_message(tier->endpoints[i], 0, msg::Stop{}));
}

void restart_tier_on(RunContext& ctx, HostId h) {
  restart_sentinels_on(ctx, h);
  TierRun* tier = ctx.tier_on(h);
  if (!tier) return;
  const std::size_t i = tier->instance_on(h);
  if (tier->running(i)) return;
  if (tier->processes[i]) {  // stopped gracefully: what answered for its closed port goes
    lose_buffer(*tier, i);  // what it could not deliver before its restart
    tier->processes[i].reset();
    tier->closed[i] = 0;
  }
  ctx.network.clear(tier->endpoints[i]);
  ++tier->incarnations[i];
  spawn_tier_instance(ctx, *tier, i);
  record_lifecycle(ctx, *tier, i, true);
}

}  // namespace halab
