// Runs pieces of work in forked children and returns what each returned through a pipe, so
// each simulation gets a fresh process (SimGrid allows one engine per process), and several
// can run at once on several cores.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace halab {

struct ChildResult {
  int exit_code = 0;  // the child's exit status, or 128 + signal
  std::string output; // everything the work returned
};

using ChildWork = std::function<std::string()>;

// `work` runs in the child; its return value is sent back; an exception gives exit code 70.
ChildResult run_in_child(const ChildWork& work);

// Runs every piece of work in its own child, at most `parallel` at a time; results in order.
// `done`, when set, is told of each result as it is collected (in order), with its index.
std::vector<ChildResult> run_in_children(const std::vector<ChildWork>& works, unsigned parallel,
                                         const std::function<void(std::size_t, const ChildResult&)>& done = {});

} // namespace halab
