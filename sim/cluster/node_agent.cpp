#include "sim/cluster/node_agent.hpp"

#include "models/detect/fixed_timeout_detector.hpp"
#include "models/detect/phi_accrual_detector.hpp"
#include "models/failover/active_passive.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <cmath>
#include <memory>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace {

std::unique_ptr<FailureDetector> make_detector(const DetectorSpec& spec, Instant now) {
  if (spec.kind == DetectorSpec::Kind::phi_accrual) return std::make_unique<PhiAccrualDetector>(spec.phi, now);
  return std::make_unique<FixedTimeoutDetector>(spec.timeout, now);
}

// The state of one incarnation of a member; it dies with the actor.
class MemberProcess {
public:
  MemberProcess(RunContext& ctx, std::size_t self)
      : ctx_(ctx), self_(self), host_(ctx.member_hosts[self]),
        controller_({ctx.scenario.cluster.members, ctx.scenario.cluster.failback}, self) {
    Instant now = Instant::at_seconds(sg4::Engine::get_clock());
    for (std::size_t m = 0; m < ctx.member_hosts.size(); ++m)
      detectors_.push_back(m == self ? nullptr : make_detector(ctx.scenario.cluster.detector, now));
    suspected_.assign(ctx.member_hosts.size(), false);
    // Stagger heartbeats by the golden ratio so members do not all send at one instant.
    double interval = ctx.scenario.cluster.heartbeat_interval.to_seconds();
    double phase = std::fmod(0.6180339887498949 * static_cast<double>(self + 1), 1.0);
    next_heartbeat_s_ = now.to_seconds() + interval * phase;
  }

  void run() {
    for (;;) {
      if (auto message = ctx_.network.receive_before(host_, next_deadline_s())) handle(*message);
      double now = sg4::Engine::get_clock();
      if (now >= next_heartbeat_s_) send_heartbeats(now);
      check_detectors(now);
    }
  }

private:
  double next_deadline_s() const {
    double deadline = next_heartbeat_s_;
    for (std::size_t m = 0; m < detectors_.size(); ++m)
      if (detectors_[m] && !suspected_[m]) deadline = std::min(deadline, detectors_[m]->suspect_at().to_seconds());
    return deadline;
  }

  void handle(const Message& message) {
    double now = sg4::Engine::get_clock();
    if (message.kind == Message::Kind::request) {
      // Packets for an IP this host does not hold are dropped: the client times out.
      if (!controller_.holds_ip()) return;
      auto reply = std::make_unique<Message>(Message{Message::Kind::reply, host_, 0, false, message.id});
      ctx_.network.send(message.from, std::move(reply), kReplyBytes);
      return;
    }
    if (message.kind != Message::Kind::heartbeat) return;
    std::size_t peer = ctx_.member_index[message.from];
    if (peer == self_ || peer == RunContext::kNotAMember) return;
    detectors_[peer]->heartbeat(Instant::at_seconds(now));
    if (suspected_[peer]) {
      suspected_[peer] = false;
      ctx_.trace.emit(now, "detector.trust", {{"node", my_name()}, {"peer", member_name(peer)}});
    }
    apply(now, controller_.on_heartbeat(Instant::at_seconds(now), peer, message.holds_ip));
  }

  void send_heartbeats(double now) {
    for (std::size_t m = 0; m < ctx_.member_hosts.size(); ++m) {
      if (m == self_) continue;
      auto hb = std::make_unique<Message>(
          Message{Message::Kind::heartbeat, host_, ctx_.incarnations[self_], controller_.holds_ip(), 0});
      ctx_.network.send(ctx_.member_hosts[m], std::move(hb), kHeartbeatBytes);
    }
    double interval = ctx_.scenario.cluster.heartbeat_interval.to_seconds();
    while (next_heartbeat_s_ <= now) next_heartbeat_s_ += interval;
  }

  void check_detectors(double now) {
    Instant t = Instant::at_seconds(now);
    for (std::size_t m = 0; m < detectors_.size(); ++m) {
      if (!detectors_[m] || suspected_[m] || !detectors_[m]->suspect(t)) continue;
      suspected_[m] = true;
      ctx_.trace.emit(now, "detector.suspect",
                      {{"node", my_name()}, {"peer", member_name(m)}, {"suspicion", detectors_[m]->suspicion(t)}});
      apply(now, controller_.on_suspect(t, m));
    }
  }

  void apply(double now, const std::vector<FailoverAction>& actions) {
    for (const auto& action : actions) {
      bool take = action.kind == FailoverAction::Kind::take_ip;
      ctx_.trace.emit(now, "role",
                      {{"node", my_name()}, {"role", take ? "primary" : "standby"}, {"reason", action.reason}});
      if (take) ctx_.vip.take(host_);
      else ctx_.vip.release(host_);
      ctx_.trace.emit(now, take ? "ip.take" : "ip.release",
                      {{"node", my_name()}, {"ip", ctx_.scenario.service.vip}, {"reason", action.reason}});
    }
  }

  const std::string& my_name() const { return ctx_.name(host_); }
  const std::string& member_name(std::size_t m) const { return ctx_.name(ctx_.member_hosts[m]); }

  RunContext& ctx_;
  std::size_t self_;
  HostId host_;
  ActivePassiveController controller_;
  std::vector<std::unique_ptr<FailureDetector>> detectors_;
  std::vector<bool> suspected_;
  double next_heartbeat_s_;
};

} // namespace

void NodeAgent::operator()() const {
  MemberProcess(*ctx_, member_).run();
}

sg4::ActorPtr NodeAgent::spawn(RunContext& ctx, std::size_t member) {
  HostId h = ctx.member_hosts[member];
  sg4::ActorPtr actor = sg4::Actor::create("member:" + ctx.name(h), ctx.platform.host(ctx.name(h)), NodeAgent(ctx, member));
  actor->daemonize();
  ctx.member_actors[member] = actor;
  return actor;
}

} // namespace halab
