#include "sim/metrics/tier_counts.hpp"

#include <algorithm>
#include <numeric>

namespace halab {

std::uint64_t TierCounts::failed() const {
  return std::accumulate(by_failure.begin(), by_failure.end(), std::uint64_t{0});
}

bool TierCounts::empty() const {
  return requests == 0 && ok == 0 && failed() == 0 && degraded == 0 && retried == 0 && writes_applied == 0 &&
         writes_deduplicated == 0;
}

void TierCounts::write_to(TraceEvent& e) const {
  e["requests"] = requests;
  e["ok"] = ok;
  for (CallFailure f : kCallFailures) e[to_string(f)] = failed(f);
  e["degraded"] = degraded;
  e["retried"] = retried;
  e["writes_applied"] = writes_applied;
  e["writes_duplicated"] = writes_duplicated;
  e["writes_deduplicated"] = writes_deduplicated;
}

void TierCounts::add_from(const TraceEvent& e) {
  auto count = [&e](const char* key) { return e[key].get<std::uint64_t>(); };
  requests += count("requests");
  ok += count("ok");
  for (CallFailure f : kCallFailures) by_failure[index_of(f)] += count(to_string(f));
  degraded += count("degraded");
  retried += count("retried");
  writes_applied += count("writes_applied");
  writes_duplicated += count("writes_duplicated");
  writes_deduplicated += count("writes_deduplicated");
}

void BufferCounts::write_to(TraceEvent& e) const {
  e["buffered"] = buffered;
  e["delivered"] = delivered;
  e["redelivered"] = redelivered;
  e["buffer_lost"] = lost;
  e["max_buffer"] = max_held;
  e["max_buffer_wait_s"] = max_wait_s;
}

void BufferCounts::add_from(const TraceEvent& e) {
  buffered += e["buffered"].get<std::uint64_t>();
  delivered += e["delivered"].get<std::uint64_t>();
  redelivered += e["redelivered"].get<std::uint64_t>();
  lost += e["buffer_lost"].get<std::uint64_t>();
  max_held = std::max(max_held, e["max_buffer"].get<std::uint64_t>());
  max_wait_s = std::max(max_wait_s, e["max_buffer_wait_s"].get<double>());
}

}  // namespace halab
