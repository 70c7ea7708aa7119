#include "sim/net/call_failure.hpp"

namespace halab {

const char* to_string(CallFailure f) {
  switch (f) {
    case CallFailure::none: return "none";
    case CallFailure::timeout: return "timeout";
    case CallFailure::no_backend: return "no_backend";
    case CallFailure::overloaded: return "overloaded";
    case CallFailure::breaker_open: return "breaker_open";
    case CallFailure::pool_exhausted: return "pool_exhausted";
    case CallFailure::rate_limited: return "rate_limited";
    case CallFailure::bulkhead_full: return "bulkhead_full";
    case CallFailure::refused: return "refused";
    case CallFailure::buffer_full: return "buffer_full";
    case CallFailure::read_only: return "read_only";
    case CallFailure::disk_full: return "disk_full";
    case CallFailure::no_table: return "no_table";
  }
  return "?";
}

}  // namespace halab
