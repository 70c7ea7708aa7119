// The shape of every trace event (docs/trace-schema.md) as data, checked on every trace
// read, so that a viewer or a metric never meets a key of the wrong type: a wrong trace is
// refused with the line and the key, not met with an abort deep in the replay.
#pragma once

#include "sim/trace/trace.hpp"

#include <optional>
#include <string>

namespace halab {

// The latest time a trace may name: 400 days, the longest scenario duration.
inline constexpr double kMaxTraceTime = 400 * 86400.0;

// What is wrong with one event, as "/key: expected …, found …", or nothing. Kinds of event
// this version does not know are accepted with their "t" and "ev" checked.
std::optional<std::string> event_schema_error(const TraceEvent& event);

}  // namespace halab
