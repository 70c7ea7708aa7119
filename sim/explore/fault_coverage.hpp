// Which protocol state each injected fault met, read from a run's trace, and the table of
// fault kinds against states over an exploration — so a user sees what was never tried
// (a crash during fencing, a partition during a failover, …).
//
// The state when a fault strikes (the first that holds, in this order):
//   split brain   — some floating IP has more than one holder (ip.take / ip.release);
//   fencing       — a fencing operation is under way (fence.request until fence.done or
//                   fence.abandon);
//   failover      — some IP that had a holder has none (detection, election, promotion);
//   starting      — no IP has been taken yet;
//   another fault — one holder, but an earlier fault is still in effect (a crashed host not
//                   restarted, a partition not healed, a link not restored, …);
//   steady        — one holder per IP and nothing else wrong.
// The fault kinds are the explorer's (explore_fault_kinds), read from fault events.
#pragma once

#include "sim/trace/trace.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace halab {

inline constexpr std::array<const char*, 6> kProtocolStates{"steady",   "another fault", "starting",
                                                            "failover", "fencing",       "split brain"};

struct FaultHit {
  std::string kind;   // "crash", "one-way-partition", …
  std::string state;  // one of kProtocolStates
  double at_s = 0;
};

// The faults a run injected (the explorer's kinds only), each with the state it met.
std::vector<FaultHit> fault_hits(const std::vector<TraceEvent>& events);

class FaultCoverage {
 public:
  void add(const FaultHit& hit) { ++count_[{hit.kind, hit.state}]; }
  std::size_t count(const std::string& kind, const std::string& state) const;
  // The table (`kinds` × states, counts; "-" for never), then the cells never tried.
  std::string table(const std::vector<std::string>& kinds) const;
  nlohmann::json to_json(const std::vector<std::string>& kinds) const;  // {"kind": {"state": count, …}, …}, every cell

 private:
  std::map<std::pair<std::string, std::string>, std::size_t> count_;
};

}  // namespace halab
