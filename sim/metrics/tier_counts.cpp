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

// Counts written under their keys, and summed back from them.
template <class T, std::size_t N>
void write_counts(const T& t, const std::pair<const char*, std::uint64_t T::*> (&keys)[N], TraceEvent& e) {
  for (const auto& [key, count] : keys) e[key] = t.*count;
}
template <class T, std::size_t N>
void add_counts(T& t, const std::pair<const char*, std::uint64_t T::*> (&keys)[N], const TraceEvent& e) {
  for (const auto& [key, count] : keys) t.*count += e[key].template get<std::uint64_t>();
}

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
  write_counts(*this, kLeading, e);
  for (CallFailure f : kCallFailures) e[to_string(f)] = failed(f);
  write_counts(*this, kTrailing, e);
}

void TierCounts::add_from(const TraceEvent& e) {
  add_counts(*this, kLeading, e);
  for (CallFailure f : kCallFailures) by_failure[index_of(f)] += e[to_string(f)].get<std::uint64_t>();
  add_counts(*this, kTrailing, e);
}

bool BufferCounts::empty() const {
  return std::all_of(std::begin(kBufferSums), std::end(kBufferSums), [this](const auto& k) { return this->*k.second == 0; });
}

void BufferCounts::write_to(TraceEvent& e) const {
  write_counts(*this, kBufferSums, e);
  e["max_buffer"] = max_held;
  e["max_buffer_wait_s"] = max_wait_s;
}

void BufferCounts::add_from(const TraceEvent& e) {
  add_counts(*this, kBufferSums, e);
  max_held = std::max(max_held, e["max_buffer"].get<std::uint64_t>());
  max_wait_s = std::max(max_wait_s, e["max_buffer_wait_s"].get<double>());
}

namespace {

constexpr std::pair<const char*, std::uint64_t CacheLookups::*> kLookups[]{
    {"cache_lookups", &CacheLookups::lookups}, {"cache_hits", &CacheLookups::hits}, {"cache_timeouts", &CacheLookups::timeouts}};
constexpr std::pair<const char*, std::uint64_t CacheServes::*> kServes[]{
    {"gets", &CacheServes::gets},
    {"get_hits", &CacheServes::get_hits},
    {"sets", &CacheServes::sets},
    {"sets_readonly", &CacheServes::sets_readonly},
    {"sets_noreplicas", &CacheServes::sets_noreplicas}};
constexpr std::pair<const char*, std::uint64_t DatabaseCounts::*> kReads[]{{"reads", &DatabaseCounts::reads},
                                                                           {"reads_stale", &DatabaseCounts::reads_stale}};

}  // namespace

void CacheLookups::write_to(TraceEvent& e) const { write_counts(*this, kLookups, e); }
void CacheLookups::add_from(const TraceEvent& e) { add_counts(*this, kLookups, e); }
void CacheServes::write_to(TraceEvent& e) const { write_counts(*this, kServes, e); }
void CacheServes::add_from(const TraceEvent& e) { add_counts(*this, kServes, e); }

void DatabaseCounts::write_to(TraceEvent& e) const {
  write_counts(*this, kReads, e);
  e["max_stale_s"] = max_stale_s;
}

void DatabaseCounts::add_from(const TraceEvent& e) {
  add_counts(*this, kReads, e);
  max_stale_s = std::max(max_stale_s, e["max_stale_s"].get<double>());
}

}  // namespace halab
