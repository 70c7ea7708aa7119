#include "sim/fault/fault_injector.hpp"

#include "sim/cluster/member_lifecycle.hpp"
#include "sim/cluster/service_ip.hpp"
#include "sim/stack/sentinel_process.hpp"
#include "sim/stack/tier_process.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <memory>

namespace halab {
namespace sg4 = simgrid::s4u;

FaultInjector::FaultInjector(RunContext& ctx) : ctx_(&ctx) {
  for (std::size_t i = 0; i < ctx.scenario.faults.size(); ++i) schedule(ctx.scenario.faults[i], static_cast<int>(i));
  // Stable: faults at one instant happen in the order the scenario lists them.
  std::stable_sort(steps_.begin(), steps_.end(), [](const Step& a, const Step& b) { return a.at_s < b.at_s; });
}

void FaultInjector::operator()() {
  for (const Step& step : steps_) {
    sg4::this_actor::sleep_until(step.at_s);
    step.apply();
  }
}

void FaultInjector::schedule(const FaultSpec& fault, int index) {
  RunContext& ctx = *ctx_;
  double at = fault.at.to_seconds();
  std::optional<double> until;
  if (fault.until) until = fault.until->to_seconds();

  switch (fault.kind) {
  case FaultSpec::Kind::crash: {
    const HostId h = ctx.id(fault.host);
    steps_.push_back({at, [&ctx, h, index] { crash(ctx, h, index); }});
    if (until) steps_.push_back({*until, [&ctx, h, index] { restart(ctx, h, index); }});
    break;
  }
  case FaultSpec::Kind::stop: {
    // An operator stops the daemon (SIGTERM): it shuts down gracefully — a VRRP Master
    // resigns with priority 0, a tier's process drains its work — and the host stays up.
    // A planned stop (a maintenance window) says so. Its end starts the daemon again unless
    // the host has crashed meanwhile: then the crash's repair brings everything back.
    const HostId h = ctx.id(fault.host);
    TraceEvent fields{{"fault", index}, {"host", fault.host}};
    if (fault.tier_process) fields["process"] = "tier";
    if (fault.planned) fields["planned"] = true;
    const auto start_again = [&ctx, h, index] {
      if (ctx.crashes_pending[h] == 0) restart(ctx, h, index);
    };
    if (fault.tier_process) {
      steps_.push_back({at, [&ctx, h, fields] {
                          ctx.trace.emit(sg4::Engine::get_clock(), event::fault_stop, fields);
                          stop_tier_on(ctx, h);
                        }});
      if (until) steps_.push_back({*until, start_again});
      break;
    }
    ServiceRun& svc = *ctx.service_of(h);
    std::size_t member = svc.member_index[h];
    steps_.push_back({at, [&ctx, &svc, member, fields] {
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_stop, fields);
                        if (!svc.running(member)) return;
                        HostId self = svc.member_hosts[member];
                        ctx.network.post(self, make_message(self, 0, msg::Stop{}));
                      }});
    if (until) steps_.push_back({*until, start_again});
    break;
  }
  case FaultSpec::Kind::check_fail: {
    ServiceRun& svc = *ctx.service_of(ctx.id(fault.host));
    std::size_t member = svc.member_index[ctx.id(fault.host)];
    std::size_t script = fault.script;
    auto set = [&ctx, &svc, member, script, index](bool failing) {
      svc.check_failing[member][script] = failing;
      ctx.trace.emit(sg4::Engine::get_clock(), event::fault_check,
                     {{"fault", index}, {"host", ctx.name(svc.member_hosts[member])},
                      {"script", svc.spec.vrrp.scripts[script].name}, {"failing", failing}});
    };
    steps_.push_back({at, [set] { set(true); }});
    if (until) steps_.push_back({*until, [set] { set(false); }});
    break;
  }
  case FaultSpec::Kind::partition: {
    auto id = std::make_shared<int>(-1);
    steps_.push_back({at, [&ctx, fault, id, index] {
                        std::vector<std::vector<HostId>> groups;
                        for (const auto& g : fault.groups) {
                          groups.emplace_back();
                          for (const auto& h : g) groups.back().push_back(ctx.id(h));
                        }
                        *id = ctx.network.add_partition(groups, fault.one_way);
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_partition,
                                       {{"fault", index}, {"groups", fault.groups}, {"one_way", fault.one_way}});
                      }});
    if (until)
      steps_.push_back({*until, [&ctx, id, index] {
                          ctx.network.remove_partition(*id);
                          ctx.trace.emit(sg4::Engine::get_clock(), event::fault_heal, {{"fault", index}});
                        }});
    break;
  }
  case FaultSpec::Kind::pause: {
    // The host's processes stop (a long GC pause, a frozen VM) and later resume where they
    // were. A host with nothing running (crashed: a failure process may pause it then)
    // has nothing to freeze, and the pause is not traced: it would pass for the cause of
    // the failover its crash caused.
    const HostId h = ctx.id(fault.host);
    auto frozen = std::make_shared<bool>(false);
    auto processes = [&ctx, h] {
      std::vector<ProcessLoop*> out;
      if (ServiceRun* svc = ctx.service_of(h); svc && svc->running(svc->member_index[h]))
        out.push_back(svc->member_processes[svc->member_index[h]].get());
      if (TierRun* tier = ctx.tier_on(h); tier && tier->processes[tier->instance_on(h)])
        out.push_back(tier->processes[tier->instance_on(h)].get());
      return out;
    };
    steps_.push_back({at, [&ctx, h, index, processes, frozen] {
                        const auto running = processes();
                        *frozen = !running.empty();
                        if (!*frozen) return;
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_pause, {{"fault", index}, {"host", ctx.name(h)}});
                        for (ProcessLoop* p : running) p->freeze();
                      }});
    steps_.push_back({*until, [&ctx, h, index, processes, frozen] {
                        if (!*frozen) return;
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_resume, {{"fault", index}, {"host", ctx.name(h)}});
                        for (ProcessLoop* p : processes()) p->thaw();
                      }});
    break;
  }
  case FaultSpec::Kind::site_down: {
    // Every host of the site that runs a cluster member or a tier crashes at once.
    std::vector<HostId> hosts;
    for (const auto& region : ctx.scenario.topology.regions)
      for (const auto& dc : region.datacenters)
        if (dc.name == fault.site || region.name == fault.site)
          for (const auto& h : dc.hosts)
            if (ctx.service_of(ctx.id(h)) || ctx.tier_on(ctx.id(h))) hosts.push_back(ctx.id(h));
    const std::string site = fault.site;
    steps_.push_back({at, [&ctx, hosts, site, index] {
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_site, {{"fault", index}, {"site", site}, {"down", true}});
                        for (HostId h : hosts) crash(ctx, h, index);
                      }});
    if (until)
      steps_.push_back({*until, [&ctx, hosts, site, index] {
                          ctx.trace.emit(sg4::Engine::get_clock(), event::fault_site,
                                         {{"fault", index}, {"site", site}, {"down", false}});
                          for (HostId h : hosts) restart(ctx, h, index);
                        }});
    break;
  }
  case FaultSpec::Kind::hang:
  case FaultSpec::Kind::slow: {
    // The tier's process stays up: it answers nothing (hang), or works `factor` times slower.
    TierRun& tier = *ctx.tier_on(ctx.id(fault.host));
    const std::size_t i = tier.instance_on(ctx.id(fault.host));
    const bool hang = fault.kind == FaultSpec::Kind::hang;
    const double factor = fault.factor;
    auto set = [&ctx, &tier, i, index, hang, factor](bool on) {
      const double t = sg4::Engine::get_clock();
      if (hang) {
        tier.hung[i] = on;
        ctx.trace.emit(t, event::fault_hang, {{"fault", index}, {"host", ctx.name(tier.hosts[i])}, {"hung", on}});
      } else {
        tier.slow[i] = on ? factor : 1.0;
        ctx.trace.emit(t, event::fault_slow, {{"fault", index}, {"host", ctx.name(tier.hosts[i])}, {"factor", tier.slow[i]}});
      }
    };
    steps_.push_back({at, [set] { set(true); }});
    if (until) steps_.push_back({*until, [set] { set(false); }});
    break;
  }
  case FaultSpec::Kind::disk_full:
  case FaultSpec::Kind::replication_broken: {
    // A database's disk fills (its writes fail, reads work), or its applier stops (it
    // goes on receiving; what it applied falls behind until the fault ends).
    TierRun& tier = *ctx.tier_on(ctx.id(fault.host));
    const std::size_t i = tier.instance_on(ctx.id(fault.host));
    const bool disk = fault.kind == FaultSpec::Kind::disk_full, receiving = fault.receiving;
    auto set = [&ctx, &tier, i, index, disk, receiving](bool on) {
      const double t = sg4::Engine::get_clock();
      DatabaseRun& db = *tier.database;
      (disk ? db.disk_full : receiving ? db.receiver_broken : db.applier_broken)[i] = on;
      TraceEvent e{{"fault", index}, {"host", ctx.name(tier.hosts[i])}, {disk ? "full" : "broken", on}};
      if (!disk) e["thread"] = receiving ? "io" : "sql";
      ctx.trace.emit(t, disk ? event::fault_disk_full : event::fault_replication, std::move(e));
    };
    steps_.push_back({at, [set] { set(true); }});
    if (until) steps_.push_back({*until, [set] { set(false); }});
    break;
  }
  case FaultSpec::Kind::operator_error: {
    // DROP TABLE, replicated to every instance at once; with restore_at, the table comes
    // back from the last backup, without what was written to it since.
    TierRun& tier = **std::find_if(ctx.tiers.begin(), ctx.tiers.end(), [&](const auto& t) { return t->spec.name == fault.tier; });
    DatabaseRun& db = *tier.database;
    db.track_writes = true;
    const double share = fault.share;
    steps_.push_back({at, [&ctx, &tier, &db, share, index] {
                        const double now = sg4::Engine::get_clock();
                        TraceEvent e{{"fault", index}, {"tier", tier.spec.name}, {"share", share}, {"writes_lost", db.drop(now, share)}};
                        if (auto from = db.last_backup(now)) e["backup_at_s"] = *from;
                        ctx.trace.emit(now, event::db_drop, std::move(e));
                      }});
    if (until)
      steps_.push_back({*until, [&ctx, &tier, &db, index] {
                          db.dropped = false;
                          ctx.trace.emit(sg4::Engine::get_clock(), event::db_restore, {{"fault", index}, {"tier", tier.spec.name}});
                        }});
    break;
  }
  case FaultSpec::Kind::fence_device_failure: {
    ServiceRun& svc = ctx.service_named(fault.service);  // the service whose fence device fails
    steps_.push_back({at, [&ctx, &svc, index] {
                        svc.fence_device_failing = true;
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_fence_device, {{"fault", index}, {"failing", true}});
                      }});
    if (until)
      steps_.push_back({*until, [&ctx, &svc, index] {
                          svc.fence_device_failing = false;
                          ctx.trace.emit(sg4::Engine::get_clock(), event::fault_fence_device, {{"fault", index}, {"failing", false}});
                        }});
    break;
  }
  case FaultSpec::Kind::agent_fail: {
    // The agent's answers come from the fault itself (LocalResourceManager); a resource
    // that dies (its monitor fails) stops serving at once: if it carries the service IP,
    // the IP is gone from the node although nothing has noticed yet.
    HostId host = ctx.id(fault.host);
    ServiceRun& svc = *ctx.service_of(host);
    steps_.push_back({at, [&ctx, &svc, fault, host, index] {
                        const double now = sg4::Engine::get_clock();
                        ctx.trace.emit(now, event::fault_agent_fail,
                                       {{"fault", index}, {"host", fault.host}, {"resource", fault.resource},
                                        {"operation", fault.operation}, {"rc", fault.rc}});
                        if (fault.operation == "monitor" && fault.resource == svc.spec.crm->vip_resource &&
                            svc.vip.holds(host))
                          release_ip(ctx, svc, host, now, "agent failed");
                      }});
    if (until)
      steps_.push_back({*until, [&ctx, index] {
                          ctx.trace.emit(sg4::Engine::get_clock(), event::fault_agent_recover, {{"fault", index}});
                        }});
    break;
  }
  case FaultSpec::Kind::link_down: {
    // A physical cut: SimGrid turns the links off, and every route through them drops.
    std::string label = ctx.topology.link_name(fault.link);
    auto links = ctx.platform.links(label);
    steps_.push_back({at, [&ctx, links, label, index] {
                        for (auto* link : links) ctx.network.set_link_on(link, false);
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_link_down, {{"fault", index}, {"link", label}});
                      }});
    if (until)
      steps_.push_back({*until, [&ctx, links, label, index] {
                          for (auto* link : links) ctx.network.set_link_on(link, true);
                          ctx.trace.emit(sg4::Engine::get_clock(), event::fault_link_up, {{"fault", index}, {"link", label}});
                        }});
    break;
  }
  case FaultSpec::Kind::degrade: {
    std::string label = ctx.topology.link_name(fault.link);
    auto links = ctx.platform.links(label);
    auto base = std::make_shared<std::vector<double>>();
    steps_.push_back({at, [&ctx, fault, links, base, label, index] {
                        for (auto* link : links) {
                          base->push_back(link->get_latency());
                          ctx.network.set_link_latency(link, link->get_latency() + fault.extra_latency.to_seconds());
                          ctx.network.set_loss(link, fault.loss);
                        }
                        ctx.trace.emit(sg4::Engine::get_clock(), event::fault_degrade,
                                       {{"fault", index}, {"link", label},
                                        {"extra_latency_s", fault.extra_latency.to_seconds()}, {"loss", fault.loss}});
                      }});
    if (until)
      steps_.push_back({*until, [&ctx, links, base, label, index] {
                          for (std::size_t i = 0; i < links.size(); ++i) {
                            ctx.network.set_link_latency(links[i], (*base)[i]);
                            ctx.network.set_loss(links[i], 0);
                          }
                          ctx.trace.emit(sg4::Engine::get_clock(), event::fault_restore, {{"fault", index}, {"link", label}});
                        }});
    break;
  }
  }
}

void FaultInjector::crash(RunContext& ctx, HostId h, int index) {
  ServiceRun* svc = ctx.service_of(h);
  TierRun* tier = ctx.tier_on(h);
  const bool running = (svc && svc->running(svc->member_index[h])) || (tier && tier->running(tier->instance_on(h)));
  ++ctx.crashes_pending[h];
  if (!running && ctx.crashes_pending[h] > 1) return;  // down already, by another fault not over
  ctx.trace.emit(sg4::Engine::get_clock(), event::fault_crash, {{"fault", index}, {"host", ctx.name(h)}});
  if (svc) {
    crash_member(ctx, *svc, svc->member_index[h]);  // and the host's tier process
  } else {
    ctx.network.set_down(h, true);
    crash_tier_on(ctx, h);
  }
}

void FaultInjector::restart(RunContext& ctx, HostId h, int index) {
  if (ctx.crashes_pending[h] > 0 && --ctx.crashes_pending[h] > 0) return;  // another fault keeps it down
  ServiceRun* svc = ctx.service_of(h);
  TierRun* tier = ctx.tier_on(h);
  // Already running again (a fencing reboot brought it back): one process per host and role.
  const bool member_down = svc && !svc->running(svc->member_index[h]);
  const bool tier_down = (tier && !tier->running(tier->instance_on(h))) || sentinel_down_on(ctx, h);
  if (!member_down && !tier_down) return;
  ctx.trace.emit(sg4::Engine::get_clock(), event::fault_restart, {{"fault", index}, {"host", ctx.name(h)}});
  if (member_down) {
    restart_member(ctx, *svc, svc->member_index[h]);  // and the host's tier process
  } else {
    ctx.network.set_down(h, false);
    restart_tier_on(ctx, h);
  }
}

sg4::ActorPtr FaultInjector::spawn(RunContext& ctx) {
  // The injector runs on the first host; it stands for the operator, not for that host.
  sg4::ActorPtr actor = sg4::Actor::create("fault-injector", ctx.platform.host(ctx.host_names.front()), FaultInjector(ctx));
  actor->daemonize();
  return actor;
}

} // namespace halab
