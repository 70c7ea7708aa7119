// Reads each trace file given with read_trace (which checks every event against the
// schema, docs/trace-schema.md): a trace that halab itself wrote must always pass.
#include "sim/trace/trace.hpp"

#include <fstream>
#include <iostream>
#include <stdexcept>

int main(int argc, char** argv) {
  int passed = 0, failed = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i]);
    try {
      if (!in) throw std::runtime_error("cannot open the file");
      if (halab::read_trace(in).empty()) throw std::runtime_error("no events");
      ++passed;
    } catch (const std::runtime_error& e) {
      std::cerr << argv[i] << ": " << e.what() << "\n";
      ++failed;
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 && passed > 0 ? 0 : 1;
}
