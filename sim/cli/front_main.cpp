// halab: the high-availability chaos and availability lab, command-line front end. It
// links no SimGrid and hands the simulating commands to halab-engine (sim/cli/app.hpp).
#include "sim/cli/app.hpp"

int main(int argc, char** argv) { return halab::halab_cli(argc, argv, nullptr); }
