#include "sim/stack/cache_run.hpp"

namespace halab {

CacheRun::CacheRun(const TierSpec& spec)
    : memory(spec.hosts.size(), LruStore(*spec.store)),
      replica_of(spec.hosts.size()),
      offset(spec.hosts.size(), 0),
      history(spec.hosts.size(), 0),
      forked(spec.hosts.size()),
      next_history_(1) {
  const MinReplicas mr = spec.sentinel ? spec.sentinel->min_replicas : MinReplicas{};
  gates.assign(spec.hosts.size(), MinReplicasGate(mr.to_write, mr.max_lag_s, spec.hosts.size()));
  if (spec.sentinel)  // the first instance starts as the master, its replicas synced with it
    for (std::size_t i = 1; i < spec.hosts.size(); ++i) {
      replica_of[i] = 0;
      gates[0].online(i, Instant::at_seconds(0));
    }
}

void CacheRun::lost(std::size_t i) {
  memory[i] = LruStore(memory[i].capacity());
  offset[i] = 0;
  history[i] = next_history_++;
  gates[i].clear();
}

void CacheRun::promoted(std::size_t i) {
  if (replica_of[i]) forked[i] = Fork{*replica_of[i], history[*replica_of[i]], offset[i]};
}

std::uint64_t CacheRun::lacked_by(std::size_t x, std::size_t m) const {
  const Fork* f = forked[m] ? &*forked[m] : nullptr;
  const std::uint64_t shared = f && f->from == x && f->history == history[x] ? f->offset : 0;
  return offset[x] > shared ? offset[x] - shared : 0;
}

}  // namespace halab
