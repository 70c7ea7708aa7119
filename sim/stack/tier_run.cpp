#include "sim/stack/tier_run.hpp"

#include "sim/run/run_context.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {

TierRun::TierRun(const TierSpec& s, std::size_t i, Network& network, const std::function<HostId(const std::string&)>& host_id)
    : spec(s), index(i) {
  for (const auto& name : s.hosts) {
    hosts.push_back(host_id(name));
    endpoints.push_back(network.open_endpoint(hosts.back()));
  }
  processes.resize(hosts.size());
  incarnations.assign(hosts.size(), 0);
  hung.assign(hosts.size(), 0);
  slow.assign(hosts.size(), 1.0);
  closed.assign(hosts.size(), 0);
  buffer_held.assign(hosts.size(), 0);
  stats.resize(hosts.size());
  if (s.idempotency_ttl) keys.emplace(*s.idempotency_ttl);
  if (s.database) database = std::make_unique<DatabaseRun>(*s.database, s.hosts);
  if (s.store) {
    cache = std::make_unique<CacheRun>(s);
    if (s.sentinel)
      for (const auto& name : s.sentinel->hosts) {
        cache->sentinel_hosts.push_back(host_id(name));
        cache->sentinel_endpoints.push_back(network.open_endpoint(cache->sentinel_hosts.back()));
        cache->sentinels.emplace_back();
        cache->sentinel_incarnations.push_back(0);
      }
  }
}

bool TierStats::empty() const {
  return TierCounts::empty() && forwarded == 0 && buffer.empty() && served.gets == 0 && served.sets == 0;
}

std::size_t TierRun::instance_on(HostId h) const {
  auto it = std::find(hosts.begin(), hosts.end(), h);
  return it == hosts.end() ? kNone : static_cast<std::size_t>(it - hosts.begin());
}

}  // namespace halab

namespace halab {

std::string tier_process_name(const RunContext& ctx, const TierRun& tier, std::size_t instance) {
  return tier.spec.name + ":" + ctx.name(tier.hosts[instance]);
}

void flush_tier_stats(RunContext& ctx, TierRun& tier, std::size_t instance, double now) {
  TierStats& s = tier.stats[instance];
  if (s.empty()) return;
  const std::uint64_t no_backend = s.failed(CallFailure::no_backend);
  if (tier.spec.director) {
    ctx.trace.emit(now, event::director_stats,
                   {{"tier", tier.spec.name},
                    {"node", ctx.name(tier.hosts[instance])},
                    {"connections", s.requests},
                    {"forwarded", s.forwarded},
                    {"no_backend", no_backend}});
  } else {
    TraceEvent e{{"tier", tier.spec.name}, {"node", ctx.name(tier.hosts[instance])}};
    s.write_to(e);
    e["max_busy"] = s.max_busy;
    e["max_queue"] = s.max_queue;
    e["latency"] = s.latency.buckets();
    if (tier.spec.upstream && tier.spec.upstream->buffer) s.buffer.write_to(e);
    if (tier.spec.database) s.database.write_to(e);
    if (tier.spec.cache) s.cache.write_to(e);
    if (tier.spec.store) s.served.write_to(e);
    ctx.trace.emit(now, event::tier_stats, std::move(e));
  }
  s = TierStats{};
}

}  // namespace halab
