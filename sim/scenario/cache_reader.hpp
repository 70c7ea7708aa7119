// Reading the cache of the request path (docs/six-tiers.md): a tier's `cache` edge (the
// cache tier it looks aside to, and how the keys spread over its servers), a cache tier's
// `store`, and /workload/keys; and, once all is read, checking they fit together.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <string>

namespace halab {

void read_cache_edge(const Fields& cache, CacheEdgeSpec& c);
void read_keys(const Fields& keys, WorkloadSpec& w);
// Each cache edge names a tier with a `store`, from a tier with an upstream, and the
// requests have keys.
void check_caches(const std::string& stack_pointer, const Scenario& s, Diagnostics& diag);

}  // namespace halab
