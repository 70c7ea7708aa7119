// Runs a piece of work in a forked child and returns what it printed to a pipe, so each
// simulation gets a fresh process (SimGrid allows one engine per process).
#pragma once

#include <functional>
#include <string>

namespace halab {

struct ChildResult {
  int exit_code = 0;  // the child's exit status, or 128 + signal
  std::string output; // everything the work returned
};

// `work` runs in the child; its return value is sent back; an exception gives exit code 70.
ChildResult run_in_child(const std::function<std::string()>& work);

} // namespace halab
