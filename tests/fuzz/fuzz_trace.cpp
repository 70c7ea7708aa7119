// libFuzzer target: the trace readers (the GUI's, `halab diff`'s) on any bytes. A trace is
// read (parse_trace_text, on one thread and on four with short runs of lines — the same
// events or the same error), and what it accepts is replayed to its end and summarised, as the GUI and the
// summary do. Every input is a trace or an error naming a line; a crash, a sanitizer
// report, an exception other than that error, or a hang is a bug (tests/fuzz/README.md).
#include "sim/metrics/summary.hpp"
#include "sim/trace/replay.hpp"
#include "sim/trace/trace.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

std::string read(std::string_view text, unsigned threads, std::vector<halab::TraceEvent>& events) {
  try {
    events = halab::parse_trace_text(text, threads, 16);  // runs of 16 bytes at least: cut often
    return "";
  } catch (const std::runtime_error& e) {
    return e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<halab::TraceEvent> events, again;
  const std::string error = read(text, 1, events);
  if (read(text, 4, again) != error || again != events) std::abort();
  if (!error.empty()) {
    if (error.rfind("line ", 0) != 0) std::abort();  // every error names its line
    return 0;
  }
  const halab::Summary summary = halab::summarize(events);
  (void)summary.to_json().dump();
  const halab::TraceReplay replay(std::move(events));
  (void)replay.at(replay.end_time());
  (void)replay.at(replay.end_time() / 2);
  return 0;
}
