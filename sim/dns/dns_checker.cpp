#include "sim/dns/dns_checker.hpp"

#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace {

bool serves(RunContext& ctx, const ServiceRun& svc) {
  const std::optional<HostId> owner = svc.vip.arp_owner();
  if (!owner || !svc.vip.holds(*owner) || ctx.network.is_down(*owner)) return false;
  if (ctx.tiers.empty()) return true;
  const TierRun& entry = *ctx.tiers.front();
  const std::size_t i = entry.instance_on(*owner);
  return i != TierRun::kNone && entry.processes[i] && !entry.hung[i];
}

}  // namespace

void spawn_dns_checker(RunContext& ctx) {
  const DnsSpec& dns = *ctx.scenario.dns;
  const double interval = dns.health_check->interval.to_seconds();
  // A host no fault takes down: the first client's (clients run on hosts of their own).
  const std::string& host = ctx.scenario.workload.clients.front();
  sg4::ActorPtr actor = sg4::Actor::create("dns-checker", ctx.platform.host(host), [&ctx, &dns, interval] {
    double next = interval * Rng::stream(ctx.seed, "dns-checker").uniform01();
    for (;;) {
      sg4::this_actor::sleep_until(next);
      for (std::size_t r = 0; r < ctx.dns_records.size(); ++r)
        if (auto changed = ctx.dns->record_check(r, serves(ctx, *ctx.dns_records[r])))
          ctx.trace.emit(sg4::Engine::get_clock(), event::dns_health,
                         {{"name", dns.name}, {"service", ctx.dns_records[r]->service.name}, {"healthy", *changed}});
      next += interval;
    }
  });
  actor->daemonize();
}

}  // namespace halab
