#include "sim/cluster/memberlist_agent.hpp"

#include "models/membership/swim_member.hpp"
#include "sim/cluster/swim_tally.hpp"
#include "sim/service/member_process.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace halab {
namespace {

// The state of one incarnation of a member's memberlist; it dies with the process. A
// restarted member starts over as memberlist.Create does, knowing every member alive, and
// joins (SwimMember::join): a push-pull over TCP with one member after another until one
// answers, each half the sender's whole view.
class MemberlistProcess {
public:
  MemberlistProcess(RunContext& ctx, ServiceRun& svc, std::size_t self)
      : ctx_(ctx), svc_(svc), self_(self), host_(svc.member_hosts[self]),
        rng_(Rng::stream(ctx.seed, "memberlist:" + ctx.name(host_) + ":" + std::to_string(svc.incarnations[self]))),
        member_(svc.spec.memberlist, static_cast<std::uint32_t>(self), static_cast<std::uint32_t>(svc.member_hosts.size()),
                Instant::at_seconds(simgrid::s4u::Engine::get_clock()), rng_) {
    svc_.swim_tally->started(self_, [this](std::uint32_t node) { return member_.status(node); });
  }

  void start(Instant now) {
    if (svc_.incarnations[self_] == 0) return;  // the run's first members know each other already
    member_.join(now, rng_, out_);
    flush(now);
  }
  Instant next_deadline() const { return member_.next_deadline(); }

  void on_timers(Instant now) {
    member_.on_timer(now, rng_, out_);
    flush(now);
  }

  bool on_message(Instant now, const Message& message) {
    const std::size_t from = svc_.member_index[message.from];
    if (from == ServiceRun::kNotAMember || from == self_) return true;
    if (const auto* swim = message.as<msg::Swim>())
      member_.receive(now, static_cast<std::uint32_t>(from), *swim->packet, rng_, out_);
    else if (const auto* state = message.as<msg::SwimState>())
      member_.receive_state(now, static_cast<std::uint32_t>(from), *state->push_pull, out_);
    else
      return true;
    flush(now);
    return true;
  }

private:
  void flush(Instant now) {
    for (const SwimChange& c : out_.changes) svc_.swim_tally->changed(now.to_seconds(), self_, c);
    for (const SwimSend& s : out_.sends)
      ctx_.network.send(svc_.member_hosts[s.to],
                        make_message(host_, svc_.incarnations[self_], msg::Swim{std::make_shared<const SwimPacket>(s.packet)}),
                        kUdpHeaderBytes + static_cast<std::uint64_t>(s.packet.payload_bytes()));
    for (SwimPushPull& pp : out_.push_pulls) {
      // pushNodeState as msgpack with its field names and a 10-character name: ~80 bytes.
      const std::uint64_t bytes = kTcpHeaderBytes + 80 * pp.states.size();
      ctx_.network.send(svc_.member_hosts[pp.to],
                        make_message(host_, svc_.incarnations[self_],
                                     msg::SwimState{std::make_shared<const SwimPushPull>(std::move(pp))}),
                        bytes);
    }
    out_.clear();
  }

  RunContext& ctx_;
  ServiceRun& svc_;
  std::size_t self_;
  HostId host_;
  Rng rng_;
  SwimMember member_;
  SwimOutput out_;
};

}  // namespace

void spawn_memberlist_member(RunContext& ctx, ServiceRun& service, std::size_t member) {
  service.group_tally(ctx.trace, ctx.host_names);
  spawn_member_process<MemberlistProcess>(ctx, service, member);
}

}  // namespace halab
