#include "sim/stack/cache_client.hpp"

#include <string>

namespace halab {

KeyPlacement::KeyPlacement(const CacheEdgeSpec& edge, const TierSpec& servers)
    : servers_(servers.hosts.size()), per_key_(edge.mode == CacheEdgeSpec::Mode::shard ? 1 : servers.hosts.size()) {
  if (edge.mode == CacheEdgeSpec::Mode::shard) ring_.emplace(servers.hosts, std::vector<int>(servers.hosts.size(), 1));
}

std::size_t KeyPlacement::server(std::uint64_t key, std::size_t nth) const {
  if (ring_) return ring_->server_at(ring_->first_point(std::to_string(key)), 0);
  return static_cast<std::size_t>((key + nth) % servers_);
}

void warm_cache(const RunContext& ctx, const TierRun& tier, std::size_t server, LruStore& store) {
  const CacheEdgeSpec* edge = nullptr;  // how its callers place keys (the first that calls it)
  for (const auto& t : ctx.tiers)
    if (!edge && t->spec.cache && t->spec.cache->tier == tier.spec.name) edge = &*t->spec.cache;
  if (!edge || !ctx.keys) return;
  const KeyPlacement placement(*edge, tier.spec);
  std::vector<std::uint64_t> hot;  // keys 0, 1, … are the most popular first
  for (std::uint64_t k = 0; k < ctx.keys->count() && hot.size() < *tier.spec.store; ++k)
    for (std::size_t n = 0; n < placement.per_key(); ++n)
      if (placement.server(k, n) == server) {
        hot.push_back(k);
        break;
      }
  for (auto it = hot.rbegin(); it != hot.rend(); ++it) store.set(*it);
}

CacheClient::CacheClient(TierInstance& me, Listener& listener)
    : me_(me), spec_(*me.tier.spec.cache), servers_(*me.ctx.tier_named(spec_.tier)), listener_(listener),
      placement_(spec_, servers_.spec) {
  if (spec_.mode == CacheEdgeSpec::Mode::sentinel) sentinels_ = servers_.cache.get();
}

void CacheClient::start(Instant now) {
  if (sentinels_) ask_sentinel(now);
}

// get-master-addr-by-name, to the Sentinels in turn, at most once a second.
void CacheClient::ask_sentinel(Instant now) {
  if (now < next_ask_ || sentinels_->sentinel_endpoints.empty()) return;
  next_ask_ = now + Duration::seconds(1);
  const auto& eps = sentinels_->sentinel_endpoints;
  me_.ctx.network.send(eps[next_sentinel_++ % eps.size()], make_message(me_.endpoint, me_.incarnation(), msg::SentinelWhere{}),
                       kHeartbeatBytes);
}

std::size_t CacheClient::server_for(const Lookup& l) const {
  return sentinels_ ? *master_ : placement_.server(l.key, l.tried);
}

void CacheClient::lookup(Instant now, std::uint64_t job, std::uint64_t key) {
  ++me_.stats.cache.lookups;
  if (sentinels_ && !master_) {  // no master known: a miss at once
    ++me_.stats.cache.timeouts;
    ask_sentinel(now);
    listener_.lookup_done(now, job, false);
    return;
  }
  const std::uint64_t id = next_id_++;
  const Lookup& l = lookups_.emplace(id, Lookup{job, key, 0}).first->second;
  ask(id, l, now);
}

void CacheClient::ask(std::uint64_t id, const Lookup& l, Instant now) {
  timeouts_.push({(now + spec_.timeout).to_seconds(), id});
  me_.ctx.network.send(servers_.endpoints[server_for(l)],
                       make_message(me_.endpoint, me_.incarnation(), msg::CacheGet{id, l.key}), kHeartbeatBytes);
}

void CacheClient::store(std::uint64_t key) {
  if (sentinels_) {
    if (master_)
      me_.ctx.network.send(servers_.endpoints[*master_], make_message(me_.endpoint, me_.incarnation(), msg::CacheSet{key, false}),
                           kRequestBytes);
    return;
  }
  for (std::size_t n = 0; n < placement_.per_key(); ++n)
    me_.ctx.network.send(servers_.endpoints[placement_.server(key, n)], make_message(me_.endpoint, me_.incarnation(), msg::CacheSet{key, false}),
                         kRequestBytes);
}

Instant CacheClient::next_deadline() const {
  return timeouts_.empty() ? Instant::never() : Instant::at_seconds(timeouts_.top().first);
}

void CacheClient::on_timers(Instant now) {
  while (!timeouts_.empty() && timeouts_.top().first <= now.to_seconds()) {
    const std::uint64_t id = timeouts_.top().second;
    timeouts_.pop();
    if (!lookups_.count(id)) continue;  // answered in time
    ++me_.stats.cache.timeouts;
    if (sentinels_) ask_sentinel(now);  // the master may have changed
    answered(now, id, false);
  }
}

bool CacheClient::on_message(Instant now, const Message& m) {
  if (const auto* told = m.as<msg::SentinelMaster>()) {
    master_ = told->master;
    return true;
  }
  if (m.as<msg::CacheReadOnly>()) {  // it wrote to a replica: the master has changed
    ask_sentinel(now);
    return true;
  }
  const auto* reply = m.as<msg::CacheReply>();
  if (!reply) return false;
  if (lookups_.count(reply->id)) answered(now, reply->id, reply->hit);
  return true;
}

// A server answered `id` (or did not in time): a hit ends the lookup; a miss asks the next
// server, if the key has one.
void CacheClient::answered(Instant now, std::uint64_t id, bool hit) {
  auto node = lookups_.extract(id);
  Lookup& l = node.mapped();
  if (!hit && !sentinels_ && ++l.tried < placement_.per_key()) {
    const std::uint64_t next = next_id_++;
    ask(next, lookups_.emplace(next, l).first->second, now);
    return;
  }
  if (hit) ++me_.stats.cache.hits;
  listener_.lookup_done(now, l.job, hit);
}

void CacheClient::drop_all() {
  lookups_.clear();
  timeouts_ = {};
}

}  // namespace halab
