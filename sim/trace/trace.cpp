#include "sim/trace/trace.hpp"

#include "sim/trace/event_schema.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

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

namespace {

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// One thread's share of a trace: whole lines, parsed in order until the first bad one.
struct Chunk {
  std::string_view text;
  std::vector<TraceEvent> events;
  std::vector<std::size_t> lines;  // each event's line, counted from the chunk's first
  std::optional<std::pair<std::size_t, std::string>> error;  // the first bad line, and why

  void parse() {
    std::size_t line = 0;
    for (std::size_t pos = 0; pos < text.size(); ++line) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view record = text.substr(pos, end - pos);
      pos = end + 1;
      if (blank(record)) continue;
      try {
        events.push_back(parse_trace_line(record));
        lines.push_back(line);
      } catch (const std::runtime_error& e) {
        error.emplace(line, e.what());
        return;
      }
    }
  }
};

// Cuts `text` into `n` runs of whole lines of about equal size.
std::vector<Chunk> cut(std::string_view text, std::size_t n) {
  std::vector<Chunk> chunks;
  std::size_t from = 0;
  for (std::size_t i = 1; i <= n && from < text.size(); ++i) {
    std::size_t to = text.size();
    if (i < n) {
      to = text.find('\n', std::max(from, text.size() / n * i));
      to = to == std::string_view::npos ? text.size() : to + 1;
    }
    chunks.push_back(Chunk{text.substr(from, to - from), {}, {}, {}});
    from = to;
  }
  return chunks;
}

}  // namespace

std::vector<TraceEvent> parse_trace_text(std::string_view text, unsigned threads, std::size_t min_run) {
  // Lines are independent: each thread parses a run of them, and the runs are joined in
  // file order. The first bad line in the file is the one reported.
  const std::size_t n = std::clamp<std::size_t>(text.size() / std::max<std::size_t>(min_run, 1), 1,
                                                threads ? threads : std::max(1u, std::thread::hardware_concurrency()));
  std::vector<Chunk> chunks = cut(text, n);
  {
    std::vector<std::jthread> workers;
    for (std::size_t i = 1; i < chunks.size(); ++i) workers.emplace_back([&chunk = chunks[i]] { chunk.parse(); });
    if (!chunks.empty()) chunks[0].parse();
  }
  std::vector<TraceEvent> events;
  std::size_t total = 0;
  for (const Chunk& c : chunks) total += c.events.size();
  events.reserve(total);
  std::size_t first_line = 1;  // the chunk's first line in the file
  for (Chunk& c : chunks) {
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      if (!events.empty() && c.events[i]["t"].get<double>() < events.back()["t"].get<double>())
        throw std::runtime_error("line " + std::to_string(first_line + c.lines[i]) + ": events go back in time");
      events.push_back(std::move(c.events[i]));
    }
    if (c.error) throw std::runtime_error("line " + std::to_string(first_line + c.error->first) + ": " + c.error->second);
    first_line += static_cast<std::size_t>(std::count(c.text.begin(), c.text.end(), '\n'));
  }
  return events;
}

std::vector<TraceEvent> read_trace(std::istream& in) {
  const std::string text(std::istreambuf_iterator<char>(in), {});
  return parse_trace_text(text);
}

} // namespace halab
