#include "sim/stack/sentinel_process.hpp"

#include "models/cache/sentinel.hpp"
#include "sim/service/process_loop.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {
namespace {

constexpr Duration kHelloPeriod = Duration::seconds(2);  // sentinel_publish_period

const char* name_of(Sentinel::Event::Kind k) {
  using K = Sentinel::Event::Kind;
  switch (k) {
    case K::sdown: return "+sdown";
    case K::sdown_cleared: return "-sdown";
    case K::odown: return "+odown";
    case K::odown_cleared: return "-odown";
    case K::try_failover: return "+try-failover";
    case K::vote_for_leader: return "+vote-for-leader";
    case K::elected_leader: return "+elected-leader";
    case K::abort_not_elected: return "-failover-abort-not-elected";
    case K::selected_replica: return "+selected-slave";
    case K::abort_no_good_replica: return "-failover-abort-no-good-slave";
    case K::promoted_replica: return "+promoted-slave";
    case K::abort_replica_timeout: return "-failover-abort-slave-timeout";
  }
  return "?";
}

class SentinelProcess {
 public:
  SentinelProcess(RunContext& ctx, TierRun& tier, std::size_t self)
      : ctx_(ctx), tier_(tier), cache_(*tier.cache), spec_(*tier.spec.sentinel), self_(self),
        model_(spec_.config, self, spec_.hosts.size()),
        rng_(Rng::stream(ctx.seed, "sentinel:" + tier.spec.name + ":" + spec_.hosts[self] + ":" +
                                       std::to_string(cache_.sentinel_incarnations[self]))),
        known_(tier.hosts.size()) {}

  void start(Instant now) {
    next_tick_ = now + Duration::seconds(0.1 * rng_.uniform01());
    next_ping_ = now + Sentinel::kPingPeriod * rng_.uniform01();
    next_hello_ = now + kHelloPeriod;
  }

  Instant next_deadline() const { return next_tick_; }

  void on_timers(Instant now) {
    if (now < next_tick_) return;
    if (now >= next_ping_) {
      ping_all(now);
      next_ping_ = now + Sentinel::kPingPeriod;
    }
    if (now >= next_hello_ && model_.config_epoch() > 0) {
      hello_all();
      next_hello_ = now + kHelloPeriod;
    }
    tick(now);
    // server.hz = 10 + rand() % 10: the timer's rate changes at every tick
    next_tick_ = now + Duration::seconds(1.0 / (10 + static_cast<double>(rng_.next_u64() % 10)));
  }

  bool on_message(Instant now, const Message& m) {
    if (const auto* pong = m.as<msg::RedisPong>()) on_pong(now, instance_at(m.from), *pong);
    else if (const auto* ask = m.as<msg::SentinelAsk>()) {
      const auto reply = model_.on_request(now, ask->epoch,
                                           ask->candidate < 0 ? std::nullopt : std::optional<std::size_t>(ask->candidate), rng_);
      send(m.from, msg::SentinelAnswer{reply.master_down, reply.leader ? static_cast<std::int32_t>(*reply.leader) : -1,
                                       reply.leader_epoch});
      take_events(now);
    } else if (const auto* answer = m.as<msg::SentinelAnswer>()) {
      if (const std::size_t peer = sentinel_at(m.from); peer != kNone)
        model_.on_reply(now, peer,
                        {answer->down, answer->leader < 0 ? std::nullopt : std::optional<std::size_t>(answer->leader),
                         answer->leader_epoch});
    } else if (const auto* hello = m.as<msg::SentinelHello>()) {
      if (hello->config_epoch > model_.config_epoch() && hello->master != master_) switch_to(now, hello->master, hello->config_epoch);
    } else if (m.as<msg::SentinelWhere>()) {
      if (std::find(subscribers_.begin(), subscribers_.end(), m.from) == subscribers_.end()) subscribers_.push_back(m.from);
      send(m.from, msg::SentinelMaster{static_cast<std::uint32_t>(announced_master())});
    }
    return true;
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  template <class T>
  void send(Endpoint to, T payload) {
    ctx_.network.send(to, make_message(cache_.sentinel_endpoints[self_], cache_.sentinel_incarnations[self_], std::move(payload)),
                      kHeartbeatBytes);
  }
  std::size_t instance_at(Endpoint e) const {
    const auto& eps = tier_.endpoints;
    return static_cast<std::size_t>(std::find(eps.begin(), eps.end(), e) - eps.begin());
  }
  std::size_t sentinel_at(Endpoint e) const {
    const auto& eps = cache_.sentinel_endpoints;
    const auto it = std::find(eps.begin(), eps.end(), e);
    return it == eps.end() ? kNone : static_cast<std::size_t>(it - eps.begin());
  }
  // get-master-addr-by-name: the promoted replica once it has become master
  // (sentinelGetCurrentMasterAddress).
  std::size_t announced_master() const {
    if (model_.failover() == Sentinel::Failover::reconf_replicas && model_.promoted()) return replica_instance(*model_.promoted());
    return master_;
  }
  // The model numbers the replicas it knows: every instance but the master, in order.
  std::size_t replica_instance(std::size_t r) const { return r < master_ ? r : r + 1; }

  void ping_all(Instant now) {
    for (std::size_t i = 0; i < tier_.hosts.size(); ++i) {
      if (i == master_) model_.ping_sent(now);
      send(tier_.endpoints[i], msg::RedisPing{next_ping_id_++});
    }
  }

  void hello_all() {
    for (std::size_t p = 0; p < cache_.sentinel_endpoints.size(); ++p)
      if (p != self_) send(cache_.sentinel_endpoints[p], msg::SentinelHello{model_.config_epoch(), static_cast<std::uint32_t>(master_)});
  }

  void on_pong(Instant now, std::size_t i, const msg::RedisPong& pong) {
    if (i >= known_.size()) return;
    Known& k = known_[i];
    k.last_reply = now;
    k.offset = pong.offset;
    k.reports_master = pong.master;
    if (pong.master && !k.master_since) k.master_since = now;
    if (!pong.master) k.master_since.reset();
    if (i == master_) {
      model_.master_replied(now);
      return;
    }
    if (pong.master && model_.failover() == Sentinel::Failover::wait_promotion && model_.promoted() &&
        replica_instance(*model_.promoted()) == i) {
      model_.promotion_seen(now);
      take_events(now);
      finish_failover(now, i);
    }
  }

  // +promoted-slave: the other replicas are told to follow the new master, and this
  // Sentinel switches its configuration (the failover ends; the others switch on its hello).
  void finish_failover(Instant now, std::size_t promoted) {
    for (std::size_t i = 0; i < tier_.hosts.size(); ++i)
      if (i != promoted && i != master_) send(tier_.endpoints[i], msg::ReplicaOf{static_cast<std::int32_t>(promoted)});
    switch_to(now, promoted, model_.config_epoch());
    hello_all();
  }

  void switch_to(Instant now, std::size_t master, std::uint64_t config_epoch) {
    const std::size_t old = master_;
    master_ = master;
    model_.switch_master(now, config_epoch);
    ctx_.trace.emit(now.to_seconds(), event::sentinel_switch,
                    {{"tier", tier_.spec.name}, {"sentinel", ctx_.name(cache_.sentinel_hosts[self_])},
                     {"from", ctx_.name(tier_.hosts[old])}, {"to", ctx_.name(tier_.hosts[master])}, {"epoch", config_epoch}});
    for (Endpoint client : subscribers_) send(client, msg::SentinelMaster{static_cast<std::uint32_t>(master)});
  }

  void tick(Instant now) {
    std::vector<ReplicaInfo> replicas;
    for (std::size_t i = 0; i < tier_.hosts.size(); ++i) {
      if (i == master_) continue;
      const Known& k = known_[i];
      ReplicaInfo r;
      auto p = spec_.priorities.find(tier_.spec.hosts[i]);
      r.priority = p == spec_.priorities.end() ? 100 : p->second;
      r.offset = k.offset;
      r.run_id = tier_.spec.hosts[i];
      r.last_reply = k.last_reply;
      r.info_refresh = k.last_reply;
      r.down = now - k.last_reply > spec_.config.down_after;
      replicas.push_back(r);
    }
    const Sentinel::Step step = model_.tick(now, replicas, rng_);
    for (std::size_t p : step.ask)
      send(cache_.sentinel_endpoints[p],
           msg::SentinelAsk{model_.current_epoch(), step.seek_vote ? static_cast<std::int32_t>(self_) : -1});
    if (step.promote) send(tier_.endpoints[replica_instance(*step.promote)], msg::ReplicaOf{-1});
    take_events(now);
    // A master that is not the one it knows (the old master, restarted): made a replica of
    // the known master once it has reported so for 4 hello periods.
    for (std::size_t i = 0; i < tier_.hosts.size(); ++i) {
      Known& k = known_[i];
      if (i != master_ && k.master_since && now - *k.master_since > kHelloPeriod * 4 &&
          model_.failover() == Sentinel::Failover::none) {
        send(tier_.endpoints[i], msg::ReplicaOf{static_cast<std::int32_t>(master_)});
        k.master_since.reset();
      }
    }
  }

  void take_events(Instant now) {
    for (const Sentinel::Event& e : model_.take_events()) {
      TraceEvent out{{"tier", tier_.spec.name}, {"sentinel", ctx_.name(cache_.sentinel_hosts[self_])},
                     {"event", name_of(e.kind)}, {"epoch", e.epoch}};
      using K = Sentinel::Event::Kind;
      if (e.kind == K::vote_for_leader || e.kind == K::try_failover || e.kind == K::elected_leader)
        out["who"] = ctx_.name(cache_.sentinel_hosts[e.who]);
      if (e.kind == K::selected_replica || e.kind == K::promoted_replica)
        out["who"] = ctx_.name(tier_.hosts[replica_instance(e.who)]);
      ctx_.trace.emit(now.to_seconds(), event::sentinel_event, std::move(out));
    }
  }

  struct Known {
    Instant last_reply;
    std::uint64_t offset = 0;
    bool reports_master = false;
    std::optional<Instant> master_since;  // reporting role:master since
  };

  RunContext& ctx_;
  TierRun& tier_;
  CacheRun& cache_;
  const SentinelSpec& spec_;
  std::size_t self_;
  Sentinel model_;
  Rng rng_;
  std::size_t master_ = 0;  // the instance it knows as the master
  std::vector<Known> known_;
  std::vector<Endpoint> subscribers_;  // clients that asked it for the master
  Instant next_tick_, next_ping_, next_hello_;
  std::uint64_t next_ping_id_ = 0;
};

}  // namespace

namespace {
// Calls f(tier, s) for each Sentinel on host `h`.
template <class F>
void for_sentinels_on(const RunContext& ctx, HostId h, F f) {
  for (const auto& tier : ctx.tiers)
    if (tier->cache)
      for (std::size_t s = 0; s < tier->cache->sentinel_hosts.size(); ++s)
        if (tier->cache->sentinel_hosts[s] == h) f(*tier, s);
}
}  // namespace

void crash_sentinels_on(RunContext& ctx, HostId h) {
  for_sentinels_on(ctx, h, [](TierRun& tier, std::size_t s) { tier.cache->sentinels[s].reset(); });
}

bool sentinel_down_on(const RunContext& ctx, HostId h) {
  bool down = false;
  for_sentinels_on(ctx, h, [&down](const TierRun& tier, std::size_t s) { down = down || !tier.cache->sentinels[s]; });
  return down;
}

void restart_sentinels_on(RunContext& ctx, HostId h) {
  for_sentinels_on(ctx, h, [&ctx](TierRun& tier, std::size_t s) {
    if (tier.cache->sentinels[s]) return;
    ctx.network.clear(tier.cache->sentinel_endpoints[s]);
    ++tier.cache->sentinel_incarnations[s];
    spawn_sentinel(ctx, tier, s);
  });
}

void spawn_sentinel(RunContext& ctx, TierRun& tier, std::size_t s) {
  CacheRun& cache = *tier.cache;
  cache.sentinels[s] = std::make_unique<LoopOf<SentinelProcess>>(
      ctx.network, cache.sentinel_endpoints[s], "sentinel:" + ctx.name(cache.sentinel_hosts[s]), ctx, tier, s);
}

}  // namespace halab
