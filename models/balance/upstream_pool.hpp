// nginx's upstream balancer as a reverse proxy runs it for its upstream servers
// (src/http/ngx_http_upstream_round_robin.c, ngx_http_upstream_least_conn_module.c,
// ngx_http_upstream_random_module.c; the ngx_http_upstream_module documentation):
//
// - round robin is nginx's smooth weighted round robin: every available server's
//   current_weight grows by its effective_weight, the largest wins and loses the total;
//   effective_weight drops by weight/max_fails on each failure and climbs back by one per
//   selection;
// - least_conn picks the fewest active connections relative to weight, ties by smooth
//   weighted round robin among them; `random two least_conn` draws two servers by weight
//   and keeps the one with fewer connections (power of two choices: slower servers hold
//   their connections longer and so get less); `hash KEY consistent` asks the ring of
//   models/balance/consistent_hash for the request's key, point after point, and falls back
//   to round robin after 20 points; plain `random` draws one server by weight
//   among those available (nginx retries its draw 20 times over tried or failed servers
//   before falling back to round robin; drawing among the available ones is that limit);
// - passive checks: a server that failed `max_fails` times is unavailable until
//   `fail_timeout` has passed since its last failure; then one request probes it, and a
//   success resets its failures ("mark peer live if check passed"). nginx's clock for this
//   is whole seconds (ngx_time()). A lone server (one primary, no backup) is never marked
//   unavailable;
// - `backup` servers are used only when no primary can be chosen;
// - one request's attempts never pick a server twice (the tried set), and number at most
//   the servers there are, or `proxy_next_upstream_tries` when set. Since 1.11.5 nginx no
//   longer revives all servers when every one has failed: the request fails at once
//   ("no live upstreams", 502).
#pragma once

#include "models/balance/consistent_hash.hpp"
#include "models/rng.hpp"
#include "models/time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct UpstreamServer {
  std::string name;
  int weight = 1;
  int max_fails = 1;                          // 0: failures are not counted
  Duration fail_timeout = Duration::seconds(10);
  bool backup = false;
  int max_conns = 0;                          // 0: no limit
};

enum class BalanceMethod { round_robin, least_conn, random, random_two_least_conn, consistent_hash };

class UpstreamPool {
 public:
  // The attempts of one request (nginx's ngx_http_upstream_rr_peer_data_t).
  class Attempts {
   public:
    int tries_left() const { return tries_left_; }

   private:
    friend class UpstreamPool;
    std::vector<bool> tried_;
    bool on_backup_ = false;
    int tries_left_ = 0;
    std::string key_;             // consistent hash: the request's key
    std::optional<std::size_t> ring_first_;  // its first point
    std::size_t ring_step_ = 0;   // points asked so far (nginx's hp->tries)
  };

  UpstreamPool(std::vector<UpstreamServer> servers, BalanceMethod method);

  // A request begins; `next_upstream_tries` 0 means as many as there are servers; `key`
  // is what the consistent hash hashes.
  Attempts begin(int next_upstream_tries, std::string key = {}) const;
  // The server of the request's next attempt (its connection counted), or none: every
  // server is tried, unavailable or full, or the tries are used up (a 502).
  std::optional<std::size_t> pick(Instant now, Attempts& attempts, Rng& rng);
  // The attempt on `server` ended; `failed` is nginx's NGX_PEER_FAILED (an error or a
  // timeout; not a 403/404).
  void finished(Instant now, std::size_t server, bool failed, Attempts& attempts);

  // An active health check's verdict (HAProxy's, models/balance/health_check): a server
  // checked down is never chosen, whatever its passive state.
  void set_checked_down(std::size_t server, bool down) { servers_[server].checked_down = down; }
  // A service registry's list (sim: UpstreamSpec::registry_lag): an unlisted server is
  // unknown to the caller, so never chosen.
  void set_listed(std::size_t server, bool listed) { servers_[server].unlisted = !listed; }

  // Whether the pool would choose the server now (not marked failed, not checked down,
  // not full): what a viewer shows as the pool's belief.
  bool available(Instant now, std::size_t server) const;
  // While passive checks skip the server (max_fails failures, the last within
  // fail_timeout): the first instant it may be chosen again (nginx's whole seconds), or
  // none when its failures do not count against it.
  std::optional<Instant> skipped_until(std::size_t server) const;
  std::size_t size() const { return servers_.size(); }
  const UpstreamServer& server(std::size_t i) const { return servers_[i].config; }
  int fails(std::size_t i) const { return servers_[i].fails; }
  int connections(std::size_t i) const { return servers_[i].conns; }

 private:
  struct Peer {
    UpstreamServer config;
    int current_weight = 0;
    int effective_weight = 0;
    int conns = 0;
    int fails = 0;
    long accessed = 0;  // nginx's seconds: last failure
    long checked = 0;   // nginx's seconds: last failure or probe
    bool checked_down = false;  // an active health check says it is down
    bool unlisted = false;      // the caller's registry view does not list it
  };

  static long seconds(Instant t);  // ngx_time(): whole seconds
  bool eligible(long now, std::size_t i, bool backup, const Attempts& a) const;
  std::optional<std::size_t> pick_in(long now, bool backup, Attempts& a, Rng& rng);
  std::optional<std::size_t> smooth_weighted(long now, bool backup, const Attempts& a,
                                             const std::vector<std::size_t>* among = nullptr);
  std::optional<std::size_t> least_conn(long now, bool backup, const Attempts& a);
  std::optional<std::size_t> random_two(long now, bool backup, const Attempts& a, Rng& rng);
  std::optional<std::size_t> chash(long now, Attempts& a);
  std::optional<std::size_t> weighted_draw(long now, bool backup, const Attempts& a, Rng& rng,
                                           std::optional<std::size_t> except);
  bool single() const { return single_; }

  std::vector<Peer> servers_;
  BalanceMethod method_;
  bool single_ = false;  // one primary and no backup: failures are not counted
  int primaries_ = 0;
  int backups_ = 0;
  std::optional<ConsistentHashRing> ring_;  // consistent hash: the servers' points
};

}  // namespace halab
