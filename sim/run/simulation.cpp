#include "sim/run/simulation.hpp"

#include "sim/dns/dns_checker.hpp"
#include "sim/fault/drawn_failures.hpp"
#include "sim/fault/fault_injector.hpp"
#include "sim/fault/maintenance.hpp"
#include "sim/run/run_context.hpp"
#include "sim/service/member_spawn.hpp"
#include "sim/stack/sentinel_process.hpp"
#include "sim/stack/tier_process.hpp"
#include "sim/trace/event_names.hpp"
#include "sim/workload/client_agent.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

namespace halab {
namespace sg4 = simgrid::s4u;

namespace {

// The primitives a CRM runs for its workloads (a clone's by its own id), fence devices
// left out: the resources whose down time the summary measures.
void add_workload_primitives(const placement::Resource& r, std::vector<std::string>& out) {
  if (r.standard == "stonith") return;
  if (r.kind == placement::ResourceKind::primitive) out.push_back(r.id);
  for (const placement::Resource& child : r.children) add_workload_primitives(child, out);
}

}  // namespace

double process_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

std::string context_factory() {
  const char* chosen = std::getenv("HALAB_CONTEXT_FACTORY");
  return chosen && *chosen ? chosen : HALAB_DEFAULT_CONTEXT_FACTORY;
}

std::unique_ptr<sg4::Engine> create_engine() {
  std::vector<std::string> args{"halab", "--cfg=network/model:CM02", "--cfg=network/crosstraffic:0",
                                "--log=root.thresh:error", "--cfg=contexts/factory:" + context_factory()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  return std::make_unique<sg4::Engine>(&argc, argv.data());
}

RunResult simulate(const Scenario& given, std::uint64_t seed, std::ostream* trace_stream, TraceObserver observer,
                   std::vector<Delivery>* deliveries) {
  static bool engine_used = false;
  if (engine_used) throw std::logic_error("simulate(): SimGrid allows one engine per process");
  engine_used = true;
  // The failure processes' crashes for this seed and the maintenance windows' planned
  // stops, as faults like the others.
  Scenario scenario = with_drawn_failures(given, seed);
  for (FaultSpec& stop : maintenance_stops(scenario)) scenario.faults.push_back(std::move(stop));

  auto engine = create_engine();

  Trace trace(trace_stream, std::move(observer));
  RunContext ctx(scenario, seed, trace);

  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  nlohmann::ordered_json services = nlohmann::ordered_json::array();
  for (const auto& svc : scenario.services) {
    std::vector<std::string> hosts;
    std::vector<std::string> ensemble;  // a registry's servers: members, not of the group
    for (std::size_t i = 0; i < svc.cluster.members.size(); ++i) {
      const auto& m = svc.cluster.members[i];
      members.push_back({{"host", m.name}, {"priority", m.priority}});
      (i < svc.cluster.group_size() ? hosts : ensemble).push_back(m.name);
    }
    services.push_back({{"name", svc.name}, {"manager", svc.cluster.kind->name}, {"members", hosts}});
    if (!ensemble.empty()) services.back()["ensemble"] = ensemble;
    if (svc.cluster.kind->serves_ip) services.back()["vip"] = svc.vip;
    if (svc.cluster.crm) {
      std::vector<std::string> resources;
      for (const placement::Resource& r : svc.cluster.crm->config.resources) add_workload_primitives(r, resources);
      services.back()["resources"] = resources;
    }
  }
  nlohmann::ordered_json regions = nlohmann::ordered_json::array();
  for (const auto& r : scenario.topology.regions) {
    nlohmann::ordered_json dcs = nlohmann::ordered_json::array();
    for (const auto& d : r.datacenters) dcs.push_back({{"name", d.name}, {"hosts", d.hosts}});
    regions.push_back({{"name", r.name}, {"datacenters", dcs}});
  }
  TraceEvent start{{"schema", kTraceSchemaVersion}, {"scenario", scenario.name}, {"seed", seed}, {"regions", regions},
                   {"duration_s", scenario.duration.to_seconds()}, {"hosts", ctx.host_names}, {"members", members},
                   {"heartbeat_interval_s", scenario.services.front().cluster.heartbeat_interval.to_seconds()},
                   {"clients", scenario.workload.clients}, {"services", services}};
  // What the clients call: one service's floating IP, or a DNS name over several (nothing
  // without a workload: membership-only services).
  if (scenario.clients_use_dns()) start["dns"] = scenario.dns->name;
  else if (!scenario.workload.target.empty()) start["vip"] = scenario.service_named(scenario.workload.target)->vip;
  // Shared storage is measured when a service writes to it.
  start["storage"] = std::any_of(scenario.services.begin(), scenario.services.end(),
                                 [](const ServiceSpec& svc) { return svc.cluster.storage.enabled; });
  if (scenario.stack) {
    start["tiers"] = nlohmann::ordered_json::array();
    for (const auto& t : scenario.stack->tiers) {
      TraceEvent tier{{"name", t.name}, {"hosts", t.hosts}};
      if (t.upstream) tier["calls"] = t.upstream->tier;
      if (t.director) {
        tier["calls"] = t.director->tier;
        tier["director"] = t.director->nat ? "nat" : "dr";
      }
      if (t.cache) tier["cache"] = t.cache->tier;
      if (t.store) tier["store"] = *t.store;
      if (t.sentinel) tier["sentinels"] = t.sentinel->hosts;
      if (t.database) tier["database"] = {{"write_vip", t.database->write_vip}, {"replication", to_string(t.database->replication.mode)}};
      start["tiers"].push_back(tier);
    }
  }
  trace.emit(0, event::run_start, std::move(start));

  for (const auto& w : scenario.warnings) trace.emit(0, event::run_warning, {{"pointer", w.pointer}, {"message", w.message}});

  for (auto& service : ctx.services)
    for (std::size_t m = 0; m < service->member_hosts.size(); ++m) spawn_member(ctx, *service, m);
  for (auto& tier : ctx.tiers)
    for (std::size_t i = 0; i < tier->hosts.size(); ++i) spawn_tier_instance(ctx, *tier, i);
  for (auto& tier : ctx.tiers)
    if (tier->cache)
      for (std::size_t s = 0; s < tier->cache->sentinels.size(); ++s) spawn_sentinel(ctx, *tier, s);
  for (const auto& c : scenario.workload.clients) spawn_client(ctx, ctx.id(c));
  if (scenario.dns && scenario.dns->health_check) spawn_dns_checker(ctx);
  FaultInjector::spawn(ctx);
  // The only non-daemon actor: when it returns, SimGrid ends the run and the daemons with
  // it; the processes, which are not actors, are halted first.
  sg4::Actor::create("run-clock", ctx.platform.host(ctx.host_names.front()), [&ctx, &scenario] {
    sg4::this_actor::sleep_until(scenario.duration.to_seconds());
    ctx.trace.emit(sg4::Engine::get_clock(), event::run_end,
                   {{"messages_sent", ctx.network.stats().sent},
                    {"dropped_partition", ctx.network.stats().dropped_partition},
                    {"dropped_loss", ctx.network.stats().dropped_loss},
                    {"dropped_down", ctx.network.stats().dropped_down},
                    {"dropped_link_off", ctx.network.stats().dropped_link_off}});
    ctx.network.halt();
  });
  ctx.network.record_deliveries(deliveries);
  const double cpu_before = process_cpu_s();
  engine->run();
  const double loop_cpu_s = process_cpu_s() - cpu_before;
  if (const auto& stall = ctx.network.stall())
    throw SimulationStalled(fmt::format("simulated time stopped advancing at {:.6f} s: process {} keeps waking with "
                                        "nothing to do (a livelock)",
                                        stall->at_s, stall->receiver));
  return {trace.take_events(), ctx.network.stats(), loop_cpu_s};
}

SummaryBuilder summary_builder_for(const Scenario& scenario, double outages_from_s) {
  return SummaryBuilder(outages_from_s, scenario.workload.timeout.to_seconds() + 1);
}

Summary simulate_and_summarize(const Scenario& scenario, std::uint64_t seed, std::ostream* trace_stream) {
  SummaryBuilder builder = summary_builder_for(scenario);
  simulate(scenario, seed, trace_stream, [&builder](const TraceEvent& e) { builder.observe(e); });
  return std::move(builder).finish();
}

} // namespace halab
