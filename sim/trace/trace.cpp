#include "sim/trace/trace.hpp"

#include "sim/trace/event_schema.hpp"

#include <stdexcept>
#include <string>

namespace halab {

void Trace::emit(double now, std::string_view type, TraceEvent fields) {
  // Built in order without a key search per field (ordered_json's operator[] searches):
  // the fields' values move over, their keys are copied.
  if (fields.is_null()) fields = TraceEvent::object();
  TraceEvent event = TraceEvent::object();
  auto& out = event.get_ref<TraceEvent::object_t&>();
  auto& in = fields.get_ref<TraceEvent::object_t&>();
  using Members = TraceEvent::object_t::Container;
  out.reserve(in.size() + 2);
  out.Members::emplace_back("t", now);
  out.Members::emplace_back("ev", type);
  for (auto& [key, value] : in) {
    if (key == "t" || key == "ev") throw std::logic_error("trace event field named " + key);
    out.Members::emplace_back(key, std::move(value));
  }
  if (stream_) *stream_ << event.dump() << '\n';
  if (observer_) observer_(event);
  else events_.push_back(std::move(event));
}

TraceEvent parse_trace_line(std::string_view line) {
  TraceEvent event;
  try {
    event = TraceEvent::parse(line);
  } catch (const nlohmann::json::exception& e) {  // syntax, and numbers out of range
    throw std::runtime_error(std::string("not valid JSON (") + e.what() + ")");
  }
  if (auto error = event_schema_error(event)) throw std::runtime_error("not a valid trace event: " + *error);
  return event;
}

std::vector<TraceEvent> read_trace(std::istream& in) {
  std::vector<TraceEvent> events;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    try {
      events.push_back(parse_trace_line(line));
      if (events.size() > 1 && events.back()["t"].get<double>() < events[events.size() - 2]["t"].get<double>())
        throw std::runtime_error("events go back in time");
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("line " + std::to_string(number) + ": " + e.what());
    }
  }
  return events;
}

} // namespace halab
