// The run's trace: one JSON object per event, in simulated-time order, written as JSON
// Lines. Every fault, detector verdict, role change, IP move and request outcome is an
// event; metrics, reports and the GUI read nothing else. Schema: docs/trace-schema.md.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <ostream>
#include <string_view>
#include <utility>
#include <vector>

namespace halab {

using TraceEvent = nlohmann::ordered_json;

inline constexpr int kTraceSchemaVersion = 1;
// The reason of the ip.release event that records a holder's crash.
inline constexpr const char* kCrashReason = "host crashed";

// Takes each event as it is emitted (a summary built online).
using TraceObserver = std::function<void(const TraceEvent&)>;

class Trace {
public:
  // Events are kept in memory for metrics — or, with an `observer`, handed to it and not
  // kept (memory does not grow with the run) — and, when `stream` is set, also written as
  // they happen (so a viewer can follow a run live).
  explicit Trace(std::ostream* stream = nullptr, TraceObserver observer = {})
      : stream_(stream), observer_(std::move(observer)) {}

  // Appends {"t": now, "ev": type, ...fields}; `fields` must be an object without "t" and
  // "ev" (every writer names its fields in event_schema).
  void emit(double now, std::string_view type, TraceEvent fields = TraceEvent::object());

  const std::vector<TraceEvent>& events() const { return events_; }
  // The events, moved out at the end of a run (a copy would double the run's memory).
  std::vector<TraceEvent> take_events() { return std::move(events_); }

private:
  std::ostream* stream_;
  TraceObserver observer_;
  std::vector<TraceEvent> events_;
};

// Parses one JSON Lines record; throws std::runtime_error saying what is wrong with it.
TraceEvent parse_trace_line(std::string_view line);

// Parses a whole JSON Lines trace held in memory, on up to `threads` threads (0: one per
// core), each taking a run of whole lines of `min_run` bytes at least (lines are
// independent; the events come back in file order). Blank lines are skipped. Throws
// std::runtime_error naming the first bad line: not an event, or an event earlier than the
// one before it.
std::vector<TraceEvent> parse_trace_text(std::string_view text, unsigned threads = 0,
                                         std::size_t min_run = std::size_t{1} << 20);

// Reads a JSON Lines trace (parse_trace_text of the whole stream).
std::vector<TraceEvent> read_trace(std::istream& in);

} // namespace halab
