#include "models/dns/dns_round_robin.hpp"

#include <algorithm>

namespace halab {

DnsRoundRobin::DnsRoundRobin(std::size_t records, int failure_threshold)
    : records_(records), failure_threshold_(failure_threshold) {}

std::size_t DnsRoundRobin::first_of_next_answer() {
  const std::size_t n = records_.size();
  const std::size_t start = next_start_;
  next_start_ = (next_start_ + 1) % n;
  const bool any_healthy = std::any_of(records_.begin(), records_.end(), [](const Record& r) { return r.healthy; });
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t r = (start + k) % n;
    if (records_[r].healthy || !any_healthy) return r;
  }
  return start;
}

std::optional<bool> DnsRoundRobin::record_check(std::size_t r, bool passed) {
  Record& rec = records_[r];
  if (failure_threshold_ == 0 || passed == rec.healthy) {
    rec.disagreeing = 0;
    return std::nullopt;
  }
  if (++rec.disagreeing < failure_threshold_) return std::nullopt;
  rec.healthy = passed;
  rec.disagreeing = 0;
  return passed;
}

}  // namespace halab
