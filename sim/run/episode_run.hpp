// One regenerative episode (sim/fault/episode) simulated and summarised, its outages
// counted from the first failure on (the warm-up's requests count in none).
#pragma once

#include "sim/fault/episode.hpp"
#include "sim/metrics/summary.hpp"

#include <cstdint>

namespace halab {

struct EpisodeRun {
  Episode episode;
  Summary summary;
};

// Runs in this process: one per process, like simulate().
EpisodeRun simulate_episode(const Scenario& scenario, std::uint64_t seed, std::size_t first, double warmup_s, double settle_s);

}  // namespace halab
