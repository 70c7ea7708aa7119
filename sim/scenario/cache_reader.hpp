// Reading the cache of the request path (docs/six-tiers.md): a tier's `cache` edge (the
// cache tier it looks aside to, and how the keys spread over its servers), a cache tier's
// `store`, and /workload/keys; and, once all is read, checking they fit together.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <functional>
#include <string>

namespace halab {

void read_cache_edge(const Fields& cache, CacheEdgeSpec& c);
void read_keys(const Fields& keys, WorkloadSpec& w);
// A store tier's `sentinel`; `known_host` says whether a name is a host of the topology.
void read_sentinel(const Fields& sentinel, SentinelSpec& s, const std::function<bool(const std::string&)>& known_host);
// `store.min_replicas`: {"to_write", "max_lag"?: 10} (seconds, whole as in redis.conf).
void read_min_replicas(const Fields& f, MinReplicas& m);
// Each cache edge names a tier with a `store`, from a tier with an upstream, in `sentinel`
// mode exactly when that tier has Sentinels; the requests have keys; a Sentinel group's
// quorum is within it, its priorities name its tier's hosts.
void check_caches(const std::string& stack_pointer, const Scenario& s, Diagnostics& diag);

}  // namespace halab
