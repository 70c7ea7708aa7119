// `halab import KIND FILE… [--out FILE]`: a real configuration as a scenario skeleton
// (sim/import). The scenario is printed (or written) only if the lab's own loader accepts
// it; the notes (what was not carried over, with file and line) go to stderr. Exit 0, or 2
// with every error (file:line: what was expected, what was found).
#include "sim/cli/commands.hpp"
#include "sim/import/importer.hpp"
#include "sim/scenario/loader.hpp"

#include <fstream>
#include <iostream>

namespace halab {

int command_import(const ImportCommand& options) {
  const ImportResult result = import_config(options.kind, options.files);
  for (const auto& n : result.notes) std::cerr << "note: " << n << '\n';
  for (const auto& e : result.errors) std::cerr << e << '\n';
  if (!result.errors.empty()) return kExitInput;
  const std::string label = options.out.empty() ? "the imported scenario" : options.out;
  const auto loaded = load_scenario_json(nlohmann::json::parse(result.scenario.dump()), label);
  if (!loaded.scenario) {
    std::cerr << "the configuration imports into a scenario the lab refuses:\n";
    for (const auto& e : loaded.errors) std::cerr << e.to_string() << '\n';
    return kExitInput;
  }
  const std::string text = result.scenario.dump(2) + "\n";
  if (options.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(options.out);
  out << text;
  if (!out) {
    std::cerr << "import: cannot write " << options.out << '\n';
    return kExitInput;
  }
  std::cerr << "wrote " << options.out << " (halab run " << options.out << ")\n";
  return kExitOk;
}

}  // namespace halab
