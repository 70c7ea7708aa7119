#include "sim/cluster/node_agent.hpp"

#include "models/failover/active_passive.hpp"
#include "sim/cluster/heartbeat_monitor.hpp"
#include "sim/cluster/member_actor.hpp"
#include "sim/cluster/service_ip.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace {

// The state of one incarnation of a member; it dies with the actor.
class MemberProcess {
public:
  MemberProcess(RunContext& ctx, std::size_t self)
      : ctx_(ctx), self_(self), host_(ctx.member_hosts[self]),
        controller_({ctx.scenario.cluster.members, ctx.scenario.cluster.failback}, self),
        monitor_(ctx.scenario.cluster, self, Instant::at_seconds(sg4::Engine::get_clock()), ctx.heartbeat_phase(self)) {}

  void run() {
    for (;;) {
      if (auto message = ctx_.network.receive_before(host_, monitor_.next_deadline_s())) handle(*message);
      Instant now = Instant::at_seconds(sg4::Engine::get_clock());
      if (monitor_.heartbeat_due(now)) send_heartbeats();
      for (std::size_t peer : monitor_.newly_suspected(now)) {
        ctx_.trace.emit(now.to_seconds(), "detector.suspect",
                        {{"node", my_name()}, {"peer", member_name(peer)}, {"suspicion", monitor_.suspicion(peer, now)}});
        apply(now.to_seconds(), controller_.on_suspect(now, peer));
      }
    }
  }

private:
  void handle(const Message& message) {
    double now = sg4::Engine::get_clock();
    if (message.kind == Message::Kind::request) {
      // Packets for an IP this host does not hold are dropped: the client times out.
      if (controller_.holds_ip()) reply_to(ctx_, host_, message);
      return;
    }
    if (message.kind != Message::Kind::heartbeat) return;
    std::size_t peer = ctx_.member_index[message.from];
    if (peer == self_ || peer == RunContext::kNotAMember) return;
    if (monitor_.heard(Instant::at_seconds(now), peer))
      ctx_.trace.emit(now, "detector.trust", {{"node", my_name()}, {"peer", member_name(peer)}});
    apply(now, controller_.on_heartbeat(Instant::at_seconds(now), peer, message.holds_ip));
  }

  void send_heartbeats() {
    for (std::size_t m = 0; m < ctx_.member_hosts.size(); ++m)
      if (m != self_)
        ctx_.network.send(ctx_.member_hosts[m],
                          std::make_unique<Message>(Message{Message::Kind::heartbeat, host_,
                                                            ctx_.incarnations[self_], controller_.holds_ip(), 0, nullptr}),
                          kHeartbeatBytes);
  }

  void apply(double now, const std::vector<FailoverAction>& actions) {
    for (const auto& action : actions) {
      if (action.kind == FailoverAction::Kind::take_ip) take_ip(ctx_, host_, now, action.reason);
      else release_ip(ctx_, host_, now, action.reason);
    }
  }

  const std::string& my_name() const { return ctx_.name(host_); }
  const std::string& member_name(std::size_t m) const { return ctx_.name(ctx_.member_hosts[m]); }

  RunContext& ctx_;
  std::size_t self_;
  HostId host_;
  ActivePassiveController controller_;
  HeartbeatMonitor monitor_;
};

} // namespace

simgrid::s4u::ActorPtr spawn_keepalived_member(RunContext& ctx, std::size_t member) {
  return spawn_member_actor<MemberProcess>(ctx, member);
}

} // namespace halab
