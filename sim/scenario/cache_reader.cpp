#include "sim/scenario/cache_reader.hpp"

#include "sim/plugin/policy_registry.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace halab {

using Need = Fields::Need;

void read_cache_edge(const Fields& f, CacheEdgeSpec& c) {
  c.tier = f.string("tier", Need::required).value_or("");
  if (auto mode = f.string("mode", Need::required)) {
    if (*mode == "shard") c.mode = CacheEdgeSpec::Mode::shard;
    else if (*mode == "double") c.mode = CacheEdgeSpec::Mode::double_write;
    else if (*mode == "sentinel") c.mode = CacheEdgeSpec::Mode::sentinel;
    else f.diagnostics().expected(f.pointer("mode"), "\"shard\", \"double\" or \"sentinel\"", f.get("mode", Need::optional));
  }
  f.positive_duration("timeout", Need::optional, c.timeout);
}

void read_keys(const Fields& f, WorkloadSpec& w) {
  w.key_count = static_cast<std::uint64_t>(f.integer("count", Need::required, 1, 10000000).value_or(1));
  w.zipf = f.number("zipf", Need::optional, 0, 5).value_or(w.zipf);
}

void read_sentinel(const Fields& f, SentinelSpec& s, const std::function<bool(const std::string&)>& known_host) {
  Diagnostics& diag = f.diagnostics();
  if (auto hosts = f.strings("hosts", Need::required)) {
    if (hosts->empty()) diag.expected(f.pointer("hosts"), "at least one Sentinel host", f.get("hosts", Need::optional));
    for (std::size_t i = 0; i < hosts->size(); ++i)
      if (!known_host((*hosts)[i]))
        diag.expected(pointer_join(f.pointer("hosts"), i), "a host named in /topology", &(*f.get("hosts", Need::optional))[i]);
    s.hosts = *hosts;
  }
  s.config.quorum = static_cast<int>(f.integer("quorum", Need::required, 1, 1000).value_or(1));
  f.positive_duration("down_after", Need::optional, s.config.down_after);
  f.positive_duration("failover_timeout", Need::optional, s.config.failover_timeout);
  if (auto name = f.string("promotion", Need::optional)) {
    s.config.promotion = find_promotion_policy(*name);
    if (!s.config.promotion)
      diag.expected(f.pointer("promotion"), fmt::format("a registered promotion policy ({})", fmt::join(promotion_policy_names(), ", ")),
                    f.get("promotion", Need::optional));
  }
  s.priorities = f.integers("priorities", 0, 1000000, "an object {cache host: replica-priority}", "a replica-priority from 0 (never promoted) up");
}

void read_min_replicas(const Fields& f, MinReplicas& m) {
  m.to_write = static_cast<int>(f.integer("to_write", Need::required, 1, 1000).value_or(0));
  m.max_lag_s = static_cast<int>(f.integer("max_lag", Need::optional, 1, 86400).value_or(m.max_lag_s));
}

void check_caches(const std::string& ptr, const Scenario& s, Diagnostics& diag) {
  for (std::size_t i = 0; i < s.stack->tiers.size(); ++i) {
    const TierSpec& t = s.stack->tiers[i];
    if (!t.cache) continue;
    const std::string cptr = pointer_join(pointer_join(pointer_join(ptr, "tiers"), i), "cache");
    const TierSpec* callee = nullptr;
    for (const auto& other : s.stack->tiers)
      if (other.name == t.cache->tier) callee = &other;
    if (!callee) diag.error(cptr + "/tier", "expected the name of a tier in /stack/tiers, found \"" + t.cache->tier + "\"");
    else if (!callee->store) diag.error(cptr + "/tier", "tier \"" + callee->name + "\" is no cache: it has no \"store\"");
    else if ((t.cache->mode == CacheEdgeSpec::Mode::sentinel) != callee->sentinel.has_value())
      diag.error(cptr + "/mode", callee->sentinel ? "tier \"" + callee->name + "\" is a Redis master with Sentinels: its clients use \"sentinel\""
                                                  : "\"sentinel\" needs Sentinels on tier \"" + callee->name + "\"");
    if (!t.upstream) diag.error(cptr, "a cache is looked aside to on the way to the data: the tier needs an \"upstream\" for misses and writes");
    if (s.workload.key_count == 0)
      diag.error(cptr, "requests need keys for a cache to hold: give /workload/keys");
  }
  for (std::size_t i = 0; i < s.stack->tiers.size(); ++i) {
    const TierSpec& t = s.stack->tiers[i];
    if (!t.sentinel) continue;
    const std::string sptr = pointer_join(pointer_join(pointer_join(ptr, "tiers"), i), "store") + "/sentinel";
    const SentinelSpec& sen = *t.sentinel;
    if (sen.config.quorum > static_cast<int>(sen.hosts.size()))
      diag.error(sptr + "/quorum", "a quorum of " + std::to_string(sen.config.quorum) + " needs at least as many Sentinels; there are " +
                                      std::to_string(sen.hosts.size()));
    if (t.hosts.size() < 2) diag.error(sptr, "a master needs a replica to fail over to: tier \"" + t.name + "\" has one host");
    if (sen.min_replicas.to_write > static_cast<int>(t.hosts.size()) - 1)
      diag.error(pointer_join(pointer_join(pointer_join(ptr, "tiers"), i), "store") + "/min_replicas/to_write",
                 "a master of tier \"" + t.name + "\" has " + std::to_string(t.hosts.size() - 1) +
                     " replica(s): it would refuse every write with min-replicas-to-write " + std::to_string(sen.min_replicas.to_write));
    for (const auto& [host, priority] : sen.priorities)
      if (std::find(t.hosts.begin(), t.hosts.end(), host) == t.hosts.end())
        diag.error(pointer_join(sptr + "/priorities", host), "\"" + host + "\" is not a host of tier \"" + t.name + "\"");
  }
}

}  // namespace halab
