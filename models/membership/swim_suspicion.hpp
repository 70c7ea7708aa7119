// Lifeguard's suspicion timeout (Dadgar, Phillips, Currey: "Lifeguard: Local Health
// Awareness for More Accurate Failure Detection", 2018, §IV-B; memberlist/suspicion.go):
// a suspicion starts at its maximum timeout and shrinks towards the minimum as independent
// members confirm it, as max − (max − min) × log(n + 1) / log(k + 1) after n of the k
// confirmations wanted (rounded down to the millisecond, never below min). With k = 0 the
// timeout is the minimum from the start.
#pragma once

#include "models/time.hpp"

#include <array>
#include <cstdint>

namespace halab {

class SwimSuspicion {
public:
  static constexpr int kMaxConfirmations = 8;  // k = SuspicionMult − 2; memberlist's default is 2

  SwimSuspicion(std::uint32_t node, std::uint32_t from, Instant start, int k, Duration min, Duration max);

  // Another member's suspect message: true when it confirms (a new accuser, fewer than k so
  // far), which memberlist re-gossips; the deadline then moves earlier.
  bool confirm(std::uint32_t from);
  Instant deadline() const { return deadline_; }
  std::uint32_t node() const { return node_; }
  Instant start() const { return start_; }
  int confirmations() const { return n_; }

private:
  std::uint32_t node_;
  Instant start_;
  int k_;
  int n_ = 0;
  Duration min_, max_;
  Instant deadline_;
  std::array<std::uint32_t, kMaxConfirmations + 1> accusers_{};  // the first accuser included
};

}  // namespace halab
