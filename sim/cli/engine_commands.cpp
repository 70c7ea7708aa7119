// `halab_main`: the whole command line with the engine's commands in this process.
#include "sim/cli/app.hpp"

namespace halab {

int halab_main(int argc, char** argv) {
  static constexpr EngineCommands engine{&command_validate, &command_run,   &command_suite,
                                         &command_check,    &command_explore, &command_sweep,
                                         &command_merge,    &command_compare, &command_bench};
  return halab_cli(argc, argv, &engine);
}

}  // namespace halab
