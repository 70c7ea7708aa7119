// halab: the high-availability chaos and availability lab, command-line front end.
#include "sim/cli/app.hpp"

int main(int argc, char** argv) { return halab::halab_main(argc, argv); }
