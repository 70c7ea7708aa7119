#include "models/balance/upstream_pool.hpp"

#include <cmath>

namespace halab {

UpstreamPool::UpstreamPool(std::vector<UpstreamServer> servers, BalanceMethod method) : method_(method) {
  for (auto& s : servers) {
    Peer p;
    p.effective_weight = s.weight;
    (s.backup ? backups_ : primaries_) += 1;
    p.config = std::move(s);
    servers_.push_back(std::move(p));
  }
  single_ = primaries_ == 1 && backups_ == 0;
  if (method_ == BalanceMethod::consistent_hash) {
    // nginx names a server by its "host:port"; the lab's servers listen on port 80
    std::vector<std::string> names;
    std::vector<int> weights;
    for (const auto& p : servers_) {
      names.push_back(p.config.name + ":80");
      weights.push_back(p.config.weight);
    }
    ring_.emplace(names, weights);
  }
}

long UpstreamPool::seconds(Instant t) { return static_cast<long>(std::floor(t.to_seconds())); }

UpstreamPool::Attempts UpstreamPool::begin(int next_upstream_tries, std::string key) const {
  Attempts a;
  a.key_ = std::move(key);
  a.tried_.assign(servers_.size(), false);
  a.tries_left_ = static_cast<int>(servers_.size());
  if (next_upstream_tries > 0 && next_upstream_tries < a.tries_left_) a.tries_left_ = next_upstream_tries;
  return a;
}

bool UpstreamPool::eligible(long now, std::size_t i, bool backup, const Attempts& a) const {
  const Peer& p = servers_[i];
  if (p.config.backup != backup || a.tried_[i] || p.checked_down || p.unlisted) return false;
  if (!single_ && p.config.max_fails && p.fails >= p.config.max_fails &&
      now - p.checked <= static_cast<long>(p.config.fail_timeout.to_seconds()))
    return false;
  return !(p.config.max_conns && p.conns >= p.config.max_conns);
}

bool UpstreamPool::available(Instant now, std::size_t server) const {
  Attempts none = begin(0);
  return eligible(seconds(now), server, servers_[server].config.backup, none);
}

std::optional<Instant> UpstreamPool::skipped_until(std::size_t server) const {
  const Peer& p = servers_[server];
  if (single_ || !p.config.max_fails || p.fails < p.config.max_fails) return std::nullopt;
  // eligible again once now - checked > fail_timeout, in whole seconds
  return Instant::at_seconds(static_cast<double>(p.checked + static_cast<long>(p.config.fail_timeout.to_seconds()) + 1));
}

std::optional<std::size_t> UpstreamPool::pick(Instant now, Attempts& a, Rng& rng) {
  if (a.tries_left_ <= 0) return std::nullopt;
  const long t = seconds(now);
  std::optional<std::size_t> chosen;
  if (!a.on_backup_) chosen = pick_in(t, false, a, rng);
  // ngx_http_upstream_get_round_robin_peer: no primary can be chosen, so the backups
  // are, with a fresh tried set. The random method has no backups.
  if (!chosen && backups_ > 0 && method_ != BalanceMethod::random && method_ != BalanceMethod::random_two_least_conn &&
      method_ != BalanceMethod::consistent_hash) {
    if (!a.on_backup_) a.tried_.assign(servers_.size(), false);
    a.on_backup_ = true;
    chosen = pick_in(t, true, a, rng);
  }
  if (!chosen) return std::nullopt;
  Peer& p = servers_[*chosen];
  a.tried_[*chosen] = true;
  ++p.conns;
  // After fail_timeout the next request probes the server: a success then clears its
  // failures (see finished).
  if (t - p.checked > static_cast<long>(p.config.fail_timeout.to_seconds())) p.checked = t;
  return chosen;
}

void UpstreamPool::finished(Instant now, std::size_t server, bool failed, Attempts& a) {
  Peer& p = servers_[server];
  --p.conns;
  if (a.tries_left_ > 0) --a.tries_left_;
  if (single_) {
    p.fails = 0;
    a.tries_left_ = 0;  // a lone server is tried once
    return;
  }
  if (failed) {
    const long t = seconds(now);
    ++p.fails;
    p.accessed = t;
    p.checked = t;
    if (p.config.max_fails) p.effective_weight -= p.config.weight / p.config.max_fails;
    if (p.effective_weight < 0) p.effective_weight = 0;
  } else if (p.accessed < p.checked) {
    p.fails = 0;  // "mark peer live if check passed"
  }
}

std::optional<std::size_t> UpstreamPool::pick_in(long now, bool backup, Attempts& a, Rng& rng) {
  switch (method_) {
    case BalanceMethod::round_robin: return smooth_weighted(now, backup, a);
    case BalanceMethod::least_conn: return least_conn(now, backup, a);
    case BalanceMethod::random: return weighted_draw(now, backup, a, rng, std::nullopt);
    case BalanceMethod::random_two_least_conn: return random_two(now, backup, a, rng);
    case BalanceMethod::consistent_hash: return chash(now, a);
  }
  return std::nullopt;
}

// ngx_http_upstream_get_peer (and, over `among`, least_conn's tie-break).
std::optional<std::size_t> UpstreamPool::smooth_weighted(long now, bool backup, const Attempts& a,
                                                         const std::vector<std::size_t>* among) {
  std::optional<std::size_t> best;
  int total = 0;
  auto visit = [&](std::size_t i) {
    Peer& p = servers_[i];
    p.current_weight += p.effective_weight;
    total += p.effective_weight;
    if (p.effective_weight < p.config.weight) ++p.effective_weight;
    if (!best || p.current_weight > servers_[*best].current_weight) best = i;
  };
  if (among) {
    for (std::size_t i : *among) visit(i);
  } else {
    for (std::size_t i = 0; i < servers_.size(); ++i)
      if (eligible(now, i, backup, a)) visit(i);
  }
  if (best) servers_[*best].current_weight -= total;
  return best;
}

// ngx_http_upstream_get_least_conn_peer: fewest connections per weight (compared as
// conns × other's weight), ties by smooth weighted round robin.
std::optional<std::size_t> UpstreamPool::least_conn(long now, bool backup, const Attempts& a) {
  auto fewer = [this](std::size_t x, std::size_t y) {
    return static_cast<long>(servers_[x].conns) * servers_[y].config.weight <
           static_cast<long>(servers_[y].conns) * servers_[x].config.weight;
  };
  std::vector<std::size_t> ties;
  for (std::size_t i = 0; i < servers_.size(); ++i) {
    if (!eligible(now, i, backup, a)) continue;
    if (ties.empty() || fewer(i, ties.front())) ties.assign(1, i);
    else if (!fewer(ties.front(), i)) ties.push_back(i);
  }
  if (ties.size() <= 1) return ties.empty() ? std::nullopt : std::optional<std::size_t>(ties.front());
  return smooth_weighted(now, backup, a, &ties);
}

// One server drawn with probability proportional to its weight among the eligible ones.
std::optional<std::size_t> UpstreamPool::weighted_draw(long now, bool backup, const Attempts& a, Rng& rng,
                                                       std::optional<std::size_t> except) {
  long total = 0;
  for (std::size_t i = 0; i < servers_.size(); ++i)
    if (i != except && eligible(now, i, backup, a)) total += servers_[i].config.weight;
  if (total == 0) return std::nullopt;
  long x = static_cast<long>(rng.next_u64() % static_cast<std::uint64_t>(total));
  for (std::size_t i = 0; i < servers_.size(); ++i) {
    if (i == except || !eligible(now, i, backup, a)) continue;
    x -= servers_[i].config.weight;
    if (x < 0) return i;
  }
  return std::nullopt;
}

// ngx_http_upstream_get_chash_peer: the key's first point, then the next ones while their
// server cannot take it (each server has one peer here); round robin after 20 points.
std::optional<std::size_t> UpstreamPool::chash(long now, Attempts& a) {
  if (!a.ring_first_) a.ring_first_ = ring_->first_point(a.key_);
  for (; a.ring_step_ <= static_cast<std::size_t>(ConsistentHashRing::kMaxTries); ++a.ring_step_) {
    const std::size_t s = ring_->server_at(*a.ring_first_, a.ring_step_);
    if (eligible(now, s, false, a)) return s;
  }
  return smooth_weighted(now, false, a);
}

// ngx_http_upstream_get_random2_peer: two distinct draws by weight; the second is kept
// unless it has more connections per weight than the first.
std::optional<std::size_t> UpstreamPool::random_two(long now, bool backup, const Attempts& a, Rng& rng) {
  auto first = weighted_draw(now, backup, a, rng, std::nullopt);
  if (!first) return std::nullopt;
  auto second = weighted_draw(now, backup, a, rng, first);
  if (!second) return first;
  const Peer& p = servers_[*first];
  const Peer& q = servers_[*second];
  if (static_cast<long>(q.conns) * p.config.weight > static_cast<long>(p.conns) * q.config.weight) return first;
  return second;
}

}  // namespace halab
