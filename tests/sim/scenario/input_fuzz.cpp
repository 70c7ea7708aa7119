// Mutation fuzzing of everything a user hands halab: the shipped scenarios, the example
// cluster states and a real trace, each mutated at random (a key removed, a value replaced
// by one of another type or an extreme, a name replaced by another of the same document, an
// array element duplicated) and fed to the same
// code the commands use, each case in its own process. Whatever the input, the answer is
// an accepted input or a diagnosis: a scenario that loads also runs to its end (exit code
// 0, its summary computed), a cluster state that reads is scheduled or refused with a
// ConfigError, a trace that passes the schema replays and summarizes. A signal, an
// uncaught exception (exit 70), a sanitizer report or a hang is a failure; the case is
// written out to reproduce.
//
//   input_fuzz [--cases N] [--seed S] [--out DIR] FILE…   (*.json scenario or state, *.jsonl trace)
#include "sim/metrics/summary.hpp"
#include "sim/placement/state_reader.hpp"
#include "sim/run/forked_run.hpp"
#include "sim/run/simulation.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/trace/event_schema.hpp"
#include "sim/trace/replay.hpp"

#include "models/placement/scheduler.hpp"
#include "models/rng.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using halab::Rng;
using nlohmann::json;

std::size_t pick(Rng& rng, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n)));
}

// A replacement of another type, or at an edge of its range.
json odd_value(Rng& rng) {
  static const std::vector<json> values{
      nullptr, true, 0, -1, 1e300, -1e300, 4294967297LL, 9223372036854775807LL, 0.5, "", "x", "0s", "1ns",
      "100000000d", "-5s", "INFINITY", "-INFINITY", json::array(), json::object(), json::array({json::array()}),
      json::array({nullptr}), json{{"min", "x"}}, std::string(300, 'a')};
  return values[pick(rng, values.size())];
}

// Every place in a document: (container pointer, key or index) pairs, by JSON pointer.
void places(const json& doc, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (doc.is_object()) {
    for (const auto& [k, v] : doc.items()) places(v, at / k, out);
  } else if (doc.is_array()) {
    for (std::size_t i = 0; i < doc.size(); ++i) places(doc[i], at / i, out);
  }
}

json mutate(json doc, Rng& rng) {
  const int count = 1 + static_cast<int>(pick(rng, 3));
  for (int m = 0; m < count; ++m) {
    std::vector<json::json_pointer> all;
    places(doc, json::json_pointer(), all);
    const json::json_pointer target = all[pick(rng, all.size())];
    if (target.empty()) continue;
    json& parent = doc[target.parent_pointer()];
    const double kind = rng.uniform01();
    if (kind < 0.3 && doc[target].is_string()) {
      // another name of the same document: well-formed, but it may point elsewhere
      std::vector<json::json_pointer> strings;
      for (const auto& p : all)
        if (doc[p].is_string()) strings.push_back(p);
      doc[target] = json(doc[strings[pick(rng, strings.size())]]);
    } else if (kind < 0.45) {
      if (parent.is_object()) parent.erase(target.back());
      else if (parent.is_array()) parent.erase(static_cast<std::size_t>(std::stoul(target.back())));
    } else if (kind < 0.85) {
      doc[target] = odd_value(rng);
    } else if (parent.is_array()) {
      parent.push_back(doc[target]);  // a duplicate
    }
  }
  return doc;
}

// What to do with one mutated input; returns a note, throws nothing expected.
std::string exercise(const std::string& kind, const json& doc, const std::string& name) {
  if (kind == "scenario") {
    const auto loaded = halab::load_scenario_json(doc, name);
    if (!loaded.scenario) return "refused";
    halab::Scenario s = *loaded.scenario;
    // bounded: a scenario that loads runs, but for at most two simulated minutes
    s.duration = std::min(s.duration, halab::Duration::seconds(120));
    const auto result = halab::simulate(s, s.seed);
    return "ran " + std::to_string(halab::summarize(result.events).requests_total);
  }
  if (kind == "state") {
    halab::Diagnostics diag(name);
    const auto state = halab::read_cluster_state_json(doc, diag);
    if (!state) return "refused";
    try {
      return "placed " + std::to_string(halab::placement::schedule(*state).assignments.size());
    } catch (const halab::placement::ConfigError&) {
      return "refused by the scheduler";
    }
  }
  // a trace: one event per array element, as the readers take them
  std::vector<halab::TraceEvent> events;
  for (const auto& e : doc) {
    halab::TraceEvent event = halab::TraceEvent::parse(e.dump());
    if (halab::event_schema_error(event)) return "refused";
    if (!events.empty() && event["t"].get<double>() < events.back()["t"].get<double>()) return "refused";
    events.push_back(std::move(event));
  }
  const halab::TraceReplay replay(events);
  for (double f : {0.0, 0.25, 0.5, 1.0}) (void)replay.at(replay.end_time() * f);
  return "replayed " + std::to_string(halab::summarize(events).failovers.size());
}

}  // namespace

int main(int argc, char** argv) {
  int cases = 200;
  std::uint64_t seed = 1;
  std::string out_dir = ".";
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--cases" || a == "--seed" || a == "--out") && i + 1 < argc) {
      const std::string v = argv[++i];
      if (a == "--cases") cases = std::stoi(v);
      else if (a == "--seed") seed = std::stoull(v);
      else out_dir = v;
    } else {
      files.push_back(a);
    }
  }
  struct Input {
    std::string name, kind;
    json doc;
  };
  std::vector<Input> inputs;
  for (const auto& f : files) {
    std::ifstream in(f);
    if (f.size() > 6 && f.substr(f.size() - 6) == ".jsonl") {
      json events = json::array();
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) events.push_back(json::parse(line));
      inputs.push_back({f, "trace", events});
    } else {
      json doc = json::parse(in);
      inputs.push_back({f, doc.contains("cluster") ? "scenario" : "state", doc});
    }
  }
  if (inputs.empty()) {
    std::cerr << "usage: input_fuzz [--cases N] [--seed S] [--out DIR] FILE...\n";
    return 2;
  }
  Rng rng = Rng::stream(seed, "input-fuzz");
  std::vector<json> mutated;
  std::vector<halab::ChildWork> works;
  for (int c = 0; c < cases; ++c) {
    const Input& input = inputs[static_cast<std::size_t>(c) % inputs.size()];
    mutated.push_back(mutate(input.doc, rng));
    works.push_back([doc = mutated.back(), kind = input.kind, name = input.name] { return exercise(kind, doc, name); });
  }
  const auto results = halab::run_in_children(works, 2);
  int failures = 0;
  std::map<std::string, int> outcomes;  // what the inputs came to: refused, ran, placed, replayed
  for (int c = 0; c < cases; ++c) {
    const auto& r = results[static_cast<std::size_t>(c)];
    if (r.exit_code == 0) {
      ++outcomes[r.output.substr(0, r.output.find(' '))];
      continue;
    }
    ++failures;
    const Input& input = inputs[static_cast<std::size_t>(c) % inputs.size()];
    const std::string file = fmt::format("{}/fuzz-{}-{}.json", out_dir, seed, c);
    std::ofstream(file) << mutated[static_cast<std::size_t>(c)].dump(1) << "\n";
    std::cout << fmt::format("case {} ({} of {}): exit {}; written to {}\n", c, input.kind, input.name, r.exit_code, file);
  }
  for (const auto& [outcome, n] : outcomes) std::cout << n << " " << outcome << "\n";
  std::cout << cases - failures << " passed, " << failures << " failed\n";
  return failures == 0 ? 0 : 1;
}
