// halab-engine: every halab command in one process, the simulating ones included; the
// halab front end runs it for those (sim/cli/app.hpp).
#include "sim/cli/app.hpp"

int main(int argc, char** argv) { return halab::halab_main(argc, argv); }
