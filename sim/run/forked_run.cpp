#include "sim/run/forked_run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <stdexcept>

namespace halab {
namespace {

struct Child {
  pid_t pid;
  int read_fd;
};

Child start_child(const ChildWork& work) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid > 0) {
    close(fds[1]);
    return {pid, fds[0]};
  }
  close(fds[0]);
  int code = 0;
  std::string out;
  try {
    out = work();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "halab: %s\n", e.what());
    code = 70;
  }
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = write(fds[1], out.data() + done, out.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  close(fds[1]);
  std::fflush(nullptr);
  _exit(code);
}

ChildResult finish_child(const Child& child) {
  ChildResult result;
  char buffer[65536];
  for (;;) {
    ssize_t n = read(child.read_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  close(child.read_fd);
  int status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

} // namespace

ChildResult run_in_child(const ChildWork& work) {
  return finish_child(start_child(work));
}

std::vector<ChildResult> run_in_children(const std::vector<ChildWork>& works, unsigned parallel,
                                         const std::function<void(std::size_t, const ChildResult&)>& done) {
  std::vector<ChildResult> results;
  std::deque<Child> running;
  std::size_t next = 0;
  parallel = std::max(parallel, 1u);
  while (next < works.size() || !running.empty()) {
    while (next < works.size() && running.size() < parallel) running.push_back(start_child(works[next++]));
    // Collect the oldest: results stay in order; the others keep running meanwhile.
    results.push_back(finish_child(running.front()));
    running.pop_front();
    if (done) done(results.size() - 1, results.back());
  }
  return results;
}

} // namespace halab
