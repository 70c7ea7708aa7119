// `halab diff A B [--json]`: how two runs differ — two traces (JSON Lines, `halab run
// --trace`) by the first event where they part, then either (a trace or a summary, `halab
// run --json`) by the figures of their summaries. Exit 0 the same, 1 they differ (as
// diff(1)), 2 a file is neither.
#include "sim/cli/commands.hpp"
#include "sim/cli/summary_diff.hpp"
#include "sim/metrics/summary.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace halab {
namespace {

struct Loaded {
  std::optional<std::vector<TraceEvent>> events;  // a trace's
  nlohmann::ordered_json summary;
};

std::optional<Loaded> load_run(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open the file\n";
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  Loaded out;
  // A summary is one JSON object with the run's figures; a trace is a line per event.
  if (auto doc = nlohmann::ordered_json::parse(content, nullptr, false); !doc.is_discarded() && doc.is_object() && !doc.contains("ev")) {
    if (!doc.contains("scenario") || !doc.contains("availability")) {
      std::cerr << path << ": expected a trace (JSON Lines of events, halab run --trace) or a summary (halab run --json), found an "
                           "object without \"scenario\" and \"availability\"\n";
      return std::nullopt;
    }
    out.summary = std::move(doc);
    return out;
  }
  try {
    std::istringstream lines(content);
    out.events = read_trace(lines);
    out.summary = summarize(*out.events).to_json();
  } catch (const std::exception& e) {
    std::cerr << path << ": " << e.what() << '\n';
    return std::nullopt;
  }
  return out;
}

}  // namespace

int command_diff(const DiffCommand& options) {
  const auto a = load_run(options.a), b = load_run(options.b);
  if (!a || !b) return kExitInput;
  std::optional<std::size_t> parted;
  if (a->events && b->events) parted = first_divergence(*a->events, *b->events);
  const auto deltas = summary_deltas(a->summary, b->summary);
  const auto event_at = [](const Loaded& l, std::size_t i) {
    return i < l.events->size() ? nlohmann::ordered_json((*l.events)[i]) : nlohmann::ordered_json(nullptr);
  };
  if (options.json) {
    nlohmann::ordered_json out{{"same", !parted && deltas.empty()}};
    out["first_divergence"] = parted ? nlohmann::ordered_json{{"event", *parted}, {"a", event_at(*a, *parted)}, {"b", event_at(*b, *parted)}}
                                     : nlohmann::ordered_json(nullptr);
    out["figures"] = nlohmann::ordered_json::array();
    for (const FigureDelta& d : deltas)
      out["figures"].push_back({{"figure", d.figure}, {"a", d.a}, {"b", d.b}, {"change", d.change ? nlohmann::ordered_json(*d.change) : nullptr}});
    std::cout << out.dump() << '\n';
  } else {
    const auto what = [](const Loaded& l) {
      return l.events ? fmt::format("a trace of {} events", l.events->size()) : std::string("a summary");
    };
    std::cout << fmt::format("A: {} ({})\nB: {} ({})\n", options.a, what(*a), options.b, what(*b));
    if (a->events && b->events) {
      if (!parted) {
        std::cout << "the traces are the same, event for event\n";
      } else {
        const auto show = [](const nlohmann::ordered_json& e) { return e.is_null() ? std::string("(the trace has ended)") : e.dump(); };
        std::cout << fmt::format("first divergence at event {} (line {}):\n  A: {}\n  B: {}\n", *parted, *parted + 1,
                                 show(event_at(*a, *parted)), show(event_at(*b, *parted)));
      }
    }
    if (deltas.empty()) std::cout << "the summaries' figures are the same\n";
    else std::cout << fmt::format("{} figure(s) differ (A -> B):\n", deltas.size()) << format_deltas(deltas);
  }
  return !parted && deltas.empty() ? kExitOk : kExitUnmet;
}

}  // namespace halab
