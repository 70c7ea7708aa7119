#include "sim/cli/commands.hpp"
#include "sim/placement/place_report.hpp"
#include "sim/placement/state_reader.hpp"

#include <iostream>

namespace halab {

int command_place(const PlaceCommand& options) {
  Diagnostics diag(options.file);
  auto state = read_cluster_state_file(options.file, diag);
  if (!state) {
    for (const InputError& e : diag.errors()) std::cerr << e.to_string() << '\n';
    return kExitInput;
  }
  if (options.expand) {
    std::cout << configuration_json(*state).dump(2) << '\n';
    return kExitOk;
  }
  try {
    const placement::Schedule schedule = placement::schedule(*state);
    const placement::Transition transition = placement::plan_transition(*state, schedule);
    if (options.json) {
      std::cout << place_json(schedule, transition).dump(options.scores ? 2 : -1) << '\n';
    } else {
      std::cout << place_text(schedule, transition, options.scores);
    }
  } catch (const placement::ConfigError& e) {
    std::cerr << options.file << ": " << e.what() << '\n';
    return kExitInput;
  }
  return kExitOk;
}

}  // namespace halab
