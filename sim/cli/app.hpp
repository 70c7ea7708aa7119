// The `halab` program as a function: parses argv and runs the subcommand; returns the exit
// code (sim/cli/commands.hpp). A program that registers its own failover policies calls
// it after registering them.
#pragma once

namespace halab {

int halab_main(int argc, char** argv);

}  // namespace halab
