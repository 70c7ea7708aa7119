#include "sim/workload/client_agent.hpp"

#include "sim/service/process_loop.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <deque>
#include <map>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace {

class Client {
public:
  Client(RunContext& ctx, HostId host)
      : ctx_(ctx), host_(host), rng_(Rng::stream(ctx.seed, "client:" + ctx.name(host))),
        timeout_s_(ctx.scenario.workload.timeout.to_seconds()),
        uses_dns_(ctx.scenario.clients_use_dns()),
        service_(uses_dns_ ? nullptr : &ctx.service_named(ctx.scenario.workload.target)) {
    next_send_s_ = ctx.scenario.workload.start.to_seconds() + gap();
  }

  // The one loop's adapter (process_loop.hpp): its timers are the next request to send and
  // the oldest one to time out.
  void start(Instant) {}
  Instant next_deadline() const {
    double deadline = next_send_s_;
    if (!order_.empty()) deadline = std::min(deadline, order_.front().second + timeout_s_);
    return Instant::at_seconds(deadline);
  }
  void on_timers(Instant at) {
    const double now = at.to_seconds();
    expire(now);
    if (now >= next_send_s_) send(now);
  }
  bool on_message(Instant, const Message& m) {
    on_reply(m);
    return true;
  }

private:
  struct Pending {
    double sent_s;
    HostId server;
  };

  double gap() {
    double mean = 1.0 / ctx_.scenario.workload.rate_per_s;
    return ctx_.scenario.workload.arrival == WorkloadSpec::Arrival::poisson ? rng_.exponential(mean) : mean;
  }

  void send(double now) {
    std::uint64_t id = next_id_++;
    next_send_s_ += gap();
    std::optional<HostId> server = target(now).vip.arp_owner();
    if (!server) {
      record(now, id, now, "unreachable", std::nullopt);
      return;
    }
    pending_[id] = {now, *server};
    order_.emplace_back(id, now);
    // A write with the workload's share; the draw only when there are writes, so that runs
    // without them keep their request times.
    const bool write = ctx_.scenario.workload.write_fraction > 0 && rng_.uniform01() < ctx_.scenario.workload.write_fraction;
    const std::uint64_t origin = (std::uint64_t{host_} + 1) << 40 | id;
    ctx_.network.send(ctx_.entry_endpoint(*server), make_message(host_, 0, msg::Request{id, std::nullopt, origin, write}),
                      kRequestBytes);
  }

  // The service whose floating IP the client calls: the target, or the first address of
  // its last DNS answer, asked again once the answer's TTL has run out. The run starts
  // settled: the first answer comes with a random part of its TTL left, as from a caching
  // resolver, so that clients do not all ask again at one moment.
  ServiceRun& target(double now) {
    if (!uses_dns_) return *service_;
    if (!service_ || now >= answer_expires_s_) {
      const double ttl = ctx_.scenario.dns->ttl.to_seconds();
      const double left = service_ ? ttl : ttl * Rng::stream(ctx_.seed, "dns-ttl:" + ctx_.name(host_)).uniform01();
      service_ = ctx_.dns_records[ctx_.dns->first_of_next_answer()];
      answer_expires_s_ = now + left;
      ctx_.trace.emit(now, event::dns_resolve,
                      {{"client", ctx_.name(host_)}, {"name", ctx_.scenario.dns->name},
                       {"service", service_->service.name}, {"ip", service_->service.vip}});
    }
    return *service_;
  }

  void on_reply(const Message& reply) {
    const auto* answer = reply.as<msg::Reply>();
    if (!answer) return;
    auto it = pending_.find(answer->id);
    if (it == pending_.end()) return;  // late reply after a timeout
    const HostId server = ctx_.network.host_of(reply.from);
    if (answer->failure == CallFailure::none) {
      record(sg4::Engine::get_clock(), answer->id, it->second.sent_s, "ok", server, nullptr, answer->degraded);
    } else {
      // the entry tier answered with an error: its cause, and the tier where it began
      TerminalFailure why{to_string(answer->failure),
                          answer->blame >= 0 ? ctx_.tiers[static_cast<std::size_t>(answer->blame)]->spec.name : ""};
      record(sg4::Engine::get_clock(), answer->id, it->second.sent_s, "error", server, &why);
    }
    pending_.erase(it);
  }

  void expire(double now) {
    while (!order_.empty() && order_.front().second + timeout_s_ <= now) {
      auto it = pending_.find(order_.front().first);
      if (it != pending_.end()) {
        record(now, it->first, it->second.sent_s, "timeout", it->second.server);
        pending_.erase(it);
      }
      order_.pop_front();
    }
  }

  struct TerminalFailure {
    const char* cause;
    std::string blame;
  };

  void record(double now, std::uint64_t id, double sent_s, const char* outcome, std::optional<HostId> server,
              const TerminalFailure* why = nullptr, bool degraded = false) {
    // One event per request: built key by key into room made beforehand, as nlohmann's
    // initializer-list constructor costs a temporary array per pair and the object's growth
    // a copy of every member (together a tenth of a run's CPU).
    TraceEvent fields = TraceEvent::object();
    fields.get_ref<TraceEvent::object_t&>().reserve(9);
    fields["client"] = ctx_.name(host_);
    fields["id"] = id;
    fields["sent"] = sent_s;
    fields["outcome"] = outcome;
    if (server) fields["server"] = ctx_.name(*server);
    if (std::string_view(outcome) == "ok") fields["latency_s"] = now - sent_s;
    if (why) {
      fields["cause"] = why->cause;
      fields["blame"] = why->blame;
    }
    if (degraded) fields["degraded"] = true;
    ctx_.trace.emit(now, event::request, std::move(fields));
  }

  RunContext& ctx_;
  HostId host_;
  Rng rng_;
  double timeout_s_;
  bool uses_dns_;        // it calls a DNS name (else one service)
  ServiceRun* service_;  // what it calls now (with DNS: none before its first answer)
  double answer_expires_s_ = 0;
  double next_send_s_ = 0;
  std::uint64_t next_id_ = 0;
  std::map<std::uint64_t, Pending> pending_;
  std::deque<std::pair<std::uint64_t, double>> order_;  // ids by send time, for timeouts
};

} // namespace

void spawn_client(RunContext& ctx, HostId host) {
  ctx.clients.push_back(std::make_unique<LoopOf<Client>>(ctx.network, host, "client:" + ctx.name(host), ctx, host));
}

} // namespace halab
