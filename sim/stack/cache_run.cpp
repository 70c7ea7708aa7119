#include "sim/stack/cache_run.hpp"

namespace halab {

CacheRun::CacheRun(const TierSpec& spec)
    : memory(spec.hosts.size(), LruStore(*spec.store)), replica_of(spec.hosts.size()), offset(spec.hosts.size(), 0) {
  if (spec.sentinel)  // the first instance starts as the master
    for (std::size_t i = 1; i < spec.hosts.size(); ++i) replica_of[i] = 0;
}

}  // namespace halab
