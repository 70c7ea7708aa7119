#include "sim/stack/director_process.hpp"

#include "models/balance/ipvs_scheduler.hpp"
#include "models/balance/real_server_check.hpp"
#include "sim/service/process_loop.hpp"
#include "sim/stack/server_probes.hpp"
#include "sim/stack/tier_instance.hpp"
#include "sim/trace/event_names.hpp"

#include <deque>
#include <unordered_map>

namespace halab {
namespace {

// keepalived waits BOOTSTRAP_DELAY plus a random share of the warmup (delay_loop) before a
// fresh checker's first check.
constexpr Duration kBootstrapDelay = Duration::seconds(1);
// How long a NAT entry waits for its answer. IPVS keeps an unanswered connection until its
// TCP state times out (fin_wait, 120 s, once the client gave up and closed it).
constexpr Duration kNatEntryLifetime = Duration::seconds(120);

std::vector<int> weights_of(const DirectorSpec& d, const TierSpec& real) {
  std::vector<int> out;
  for (const auto& h : real.hosts) {
    auto it = d.weights.find(h);
    out.push_back(it == d.weights.end() ? 1 : it->second);
  }
  return out;
}

class DirectorProcess {
 public:
  DirectorProcess(RunContext& ctx, TierRun& tier, std::size_t self)
      : me_(ctx, tier, self, "director"), spec_(*tier.spec.director), real_(*ctx.tier_named(spec_.tier)),
        scheduler_(spec_.scheduler, weights_of(spec_, real_.spec)), probes_(spec_.check ? real_.hosts.size() : 0) {
    if (spec_.check) checks_.assign(real_.hosts.size(), RealServerCheck(*spec_.check));
  }

  void start(Instant now) {
    me_.start_stats(now);
    // At the run's start the checkers have long been running: each is somewhere in its
    // delay_loop. A restarted director's keepalived starts them afresh.
    const Duration boot = me_.incarnation() > 0 ? kBootstrapDelay : Duration();
    for (std::size_t i = 0; i < checks_.size(); ++i)
      probes_.schedule(i, now + boot + spec_.check->delay_loop * me_.rng.uniform01());
  }

  Instant next_deadline() const {
    Instant t = std::min(me_.next_stats, probes_.next_deadline());
    if (!nat_order_.empty()) t = std::min(t, nat_order_.front().first);
    return t;
  }

  void on_timers(Instant now) {
    if (spec_.check)
      probes_.on_timers(
          now, spec_.check->connect_timeout,
          [&](std::size_t server, std::uint64_t id) {
            me_.ctx.network.send(real_.endpoints[server],
                                 make_message(me_.endpoint, me_.incarnation(), msg::Probe{id, !spec_.check->http}),
                                 kHeartbeatBytes);
          },
          [&](std::size_t server, bool passed) { check_ended(now, server, passed); });
    while (!nat_order_.empty() && nat_order_.front().first <= now) {
      nat_.erase(nat_order_.front().second);
      nat_order_.pop_front();
    }
    me_.record_stats_if_due(now);
  }

  bool on_message(Instant now, const Message& m) {
    if (me_.tier.hung[me_.self]) return true;  // a hung director forwards nothing
    if (const auto* request = m.as<msg::Request>()) on_connection(now, m.from, *request);
    else if (const auto* reply = m.as<msg::Reply>()) on_answer(*reply);
    else if (const auto* answer = m.as<msg::ProbeReply>())
      probes_.on_answer(answer->id, !answer->refused,
                        [&](std::size_t server, bool passed) { check_ended(now, server, passed); });
    return true;
  }

 private:
  void on_connection(Instant now, Endpoint from, const msg::Request& request) {
    if (!me_.accepts_requests()) return;
    ++me_.stats.requests;
    const Endpoint caller = request.reply_to.value_or(from);
    std::optional<std::size_t> server = choose(now, caller);
    if (!server) {  // no destination: IPVS drops the SYN, the caller hears nothing
      ++me_.stats.by_failure[index_of(CallFailure::no_backend)];
      return;
    }
    ++me_.stats.forwarded;
    msg::Request forwarded = request;
    forwarded.reply_to = caller;
    if (spec_.nat) {
      forwarded.id = next_nat_++;
      forwarded.reply_to.reset();
      nat_.emplace(forwarded.id, NatEntry{caller, request.id});
      nat_order_.emplace_back(now + kNatEntryLifetime, forwarded.id);
    }
    me_.ctx.network.send(real_.endpoints[*server], make_message(me_.endpoint, me_.incarnation(), forwarded), kRequestBytes);
  }

  // The client's persistence template if it still points at a listed server
  // (ip_vs_check_template), else the scheduler's choice.
  std::optional<std::size_t> choose(Instant now, Endpoint caller) {
    if (spec_.persistence) {
      auto it = templates_.find(caller);
      if (it != templates_.end() && it->second.expires > now && scheduler_.listed(it->second.server)) {
        it->second.expires = now + *spec_.persistence;
        return it->second.server;
      }
    }
    // sh hashes the client's address; the lab numbers hosts from 10.0.0.1
    const auto addr = static_cast<std::uint32_t>(0x0A000001u + me_.ctx.network.host_of(caller));
    std::optional<std::size_t> server = scheduler_.schedule(addr);
    if (server && spec_.persistence) templates_[caller] = Template{*server, now + *spec_.persistence};
    return server;
  }

  // NAT: the answer goes back to the caller as from the virtual service.
  void on_answer(const msg::Reply& r) {
    auto it = nat_.find(r.id);
    if (it == nat_.end()) return;  // not ours, or given up on
    msg::Reply back = r;
    back.id = it->second.caller_id;
    me_.ctx.network.send(it->second.caller, make_message(me_.endpoint, me_.incarnation(), back), kReplyBytes);
    nat_.erase(it);
  }

  // keepalived's checker: the next check `next_in` after this one ended; a change of a
  // server's state adds it to or removes it from the IPVS table.
  void check_ended(Instant now, std::size_t server, bool passed) {
    const RealServerCheck::Result result = checks_[server].record(passed);
    if (result.changed) {
      if (*result.changed) scheduler_.add(server);
      else scheduler_.remove(server);
      me_.ctx.trace.emit(now.to_seconds(), event::check_state,
                         {{"tier", me_.tier.spec.name}, {"node", me_.ctx.name(me_.host)},
                          {"server", real_.spec.hosts[server]}, {"up", *result.changed}});
    }
    probes_.schedule(server, now + result.next_in);
  }

  struct NatEntry {
    Endpoint caller;
    std::uint64_t caller_id;
  };
  struct Template {
    std::size_t server;
    Instant expires;
  };

  TierInstance me_;
  const DirectorSpec& spec_;
  const TierRun& real_;
  IpvsScheduler scheduler_;
  std::vector<RealServerCheck> checks_;  // per real server, with a check
  ServerProbes probes_;
  std::unordered_map<Endpoint, Template> templates_;
  std::unordered_map<std::uint64_t, NatEntry> nat_;
  std::deque<std::pair<Instant, std::uint64_t>> nat_order_;  // (given up at, entry), oldest first
  std::uint64_t next_nat_ = 0;
};

}  // namespace

std::unique_ptr<ProcessLoop> make_director(RunContext& ctx, TierRun& tier, std::size_t instance) {
  return std::make_unique<LoopOf<DirectorProcess>>(ctx.network, tier.endpoints[instance], tier_process_name(ctx, tier, instance),
                                                   ctx, tier, instance);
}

}  // namespace halab
