#include "sim/scenario/cache_reader.hpp"

namespace halab {

using Need = Fields::Need;

void read_cache_edge(const Fields& f, CacheEdgeSpec& c) {
  c.tier = f.string("tier", Need::required).value_or("");
  if (auto mode = f.string("mode", Need::required)) {
    if (*mode == "shard") c.mode = CacheEdgeSpec::Mode::shard;
    else if (*mode == "double") c.mode = CacheEdgeSpec::Mode::double_write;
    else f.diagnostics().expected(f.pointer("mode"), "\"shard\" or \"double\"", f.get("mode", Need::optional));
  }
  f.positive_duration("timeout", Need::optional, c.timeout);
}

void read_keys(const Fields& f, WorkloadSpec& w) {
  w.key_count = static_cast<std::uint64_t>(f.integer("count", Need::required, 1, 10000000).value_or(1));
  w.zipf = f.number("zipf", Need::optional, 0, 5).value_or(w.zipf);
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
    if (!t.upstream) diag.error(cptr, "a cache is looked aside to on the way to the data: the tier needs an \"upstream\" for misses and writes");
    if (s.workload.key_count == 0)
      diag.error(cptr, "requests need keys for a cache to hold: give /workload/keys");
  }
}

}  // namespace halab
