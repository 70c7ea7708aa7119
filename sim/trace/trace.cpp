#include "sim/trace/trace.hpp"

#include <stdexcept>
#include <string>

namespace halab {

void Trace::emit(double now, std::string_view type, const TraceEvent& fields) {
  TraceEvent event;
  event["t"] = now;
  event["ev"] = type;
  for (const auto& [key, value] : fields.items()) event[key] = value;
  if (stream_) *stream_ << event.dump() << '\n';
  events_.push_back(std::move(event));
}

TraceEvent parse_trace_line(std::string_view line) {
  TraceEvent event;
  try {
    event = TraceEvent::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(std::string("not valid JSON (") + e.what() + ")");
  }
  if (!event.is_object() || !event.contains("t") || !event["t"].is_number() || !event.contains("ev") ||
      !event["ev"].is_string())
    throw std::runtime_error("not a trace event (it needs \"t\" and \"ev\")");
  return event;
}

std::vector<TraceEvent> read_trace(std::istream& in) {
  std::vector<TraceEvent> events;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    try {
      events.push_back(parse_trace_line(line));
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("line " + std::to_string(number) + ": " + e.what());
    }
  }
  return events;
}

} // namespace halab
