#include "sim/cluster/zookeeper_agent.hpp"

#include "models/membership/zk_client.hpp"
#include "models/membership/zk_server.hpp"
#include "sim/cluster/swim_tally.hpp"
#include "sim/service/member_process.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace halab {
namespace {

Instant clock_now() { return Instant::at_seconds(simgrid::s4u::Engine::get_clock()); }

// A packet's bytes on the wire: TCP, ZooKeeper's framing and the fields; a snapshot or a
// connect answer carries the group's children, a follower's ping reply its touch table.
std::uint64_t wire_bytes(const ZkPacket& p) {
  return kTcpHeaderBytes + 40 + 12 * static_cast<std::uint64_t>(p.live.size()) + 16 * static_cast<std::uint64_t>(p.touches.size());
}

// What a process of either kind holds: the run, its service, its member index, where the
// group ends (the servers follow), and its random stream; and how it sends.
struct ZkMember {
  ZkMember(RunContext& run, ServiceRun& service, std::size_t member)
      : ctx(run), svc(service), self(member), group(service.spec.group_size()),
        rng(Rng::stream(run.seed, "zookeeper:" + run.name(service.member_hosts[member]) + ":" +
                                      std::to_string(service.incarnations[member]))) {}
  // To member `to` (a client, or group + a server's id), over TCP: in the order sent.
  void send(std::size_t to, ZkPacket packet) const {
    const std::uint64_t bytes = wire_bytes(packet);
    ctx.network.send(svc.member_hosts[to],
                     make_message(svc.member_hosts[self], svc.incarnations[self],
                                  msg::Zk{std::make_shared<const ZkPacket>(std::move(packet))}),
                     bytes, Network::Order::fifo);
  }
  // The member a message came from, or kNotAMember.
  std::size_t sender(const Message& message) const { return svc.member_index[message.from]; }

  RunContext& ctx;
  ServiceRun& svc;
  std::size_t self;
  std::size_t group;
  Rng rng;
};

// One incarnation of a client process. The run's first clients hold their sessions
// already (generation 1, everyone in their view); a restarted one opens a new session and
// has a view from its first connection on. Generations are numbered per incarnation so a
// session is never reused.
class ZkClientProcess {
public:
  ZkClientProcess(RunContext& ctx, ServiceRun& svc, std::size_t self)
      : m_(ctx, svc, self),
        client_(svc.spec.zookeeper, static_cast<std::uint32_t>(self), static_cast<std::uint32_t>(m_.group),
                svc.incarnations[self] * 65536 + 1, svc.incarnations[self] == 0, clock_now(), m_.rng) {
    track_view();
  }

  void start(Instant now) { on_timers(now); }
  Instant next_deadline() const { return client_.next_deadline(); }
  void on_timers(Instant now) {
    client_.on_timer(now, m_.rng, out_);
    flush(now);
  }
  bool on_message(Instant now, const Message& message) {
    const std::size_t from = m_.sender(message);
    const auto* zk = message.as<msg::Zk>();
    if (!zk || from == ServiceRun::kNotAMember || from < m_.group) return true;
    client_.receive(now, static_cast<std::uint32_t>(from - m_.group), *zk->packet, m_.rng, out_);
    flush(now);
    return true;
  }

private:
  void track_view() {
    if (viewed_ || !client_.has_view()) return;
    viewed_ = true;
    m_.svc.swim_tally->started(m_.self, [this](std::uint32_t node) { return client_.holds(node) ? SwimStatus::alive : SwimStatus::dead; });
  }
  void flush(Instant now) {
    track_view();  // its first connection: the changes below are from "everyone alive"
    for (const ZkViewChange& c : out_.changes) {
      const SwimStatus after = c.alive ? SwimStatus::alive : SwimStatus::dead;
      const SwimStatus before = c.alive ? SwimStatus::dead : SwimStatus::alive;
      m_.svc.swim_tally->changed(now.to_seconds(), m_.self, SwimChange{c.node, after, 0, before});
    }
    for (ZkClientSend& s : out_.sends) m_.send(m_.group + s.server, std::move(s.packet));
    out_.clear();
  }

  ZkMember m_;
  ZkClient client_;
  ZkClientOutput out_;
  bool viewed_ = false;
};

// One incarnation of a server process: the run's first servers form the ensemble led by
// the highest id; a restarted one looks for that leader and syncs from it.
class ZkServerProcess {
public:
  ZkServerProcess(RunContext& ctx, ServiceRun& svc, std::size_t self)
      : m_(ctx, svc, self),
        server_(svc.spec.zookeeper, static_cast<std::uint32_t>(self - m_.group), svc.spec.zookeeper.servers - 1,
                static_cast<std::uint32_t>(m_.group), svc.incarnations[self] == 0, clock_now(), m_.rng) {}

  void start(Instant now) { on_timers(now); }
  Instant next_deadline() const { return server_.next_deadline(); }
  void on_timers(Instant now) {
    server_.on_timer(now, out_);
    flush(now);
  }
  bool on_message(Instant now, const Message& message) {
    const std::size_t from = m_.sender(message);
    const auto* zk = message.as<msg::Zk>();
    if (!zk || from == ServiceRun::kNotAMember || from == m_.self) return true;
    if (from < m_.group) server_.receive_client(now, static_cast<std::uint32_t>(from), *zk->packet, out_);
    else server_.receive_server(now, static_cast<std::uint32_t>(from - m_.group), *zk->packet, out_);
    flush(now);
    return true;
  }

private:
  void flush(Instant now) {
    if (out_.lost_quorum && !m_.svc.registry_quorum_lost) {
      m_.svc.registry_quorum_lost = true;
      m_.ctx.trace.emit(now.to_seconds(), event::run_warning,
                      {{"pointer", "/cluster/zookeeper"},
                       {"message", "service \"" + m_.svc.service.name + "\": the ZooKeeper leader " + m_.ctx.name(m_.svc.member_hosts[m_.self]) +
                                       " heard from too few followers for syncLimit ticks; a real ensemble would elect a new "
                                       "leader here, which is not modelled: what follows in this run is not ZooKeeper's"}});
    }
    for (ZkServerSend& s : out_.sends) m_.send(s.to_client ? s.to : m_.group + s.to, std::move(s.packet));
    out_.clear();
  }

  ZkMember m_;
  ZkServer server_;
  ZkServerOutput out_;
};

}  // namespace

void spawn_zookeeper_member(RunContext& ctx, ServiceRun& service, std::size_t member) {
  const std::size_t group = service.spec.group_size();
  service.group_tally(ctx.trace, ctx.host_names);
  if (member < group) spawn_member_process<ZkClientProcess>(ctx, service, member);
  else spawn_member_process<ZkServerProcess>(ctx, service, member);
}

}  // namespace halab
