// An authoritative DNS name answered round robin over several addresses, with optional
// health checks (docs/six-tiers.md):
// - BIND's `rrset-order cyclic` (the default order): each answer lists every record, the
//   list rotated one further than the previous answer's; a client uses the first address
//   (getaddrinfo keeps the order for addresses of one family and scope);
// - Route 53-style health checks (its documentation, "How Amazon Route 53 determines
//   whether a health check is healthy"): a record's status flips after `failure_threshold`
//   consecutive checks disagree with it, in either direction; unhealthy records are left
//   out of answers, unless every record is unhealthy, when all are answered ("if all
//   records are unhealthy, Route 53 responds to queries using all of them").
// A client keeps its answer for the TTL; the model only decides what is answered.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace halab {

class DnsRoundRobin {
 public:
  // `records` addresses; `failure_threshold` 0: no health checks (every record answered).
  DnsRoundRobin(std::size_t records, int failure_threshold);

  // The next answer's first address (what a client connects to).
  std::size_t first_of_next_answer();
  // A health check of record `r`; returns its new status when it changed.
  std::optional<bool> record_check(std::size_t r, bool passed);
  bool healthy(std::size_t r) const { return records_[r].healthy; }

 private:
  struct Record {
    bool healthy = true;
    int disagreeing = 0;  // consecutive checks against its status
  };
  std::vector<Record> records_;
  int failure_threshold_;
  std::size_t next_start_ = 0;
};

}  // namespace halab
