#include "sim/bench/delivery_replay.hpp"

#include "sim/platform/platform_builder.hpp"
#include "sim/run/simulation.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>

namespace halab {
namespace sg4 = simgrid::s4u;

ReplaySample run_scenario_halab(const Scenario& scenario, std::uint64_t seed, std::vector<Delivery>* log) {
  SummaryBuilder builder = summary_builder_for(scenario);
  const RunResult run = simulate(scenario, seed, nullptr, [&builder](const TraceEvent& e) { builder.observe(e); }, log);
  return {run.network.sent, run.loop_cpu_s};
}

ReplaySample run_deliveries_plain(const Scenario& scenario, const std::vector<Delivery>& log) {
  auto engine = create_engine();
  const Topology topology(scenario.topology);
  const Platform platform(topology);
  const std::vector<std::string> names = scenario.all_hosts();  // HostId -> name, as in a run
  std::vector<sg4::Host*> hosts;
  std::vector<sg4::Mailbox*> boxes;
  for (const std::string& name : names) {
    hosts.push_back(platform.host(name));
    boxes.push_back(sg4::Mailbox::by_name("replay-" + name));
  }
  std::vector<std::vector<std::size_t>> sends(names.size());
  std::vector<std::uint64_t> receives(names.size(), 0);
  for (std::size_t i = 0; i < log.size(); ++i) {
    sends[log[i].from].push_back(i);
    ++receives[log[i].to];
  }
  std::uint64_t received = 0;
  for (std::size_t h = 0; h < names.size(); ++h) {
    if (receives[h] > 0) {
      sg4::Actor::create("receiver", hosts[h], [&boxes, &receives, &received, h] {
        boxes[h]->set_receiver(sg4::Actor::self());
        for (std::uint64_t k = 0; k < receives[h]; ++k) {
          boxes[h]->get<Delivery>();
          ++received;
        }
      });
    }
    if (!sends[h].empty()) {
      sg4::Actor::create("sender", hosts[h], [&boxes, &log, &sends, h] {
        for (std::size_t i : sends[h]) {
          sg4::this_actor::sleep_until(log[i].sent_s);
          boxes[log[i].to]->put_init(const_cast<Delivery*>(&log[i]), 0)->detach();
        }
      });
    }
  }
  const double before = process_cpu_s();
  engine->run();
  return {received, process_cpu_s() - before};
}

}  // namespace halab
