#include "sim/run/episode_run.hpp"

#include "sim/run/simulation.hpp"

namespace halab {

EpisodeRun simulate_episode(const Scenario& scenario, std::uint64_t seed, std::size_t first, double warmup_s, double settle_s) {
  EpisodeRun run{draw_episode(scenario, seed, first, warmup_s, settle_s), {}};
  SummaryBuilder builder = summary_builder_for(run.episode.scenario, run.episode.start_s);
  simulate(run.episode.scenario, seed, nullptr, [&builder](const TraceEvent& e) { builder.observe(e); });
  run.summary = std::move(builder).finish();
  return run;
}

}  // namespace halab
