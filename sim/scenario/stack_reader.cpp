#include "sim/scenario/stack_reader.hpp"

#include "sim/scenario/cache_reader.hpp"
#include "sim/scenario/database_reader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace halab {
namespace {

using Need = Fields::Need;

std::optional<BalanceMethod> parse_method(const std::string& m) {
  if (m == "round-robin") return BalanceMethod::round_robin;
  if (m == "least-conn") return BalanceMethod::least_conn;
  if (m == "random") return BalanceMethod::random;
  if (m == "consistent-hash") return BalanceMethod::consistent_hash;
  if (m == "random-two-least-conn") return BalanceMethod::random_two_least_conn;
  return std::nullopt;
}

// An object holding one required duration, {"<inner>": duration}, at `key`; none when absent.
std::optional<Duration> one_duration(const Fields& f, std::string_view key, std::string_view inner) {
  const auto* v = f.get(key, Need::optional);
  if (!v) return std::nullopt;
  Fields of(*v, f.pointer(key), f.diagnostics(), {inner});
  if (!of.is_object()) return std::nullopt;
  Duration d;
  of.positive_duration(inner, Need::required, d);
  return d;
}

void read_retry(const Fields& f, RetryPolicyConfig& r) {
  r.num_retries = static_cast<int>(f.integer("num_retries", Need::optional, 0, 100).value_or(1));
  f.positive_duration("base_interval", Need::optional, r.base_interval);
  Duration max;
  f.positive_duration("max_interval", Need::optional, max);
  if (max > Duration()) {
    if (max < r.base_interval)
      f.diagnostics().expected(f.pointer("max_interval"), "a duration not below base_interval (Envoy refuses it)",
                               f.get("max_interval", Need::optional));
    else r.max_interval = max;
  }
  r.budget_percent = f.number("budget_percent", Need::optional, 0, 100);
  r.min_retry_concurrency = static_cast<int>(f.integer("min_retry_concurrency", Need::optional, 0, 1000000).value_or(3));
  if (f.get("min_retry_concurrency", Need::optional) && !r.budget_percent)
    f.diagnostics().error(f.pointer("min_retry_concurrency"), "belongs to a retry budget: needs \"budget_percent\"");
}

void read_breaker(const Fields& f, CircuitBreakerConfig& b) {
  b.failure_rate_threshold = f.number("failure_rate_threshold", Need::optional, 0.001, 100).value_or(b.failure_rate_threshold);
  b.slow_call_rate_threshold = f.number("slow_call_rate_threshold", Need::optional, 0.001, 100).value_or(b.slow_call_rate_threshold);
  f.positive_duration("slow_call_duration", Need::optional, b.slow_call_duration);
  b.window = static_cast<int>(f.integer("window", Need::optional, 1, 1000000).value_or(b.window));
  b.minimum_calls = static_cast<int>(f.integer("minimum_calls", Need::optional, 1, 1000000).value_or(b.minimum_calls));
  f.positive_duration("wait_in_open", Need::optional, b.wait_in_open);
  b.permitted_in_half_open =
      static_cast<int>(f.integer("permitted_in_half_open", Need::optional, 1, 1000000).value_or(b.permitted_in_half_open));
}

void read_check(const Fields& f, UpstreamSpec& u) {
  HealthCheckConfig& c = u.check.emplace();
  f.positive_duration("inter", Need::optional, c.inter);
  Duration d;
  f.positive_duration("fastinter", Need::optional, d);
  if (d > Duration()) c.fastinter = d;
  d = Duration();
  f.positive_duration("downinter", Need::optional, d);
  if (d > Duration()) c.downinter = d;
  c.rise = static_cast<int>(f.integer("rise", Need::optional, 1, 1000).value_or(2));
  c.fall = static_cast<int>(f.integer("fall", Need::optional, 1, 1000).value_or(3));
  u.check_timeout = c.inter;
  f.positive_duration("timeout", Need::optional, u.check_timeout);
}

void read_upstream(const Fields& f, UpstreamSpec& u) {
  Diagnostics& diag = f.diagnostics();
  u.tier = f.string("tier", Need::required).value_or("");
  if (auto m = f.string("method", Need::optional)) {
    if (auto method = parse_method(*m)) u.method = *method;
    else
      diag.expected(f.pointer("method"),
                    "\"round-robin\", \"least-conn\", \"random\", \"random-two-least-conn\" or \"consistent-hash\"",
                    f.get("method", Need::optional));
  }
  u.max_fails = static_cast<int>(f.integer("max_fails", Need::optional, 0, 1000).value_or(1));
  if (auto t = f.duration("fail_timeout", Need::optional)) {
    // nginx reads fail_timeout in whole seconds (ngx_parse_time with seconds)
    if (t->to_seconds() != std::floor(t->to_seconds()))
      diag.expected(f.pointer("fail_timeout"), "whole seconds (nginx keeps fail_timeout in seconds)", f.get("fail_timeout", Need::optional));
    else u.fail_timeout = *t;
  }
  if (auto backup = f.strings("backup", Need::optional)) u.backup = *backup;
  if (!u.backup.empty() && (u.method == BalanceMethod::random || u.method == BalanceMethod::random_two_least_conn))
    diag.error(f.pointer("backup"), "nginx refuses backup servers with the random method");
  if (!u.backup.empty() && u.method == BalanceMethod::consistent_hash)
    diag.error(f.pointer("backup"), "nginx refuses backup servers with the hash method");
  u.weights = f.integers("weights", 1, 1000000, "an object {server: weight}", "an integer weight from 1 (nginx's default) up");
  u.max_conns = static_cast<int>(f.integer("max_conns", Need::optional, 0, 1000000).value_or(0));
  f.positive_duration("timeout", Need::optional, u.timeout);
  u.tries = static_cast<int>(f.integer("tries", Need::optional, 0, 1000).value_or(0));
  if (auto t = f.duration("tries_timeout", Need::optional)) u.tries_timeout = *t;
  if (const auto* r = f.get("retry", Need::optional)) {
    Fields rf(*r, f.pointer("retry"), diag,
              {"num_retries", "base_interval", "max_interval", "budget_percent", "min_retry_concurrency"});
    if (rf.is_object()) read_retry(rf, u.retry.emplace());
  }
  u.weak = f.boolean("weak", Need::optional).value_or(false);
  if (const auto* c = f.get("check", Need::optional)) {
    Fields cf(*c, f.pointer("check"), diag, {"inter", "fastinter", "downinter", "rise", "fall", "timeout"});
    if (cf.is_object()) read_check(cf, u);
  }
  if (const auto* p = f.get("pool", Need::optional)) {
    Fields pf(*p, f.pointer("pool"), diag, {"size", "acquire_timeout", "connect_timeout"});
    if (pf.is_object()) {
      ClientPoolSpec& pool = u.pool.emplace();
      pool.size = static_cast<int>(pf.integer("size", Need::optional, 1, 1000000).value_or(pool.size));
      pf.positive_duration("acquire_timeout", Need::optional, pool.acquire_timeout);
      pf.positive_duration("connect_timeout", Need::optional, pool.connect_timeout);
    }
  }
  if (const auto* b = f.get("bulkhead", Need::optional)) {
    Fields bf(*b, f.pointer("bulkhead"), diag, {"max_concurrent_calls", "max_wait_duration"});
    if (bf.is_object()) {
      BulkheadSpec& bulkhead = u.bulkhead.emplace();
      bulkhead.max_concurrent_calls =
          static_cast<int>(bf.integer("max_concurrent_calls", Need::optional, 1, 1000000).value_or(bulkhead.max_concurrent_calls));
      if (auto w = bf.duration("max_wait_duration", Need::optional)) bulkhead.max_wait = *w;
    }
    if (u.pool) diag.error(f.pointer("bulkhead"), "the pool already bounds the calls at once: give \"pool\" or \"bulkhead\", not both");
  }
  u.registry_lag = one_duration(f, "registry", "lag");
  if (const auto* b = f.get("buffer", Need::optional)) {
    Fields bf(*b, f.pointer("buffer"), diag, {"capacity", "drain_rate"});
    if (bf.is_object()) {
      BufferQueueConfig& buffer = u.buffer.emplace();
      buffer.capacity = bf.integer("capacity", Need::required, 1, 10000000).value_or(buffer.capacity);
      buffer.drain_rate = bf.number("drain_rate", Need::required, 1e-3, 1e6).value_or(buffer.drain_rate);
    }
  }
  if (const auto* b = f.get("breaker", Need::optional)) {
    Fields bf(*b, f.pointer("breaker"), diag,
              {"failure_rate_threshold", "slow_call_rate_threshold", "slow_call_duration", "window", "minimum_calls",
               "wait_in_open", "permitted_in_half_open"});
    if (bf.is_object()) read_breaker(bf, u.breaker.emplace());
  }
}

void read_real_server_check(const Fields& f, RealServerCheckConfig& c) {
  f.positive_duration("delay_loop", Need::optional, c.delay_loop);
  f.positive_duration("connect_timeout", Need::optional, c.connect_timeout);
  c.retry = static_cast<int>(f.integer("retry", Need::optional, 0, 1000).value_or(c.retry));
  f.positive_duration("delay_before_retry", Need::optional, c.delay_before_retry);
  if (auto type = f.string("type", Need::optional)) {
    if (*type == "http") c.http = true;
    else if (*type != "tcp") f.diagnostics().expected(f.pointer("type"), "\"tcp\" (TCP_CHECK) or \"http\" (HTTP_GET)", f.get("type", Need::optional));
  }
}

void read_director(const Fields& f, DirectorSpec& d) {
  Diagnostics& diag = f.diagnostics();
  d.tier = f.string("tier", Need::required).value_or("");
  if (auto m = f.string("forwarding", Need::optional)) {
    if (*m == "nat") d.nat = true;
    else if (*m != "dr") diag.expected(f.pointer("forwarding"), "\"dr\" or \"nat\"", f.get("forwarding", Need::optional));
  }
  // keepalived's default scheduler (wlc) needs the connection counts only the kernel
  // keeps; the lab has rr, wrr and sh, so the choice is the scenario's to make.
  if (auto m = f.string("scheduler", Need::required)) {
    if (*m == "rr") d.scheduler = IpvsMethod::rr;
    else if (*m == "wrr") d.scheduler = IpvsMethod::wrr;
    else if (*m == "sh") d.scheduler = IpvsMethod::sh;
    else diag.expected(f.pointer("scheduler"), "\"rr\", \"wrr\" or \"sh\"", f.get("scheduler", Need::optional));
  }
  d.weights = f.integers("weights", 0, 65535, "an object {real server: weight}", "an integer weight from 0 to 65535");
  if (auto p = f.duration("persistence_timeout", Need::optional)) d.persistence = *p;
  if (const auto* c = f.get("check", Need::optional)) {
    Fields cf(*c, f.pointer("check"), diag, {"type", "delay_loop", "connect_timeout", "retry", "delay_before_retry"});
    if (cf.is_object()) read_real_server_check(cf, d.check.emplace());
  }
}

void read_tier(const Fields& f, TierSpec& t, std::map<std::string, std::string>& tier_of_host,
               const std::function<bool(const std::string&)>& known_host) {
  Diagnostics& diag = f.diagnostics();
  t.name = f.string("name", Need::required).value_or("");
  if (auto hosts = f.strings("hosts", Need::required)) {
    if (hosts->empty()) diag.expected(f.pointer("hosts"), "at least one host", f.get("hosts", Need::optional));
    for (std::size_t i = 0; i < hosts->size(); ++i) {
      const std::string& h = (*hosts)[i];
      const std::string ptr = pointer_join(f.pointer("hosts"), i);
      if (!known_host(h)) diag.expected(ptr, "a host named in /topology", &(*f.get("hosts", Need::optional))[i]);
      else if (auto [it, fresh] = tier_of_host.emplace(h, t.name); !fresh)
        diag.error(ptr, "\"" + h + "\" already runs tier \"" + it->second + "\" (one tier per host)");
    }
    t.hosts = *hosts;
  }
  t.workers = static_cast<int>(f.integer("workers", Need::optional, 0, 1000000).value_or(0));
  t.queue = static_cast<int>(f.integer("queue", Need::optional, 0, 1000000).value_or(0));
  if (f.get("queue", Need::optional) && t.workers == 0)
    diag.error(f.pointer("queue"), "a queue needs \"workers\" (without a worker limit nothing waits)");
  if (auto s = f.duration("service_time", Need::optional)) t.service_time = *s;
  if (auto d = f.string("distribution", Need::optional)) {
    if (*d == "exponential") t.exponential = true;
    else if (*d != "fixed") diag.expected(f.pointer("distribution"), "\"fixed\" or \"exponential\"", f.get("distribution", Need::optional));
  }
  t.idempotency_ttl = one_duration(f, "idempotency", "ttl");
  if (t.idempotency_ttl) {
    if (f.get("upstream", Need::optional) || f.get("director", Need::optional))
      diag.error(f.pointer("idempotency"), "keys are kept where writes are applied: a tier that calls no other");
  }
  if (const auto* r = f.get("rate_limit", Need::optional)) {
    Fields rf(*r, f.pointer("rate_limit"), diag, {"max_tokens", "tokens_per_fill", "fill_interval"});
    if (rf.is_object()) {
      TokenBucketConfig& bucket = t.rate_limit.emplace();
      bucket.max_tokens = rf.integer("max_tokens", Need::required, 1, 1000000000).value_or(1);
      bucket.tokens_per_fill = rf.integer("tokens_per_fill", Need::optional, 1, 1000000000).value_or(1);
      rf.positive_duration("fill_interval", Need::required, bucket.fill_interval);
    }
  }
  if (const auto* d = f.get("director", Need::optional)) {
    Fields df(*d, f.pointer("director"), diag,
              {"tier", "forwarding", "scheduler", "weights", "persistence_timeout", "check"});
    if (df.is_object()) read_director(df, t.director.emplace());
    // IPVS forwards in the kernel: no workers, no service time, no L7 upstream
    for (const char* key : {"workers", "queue", "service_time", "distribution", "upstream", "rate_limit"})
      if (f.get(key, Need::optional))
        diag.error(f.pointer(key), "an LVS director forwards connections in the kernel: it has no \"" + std::string(key) + "\"");
  }
  if (const auto* d = f.get("database", Need::optional)) {
    Fields df(*d, f.pointer("database"), diag, {"write_vip", "replication", "apply_time", "read_pool", "backup_interval"});
    if (df.is_object()) read_database(df, t.database.emplace());
    for (const char* key : {"upstream", "director", "idempotency"})
      if (f.get(key, Need::optional))
        diag.error(f.pointer(key), "a database answers on its own: it has no \"" + std::string(key) + "\"");
  }
  if (const auto* c = f.get("cache", Need::optional)) {
    Fields cf(*c, f.pointer("cache"), diag, {"tier", "mode", "timeout"});
    if (cf.is_object()) read_cache_edge(cf, t.cache.emplace());
  }
  if (const auto* st = f.get("store", Need::optional)) {
    Fields sf(*st, f.pointer("store"), diag, {"capacity", "sentinel", "min_replicas"});
    if (sf.is_object()) {
      t.store = static_cast<std::uint64_t>(sf.integer("capacity", Need::required, 1, 100000000).value_or(1));
      if (const auto* sen = sf.get("sentinel", Need::optional)) {
        Fields senf(*sen, sf.pointer("sentinel"), diag, {"hosts", "quorum", "down_after", "failover_timeout", "priorities", "promotion"});
        if (senf.is_object()) read_sentinel(senf, t.sentinel.emplace(), known_host);
      }
      if (const auto* mr = sf.get("min_replicas", Need::optional)) {
        Fields mf(*mr, sf.pointer("min_replicas"), diag, {"to_write", "max_lag"});
        if (!t.sentinel) diag.error(sf.pointer("min_replicas"), "only a master has replicas: \"min_replicas\" needs \"sentinel\"");
        else if (mf.is_object()) read_min_replicas(mf, t.sentinel->min_replicas);
      }
    }
    for (const char* key : {"upstream", "director", "database", "idempotency", "cache"})
      if (f.get(key, Need::optional))
        diag.error(f.pointer(key), "a cache server answers gets and sets on its own: it has no \"" + std::string(key) + "\"");
  }
  if (const auto* u = f.get("upstream", Need::optional)) {
    Fields uf(*u, f.pointer("upstream"), diag,
              {"tier", "method", "max_fails", "fail_timeout", "backup", "weights", "max_conns", "timeout", "tries", "tries_timeout",
               "retry", "breaker", "check", "weak", "pool", "bulkhead", "registry", "buffer"});
    if (uf.is_object()) {
      UpstreamSpec spec;
      read_upstream(uf, spec);
      t.upstream = spec;
    }
  }
}

// The tier `t` calls (its upstream's or its director's real servers), or "".
std::string called_tier(const TierSpec& t) {
  if (t.upstream) return t.upstream->tier;
  if (t.director) return t.director->tier;
  return "";
}

// Each tier's upstream names another tier, its backups are that tier's hosts, and the
// calls form no cycle (each tier calls at most one, so following them finds any).
void check_calls(const std::string& ptr, const StackSpec& stack, Diagnostics& diag) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < stack.tiers.size(); ++i) index.emplace(stack.tiers[i].name, i);
  for (std::size_t i = 0; i < stack.tiers.size(); ++i) {
    const TierSpec& t = stack.tiers[i];
    const std::string called = called_tier(t);
    if (called.empty()) continue;
    const std::string uptr = pointer_join(pointer_join(pointer_join(ptr, "tiers"), i), t.director ? "director" : "upstream");
    auto it = index.find(called);
    if (it == index.end()) {
      diag.error(uptr + "/tier", "expected the name of a tier in /stack/tiers, found \"" + called + "\"");
      continue;
    }
    const TierSpec& callee = stack.tiers[it->second];
    if (t.director)
      for (const auto& [host, weight] : t.director->weights)
        if (std::find(callee.hosts.begin(), callee.hosts.end(), host) == callee.hosts.end())
          diag.error(pointer_join(uptr + "/weights", host), "\"" + host + "\" is not a host of tier \"" + callee.name + "\"");
    if (t.upstream)
      for (const auto& [host, weight] : t.upstream->weights)
        if (std::find(callee.hosts.begin(), callee.hosts.end(), host) == callee.hosts.end())
          diag.error(pointer_join(uptr + "/weights", host), "\"" + host + "\" is not a host of tier \"" + callee.name + "\"");
    if (t.upstream)
      for (std::size_t b = 0; b < t.upstream->backup.size(); ++b)
        if (std::find(callee.hosts.begin(), callee.hosts.end(), t.upstream->backup[b]) == callee.hosts.end())
          diag.error(pointer_join(uptr + "/backup", b),
                     "\"" + t.upstream->backup[b] + "\" is not a host of tier \"" + callee.name + "\"");
    std::vector<std::string> path{t.name};
    std::set<std::size_t> seen{i};
    for (std::size_t at = it->second;;) {
      path.push_back(stack.tiers[at].name);
      if (!seen.insert(at).second) {
        if (at == i && *seen.begin() == i) {  // reported once, at the cycle's first tier
          std::string chain;
          for (const auto& n : path) chain += (chain.empty() ? "" : " -> ") + n;
          diag.error(uptr + "/tier", "the calls form a cycle: " + chain);
        }
        break;
      }
      const std::string next = called_tier(stack.tiers[at]);
      if (next.empty()) break;
      auto n = index.find(next);
      if (n == index.end()) break;
      at = n->second;
    }
  }
}

}  // namespace

void read_stack(const Fields& f, Scenario& s, const std::function<bool(const std::string&)>& known_host) {
  if (!f.is_object()) return;
  Diagnostics& diag = f.diagnostics();
  const auto* tiers = f.get("tiers", Need::required);
  if (!tiers) return;
  if (!tiers->is_array() || tiers->empty()) {
    diag.expected(f.pointer("tiers"), "a non-empty array of tiers", tiers);
    return;
  }
  StackSpec stack;
  std::map<std::string, std::string> tier_of_host;
  std::set<std::string> names;
  for (std::size_t i = 0; i < tiers->size(); ++i) {
    Fields tf((*tiers)[i], pointer_join(f.pointer("tiers"), i), diag,
              {"name", "hosts", "workers", "queue", "service_time", "distribution", "upstream", "director", "rate_limit", "idempotency",
               "database", "cache", "store"});
    if (!tf.is_object()) continue;
    TierSpec t;
    read_tier(tf, t, tier_of_host, known_host);
    if (!t.name.empty() && !names.insert(t.name).second) diag.error(tf.pointer("name"), "duplicate tier name \"" + t.name + "\"");
    stack.tiers.push_back(std::move(t));
  }
  check_calls(f.pointer(), stack, diag);
  s.stack = std::move(stack);
}

void check_entry_hosts(const std::string& ptr, const Scenario& s, Diagnostics& diag) {
  // The entry tier serves the floating IPs the clients call: it runs where they can move.
  std::set<std::string> members;
  for (const ServiceSpec* svc : s.entry_services())
    for (const auto& m : svc->cluster.members) members.insert(m.name);
  if (members.empty() || s.stack->tiers.empty() || s.stack->tiers[0].hosts.empty()) return;
  if (std::set<std::string>(s.stack->tiers[0].hosts.begin(), s.stack->tiers[0].hosts.end()) != members)
    diag.error(pointer_join(pointer_join(pointer_join(ptr, "tiers"), 0), "hosts"),
               "the entry tier runs on the members of the services the clients call (the hosts their floating IPs can "
               "move to)");
}

}  // namespace halab
