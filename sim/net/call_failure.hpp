// Why a call on the request path failed, as its caller saw it (docs/six-tiers.md): carried
// by replies, counted per tier in `tier.stats`, and named the same in the summary.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace halab {

enum class CallFailure : std::uint8_t {
  none,
  timeout,     // no answer within the call's timeout (504)
  no_backend,  // no upstream server could be chosen: all failed, tried or full (502)
  overloaded,  // the server's queue was full (503)
  breaker_open,  // the caller's circuit breaker refused the call (503, at once)
  pool_exhausted,  // no pooled connection became free within the caller's acquire timeout
  rate_limited,    // the server's rate limit had no token left (429, at once)
  bulkhead_full,   // the caller's bulkhead had no room within its wait (at once, or after it)
  refused,         // the server's port was closed: its process is stopping or stopped (a TCP RST, at once)
  buffer_full,     // the caller's buffer queue had no room (at once)
  read_only,       // a write reached a database instance that is not the primary (MySQL's --read-only error)
  disk_full,       // the database could not write: its disk is full (MySQL's error 28, "No space left on device")
  no_table,        // the database's table is gone: an operator dropped it (MySQL's error 1146)
};
const char* to_string(CallFailure f);
// Every failure, in order (not `none`): what counts by cause run over.
inline constexpr std::array<CallFailure, 12> kCallFailures{
    CallFailure::timeout,       CallFailure::no_backend, CallFailure::overloaded,  CallFailure::breaker_open,
    CallFailure::pool_exhausted, CallFailure::rate_limited, CallFailure::bulkhead_full, CallFailure::refused,
    CallFailure::buffer_full,   CallFailure::read_only,  CallFailure::disk_full,     CallFailure::no_table};
inline constexpr std::size_t index_of(CallFailure f) { return static_cast<std::size_t>(f); }

}  // namespace halab
