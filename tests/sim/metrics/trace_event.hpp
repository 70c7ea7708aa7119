// A trace event written by hand for metric tests: {"t": t, "ev": type, …fields}.
#pragma once

#include "sim/trace/trace.hpp"

namespace halab::test {

inline TraceEvent event(double t, const char* type, TraceEvent fields = TraceEvent::object()) {
  fields["t"] = t;
  fields["ev"] = type;
  return fields;
}

} // namespace halab::test
