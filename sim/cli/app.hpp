// The `halab` program as a function: parses argv and runs the subcommand; returns the exit
// code (sim/cli/commands.hpp).
//
// The commands that simulate need SimGrid, whose library brings 20 ns-3 libraries with it:
// loading them costs 60–80 ms of CPU before main. So the `halab` program is a front end
// without SimGrid (sim/cli/front_main.cpp): it runs the commands that do not simulate
// (place, import, diff, availability) itself and hands the others, argv unchanged, to
// `halab-engine` beside it, which runs everything in process (`halab_main`). A program
// that registers its own failover policies calls `halab_main` after registering them.
#pragma once

#include "sim/cli/commands.hpp"

namespace halab {

// The commands that run simulations (or read their scenarios with the engine's checks).
struct EngineCommands {
  int (*validate)(const std::vector<std::string>&);
  int (*run)(const RunCommand&);
  int (*suite)(const SuiteCommand&);
  int (*check)(const CheckCommand&);
  int (*explore)(const ExploreCommand&);
  int (*sweep)(const SweepCommand&);
  int (*merge)(const MergeCommand&);
  int (*compare)(const CompareCommand&);
  int (*bench)(const BenchCommand&);
};

// Parses argv and runs its subcommand: an engine command with `engine`, or, when that is
// null, by running argv in the halab-engine program beside this one.
int halab_cli(int argc, char** argv, const EngineCommands* engine);

// Every command in this process.
int halab_main(int argc, char** argv);

}  // namespace halab
