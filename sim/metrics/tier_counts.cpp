#include "sim/metrics/tier_counts.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace halab {

std::uint64_t TierCounts::failed() const {
  return std::accumulate(by_failure.begin(), by_failure.end(), std::uint64_t{0});
}

bool TierCounts::empty() const {
  return requests == 0 && ok == 0 && failed() == 0 && degraded == 0 && retried == 0 && writes_applied == 0 &&
         writes_deduplicated == 0;
}

namespace {

// Each count's key, one list for the writer and the reader (in the events' key order, the
// failures between the leading and the trailing counts).
using TierCount = std::uint64_t TierCounts::*;
constexpr std::pair<const char*, TierCount> kLeading[]{{"requests", &TierCounts::requests}, {"ok", &TierCounts::ok}};
constexpr std::pair<const char*, TierCount> kTrailing[]{{"degraded", &TierCounts::degraded},
                                                        {"retried", &TierCounts::retried},
                                                        {"writes_applied", &TierCounts::writes_applied},
                                                        {"writes_duplicated", &TierCounts::writes_duplicated},
                                                        {"writes_deduplicated", &TierCounts::writes_deduplicated}};
using BufferCount = std::uint64_t BufferCounts::*;
constexpr std::pair<const char*, BufferCount> kBufferSums[]{{"buffered", &BufferCounts::buffered},
                                                            {"delivered", &BufferCounts::delivered},
                                                            {"redelivered", &BufferCounts::redelivered},
                                                            {"buffer_lost", &BufferCounts::lost}};

}  // namespace

void TierCounts::write_to(TraceEvent& e) const {
  for (const auto& [key, count] : kLeading) e[key] = this->*count;
  for (CallFailure f : kCallFailures) e[to_string(f)] = failed(f);
  for (const auto& [key, count] : kTrailing) e[key] = this->*count;
}

void TierCounts::add_from(const TraceEvent& e) {
  for (const auto& [key, count] : kLeading) this->*count += e[key].get<std::uint64_t>();
  for (CallFailure f : kCallFailures) by_failure[index_of(f)] += e[to_string(f)].get<std::uint64_t>();
  for (const auto& [key, count] : kTrailing) this->*count += e[key].get<std::uint64_t>();
}

bool BufferCounts::empty() const {
  return std::all_of(std::begin(kBufferSums), std::end(kBufferSums), [this](const auto& k) { return this->*k.second == 0; });
}

void BufferCounts::write_to(TraceEvent& e) const {
  for (const auto& [key, count] : kBufferSums) e[key] = this->*count;
  e["max_buffer"] = max_held;
  e["max_buffer_wait_s"] = max_wait_s;
}

void BufferCounts::add_from(const TraceEvent& e) {
  for (const auto& [key, count] : kBufferSums) this->*count += e[key].get<std::uint64_t>();
  max_held = std::max(max_held, e["max_buffer"].get<std::uint64_t>());
  max_wait_s = std::max(max_wait_s, e["max_buffer_wait_s"].get<double>());
}

void CacheLookups::write_to(TraceEvent& e) const {
  e["cache_lookups"] = lookups;
  e["cache_hits"] = hits;
  e["cache_timeouts"] = timeouts;
}

void CacheLookups::add_from(const TraceEvent& e) {
  lookups += e["cache_lookups"].get<std::uint64_t>();
  hits += e["cache_hits"].get<std::uint64_t>();
  timeouts += e["cache_timeouts"].get<std::uint64_t>();
}

void CacheServes::write_to(TraceEvent& e) const {
  e["gets"] = gets;
  e["get_hits"] = get_hits;
  e["sets"] = sets;
}

void CacheServes::add_from(const TraceEvent& e) {
  gets += e["gets"].get<std::uint64_t>();
  get_hits += e["get_hits"].get<std::uint64_t>();
  sets += e["sets"].get<std::uint64_t>();
}

void DatabaseCounts::write_to(TraceEvent& e) const {
  e["reads"] = reads;
  e["reads_stale"] = reads_stale;
  e["max_stale_s"] = max_stale_s;
}

void DatabaseCounts::add_from(const TraceEvent& e) {
  reads += e["reads"].get<std::uint64_t>();
  reads_stale += e["reads_stale"].get<std::uint64_t>();
  max_stale_s = std::max(max_stale_s, e["max_stale_s"].get<double>());
}

}  // namespace halab
