#include "sim/cluster/cluster_agent.hpp"

#include "models/cluster/cluster_node.hpp"
#include "sim/cluster/fencer.hpp"
#include "sim/cluster/member_lifecycle.hpp"
#include "sim/cluster/membership_stack.hpp"
#include "sim/cluster/service_ip.hpp"
#include "sim/service/member_process.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace {

ClusterNodeConfig controller_config(const ClusterSpec& c) {
  ClusterNodeConfig config;
  for (const auto& m : c.members) config.priorities.push_back(m.priority);
  config.fencing = c.fencing.mode;
  config.no_quorum_policy = c.no_quorum_policy;
  config.watchdog_wait = c.fencing.watchdog_wait();  // stonith-watchdog-timeout
  return config;
}

class ClusterProcess {
public:
  ClusterProcess(RunContext& ctx, ServiceRun& svc, std::size_t self)
      : ctx_(ctx), svc_(svc), cluster_(svc.spec), self_(self), host_(svc.member_hosts[self]),
        stack_(ctx, svc, self, now(), [this](Instant t, bool decisive) { on_membership(t, decisive); }),
        controller_(controller_config(cluster_), self, svc.known_epochs[self], now()) {}

  void start(Instant) {}

  Instant next_deadline() const {
    Instant deadline = stack_.next_deadline();
    if (auto t = controller_.next_timer()) deadline = std::min(deadline, *t);
    if (controller_.running()) deadline = std::min(deadline, next_write_);
    return deadline;
  }

  void on_timers(Instant t) {
    if (controller_.running() && t >= next_write_) write(t);
    stack_.run_timers(t, controller_.running(), controller_.epoch());
    if (controller_.next_timer() && t >= *controller_.next_timer()) apply(t, controller_.on_timer(t));
  }

  bool on_message(Instant t, const Message& m) {
    if (stack_.on_ring_message(t, m)) return true;
    if (const auto* request = m.as<msg::Request>()) {
      if (controller_.running()) reply_to(ctx_, host_, m.from, *request);
    } else if (const auto* fenced = m.as<msg::FenceResult>()) {
      apply(t, controller_.on_fence_result(t, fenced->target, fenced->succeeded));
    } else if (const auto* hb = m.as<msg::Heartbeat>()) {
      on_heartbeat(t, m.from, *hb);
    }
    return true;
  }

private:
  static Instant now() { return Instant::at_seconds(sg4::Engine::get_clock()); }

  void on_heartbeat(Instant t, HostId from, const msg::Heartbeat& hb) {
    std::size_t peer = svc_.member_index[from];
    if (peer == ServiceRun::kNotAMember || peer == self_) return;
    // What the peer runs is known before it joins the view, so a joining node never
    // starts a second copy of what the peer already runs.
    stack_.heard(t, peer);
    apply(t, controller_.on_peer(t, peer, hb.holds_ip, hb.epoch));
    stack_.admit(t, peer, hb.heard_digest);
  }

  // The view or quorum changed (or only votequorum's figures, when not `decisive`).
  void on_membership(Instant t, bool decisive) {
    if (decisive) apply(t, controller_.on_view(t, stack_.view().members, stack_.quorate()));
    record_belief(t);
  }

  void write(Instant t) {
    next_write_ = t + cluster_.storage.write_interval;
    if (!cluster_.storage.enabled) return;
    StorageWrite w = svc_.storage.write(t, self_, controller_.epoch());
    const char* result = w.result == StorageWrite::Result::accepted ? "accepted"
                         : w.result == StorageWrite::Result::stale_epoch ? "stale_epoch" : "fenced";
    svc_.emit(ctx_.trace, t.to_seconds(), event::storage_write,
                    {{"node", name(self_)}, {"epoch", controller_.epoch()}, {"result", result}});
    if (w.result != StorageWrite::Result::accepted)
      apply(t, controller_.on_write_refused(t, w.highest_epoch, w.result == StorageWrite::Result::stale_epoch
                                                                     ? "stale epoch" : "fenced from storage"));
  }

  void apply(Instant t, const std::vector<ClusterAction>& actions) {
    for (const auto& a : actions) {
      switch (a.kind) {
      case ClusterAction::Kind::start:
        next_write_ = t;
        take_ip(ctx_, svc_, host_, t.to_seconds(), a.reason, {{"epoch", a.epoch}});
        break;
      case ClusterAction::Kind::stop:
        release_ip(ctx_, svc_, host_, t.to_seconds(), a.reason);
        break;
      case ClusterAction::Kind::fence:
        start_fencing(ctx_, svc_, self_, a.target);
        break;
      case ClusterAction::Kind::self_fence:
        // SBD: the node stops feeding its watchdog, which resets it one watchdog timeout
        // later; no-quorum-policy=suicide fences at once.
        fence_self_after(cluster_.fencing.mode == FencingMode::watchdog ? cluster_.fencing.watchdog_timeout : Duration(),
                         a.reason);
        break;
      }
    }
    svc_.known_epochs[self_] = controller_.highest_epoch();
    if (!actions.empty()) record_belief(t);
  }

  void fence_self_after(Duration delay, const std::string& reason) {
    RunContext& ctx = ctx_;
    ServiceRun& svc = svc_;
    std::size_t self = self_;
    std::uint32_t incarnation = svc.incarnations[self];
    double at = sg4::Engine::get_clock() + delay.to_seconds();
    Duration reboot = cluster_.fencing.device.reboot_time;
    sg4::Actor::create("self-fence", ctx.platform.host(name(self)), [&ctx, &svc, self, incarnation, at, reason, reboot] {
      sg4::this_actor::sleep_until(at);
      if (!svc.running(self) || svc.incarnations[self] != incarnation) return;
      svc.emit(ctx.trace, sg4::Engine::get_clock(), event::fence_self, {{"node", ctx.name(svc.member_hosts[self])}, {"reason", reason}});
      crash_member(ctx, svc, self);
      restart_member_after(ctx, svc, self, reboot);
    })->daemonize();
  }

  // What this node believes, recorded when it changes.
  void record_belief(Instant t) {
    auto holder = controller_.believed_holder();
    TraceEvent belief{{"node", name(self_)}};
    stack_.describe_view(belief);
    belief["quorate"] = controller_.quorate();
    belief["dc"] = controller_.is_dc();
    belief["holder"] = holder ? nlohmann::ordered_json(name(*holder)) : nlohmann::ordered_json(nullptr);
    belief["epoch"] = controller_.epoch();
    belief["blocked"] = controller_.blocked_reason();
    stack_.describe_quorum(belief);
    if (belief == last_belief_) return;
    last_belief_ = belief;
    svc_.emit(ctx_.trace, t.to_seconds(), event::belief, belief);
  }

  const std::string& name(std::size_t member) const { return ctx_.name(svc_.member_hosts[member]); }

  RunContext& ctx_;
  ServiceRun& svc_;
  const ClusterSpec& cluster_;
  std::size_t self_;
  HostId host_;
  MembershipStack stack_;
  ClusterNode controller_;
  Instant next_write_ = Instant::never();
  TraceEvent last_belief_;
};

} // namespace

void spawn_pacemaker_member(RunContext& ctx, ServiceRun& service, std::size_t member) {
  spawn_member_process<ClusterProcess>(ctx, service, member);
}

} // namespace halab
