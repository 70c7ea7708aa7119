// swim_scale MEMBERS [SIMULATED_S [SEED]]: one SWIM group run on the bare event loop
// (sim/bench/swim_group), then its CPU seconds, peak RSS and what the members saw.
// docs/performance.md records the curve from 10 to 10,000 members.
#include "sim/bench/swim_group.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: swim_scale MEMBERS [SIMULATED_S [SEED]]\n";
    return 2;
  }
  halab::SwimGroupRun run;
  long members = 0;
  try {
    std::size_t used = 0;
    members = std::stol(argv[1], &used);
    if (used != std::string(argv[1]).size()) members = 0;
    if (argc >= 3) run.simulated_s = std::stod(argv[2]);
    if (argc == 4) {
      run.seed = std::stoull(argv[3], &used);
      if (used != std::string(argv[3]).size() || argv[3][0] == '-') members = 0;
    }
  } catch (const std::exception&) {
    members = 0;
  }
  if (members < 4 || members > 100000 || !(run.simulated_s > 0 && run.simulated_s <= 1e7)) {
    std::cerr << "swim_scale: expected 4 to 100,000 members, simulated seconds in (0, 1e7] and a seed >= 0\n";
    return 2;
  }
  run.members = static_cast<std::uint32_t>(members);
  halab::SwimGroupResult r = halab::run_swim_group(run);
  auto after = [](double s) { return s < 0 ? std::string("never") : fmt::format("+{:.1f} s", s); };
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  double cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  std::cout << fmt::format(
      "members {} simulated {:.0f} s: cpu {:.2f} s, max rss {} MB, packets {} ({:.2f} per member per s), "
      "view changes {}, crash declared dead first {} all {}, live declared dead before the cut {}, "
      "by their own side after it {}\n",
      run.members, run.simulated_s, cpu, ru.ru_maxrss / 1024, r.packets,
      static_cast<double>(r.packets) / run.members / run.simulated_s, r.changes, after(r.crash_first_dead_s), after(r.crash_all_dead_s),
      r.live_dead_before_cut, r.live_dead_same_side);
  return 0;
}
