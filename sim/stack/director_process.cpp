#include "sim/stack/director_process.hpp"

#include "models/balance/ipvs_scheduler.hpp"
#include "models/balance/real_server_check.hpp"
#include "sim/service/process_loop.hpp"
#include "sim/trace/event_names.hpp"

#include <cmath>
#include <deque>
#include <queue>
#include <unordered_map>

namespace halab {
namespace {

constexpr Duration kStatsWindow = Duration::seconds(1);
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
      : ctx_(ctx), tier_(tier), spec_(*tier.spec.director), real_(*ctx.tier_named(spec_.tier)), self_(self),
        endpoint_(tier.endpoints[self]), host_(tier.hosts[self]),
        entry_service_(tier.index == 0 ? ctx.service_of(host_) : nullptr),
        rng_(Rng::stream(ctx.seed, "director:" + tier.spec.name + ":" + ctx.name(host_) + ":" +
                                       std::to_string(tier.incarnations[self]))),
        stats_(tier.stats[self]), scheduler_(spec_.scheduler, weights_of(spec_, real_.spec)) {
    if (spec_.check) checks_.assign(real_.hosts.size(), Check{RealServerCheck(*spec_.check), std::nullopt, Instant()});
  }

  void start(Instant now) {
    next_stats_ = Instant::at_seconds(std::floor(now.to_seconds())) + kStatsWindow;
    // At the run's start the checkers have long been running: each is somewhere in its
    // delay_loop. A restarted director's keepalived starts them afresh.
    const Duration boot = tier_.incarnations[self_] > 0 ? kBootstrapDelay : Duration();
    for (std::size_t i = 0; i < checks_.size(); ++i)
      check_events_.push({(now + boot + spec_.check->delay_loop * rng_.uniform01()).to_seconds(), 2 * i});
  }

  Instant next_deadline() const {
    Instant t = next_stats_;
    if (!check_events_.empty()) t = std::min(t, Instant::at_seconds(check_events_.top().first));
    if (!nat_order_.empty()) t = std::min(t, nat_order_.front().first);
    return t;
  }

  void on_timers(Instant now) {
    while (!check_events_.empty() && check_events_.top().first <= now.to_seconds()) {
      const std::uint64_t e = check_events_.top().second;
      check_events_.pop();
      if (e % 2 == 0) send_check(now, e / 2);
      else check_timed_out(now, e / 2);
    }
    while (!nat_order_.empty() && nat_order_.front().first <= now) {
      nat_.erase(nat_order_.front().second);
      nat_order_.pop_front();
    }
    if (now >= next_stats_) {
      flush_tier_stats(ctx_, tier_, self_, now.to_seconds());
      while (next_stats_ <= now) next_stats_ = next_stats_ + kStatsWindow;
    }
  }

  bool on_message(Instant now, const Message& m) {
    if (tier_.hung[self_]) return true;  // a hung director forwards nothing
    if (const auto* request = m.as<msg::Request>()) on_connection(now, m.from, *request);
    else if (const auto* reply = m.as<msg::Reply>()) on_answer(*reply);
    else if (const auto* answer = m.as<msg::ProbeReply>()) on_check_answer(now, *answer);
    return true;
  }

 private:
  void on_connection(Instant now, Endpoint from, const msg::Request& request) {
    // The kernel drops packets for the floating IP unless this host holds it.
    if (entry_service_ && !entry_service_->vip.holds(host_)) return;
    ++stats_.requests;
    const Endpoint caller = request.reply_to.value_or(from);
    std::optional<std::size_t> server = choose(now, caller);
    if (!server) {  // no destination: IPVS drops the SYN, the caller hears nothing
      ++stats_.failed[static_cast<std::size_t>(CallFailure::no_backend)];
      return;
    }
    ++stats_.forwarded;
    msg::Request forwarded{request.id, caller};
    if (spec_.nat) {
      forwarded = msg::Request{next_nat_++, std::nullopt};
      nat_.emplace(forwarded.id, NatEntry{caller, request.id});
      nat_order_.emplace_back(now + kNatEntryLifetime, forwarded.id);
    }
    ctx_.network.send(real_.endpoints[*server], make_message(endpoint_, tier_.incarnations[self_], forwarded), kRequestBytes);
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
    const auto addr = static_cast<std::uint32_t>(0x0A000001u + ctx_.network.host_of(caller));
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
    ctx_.network.send(it->second.caller, make_message(endpoint_, tier_.incarnations[self_], back), kReplyBytes);
    nat_.erase(it);
  }

  // keepalived's checker: one check in flight per real server; the next one `next_in`
  // after this one ends.
  void send_check(Instant now, std::size_t server) {
    Check& c = checks_[server];
    c.probe = next_probe_++ * checks_.size() + server;  // the server can be read back from the id
    c.deadline = now + spec_.check->connect_timeout;
    check_events_.push({c.deadline.to_seconds(), 2 * server + 1});
    ctx_.network.send(real_.endpoints[server],
                      make_message(endpoint_, tier_.incarnations[self_], msg::Probe{*c.probe, !spec_.check->http}),
                      kHeartbeatBytes);
  }

  void check_timed_out(Instant now, std::size_t server) {
    Check& c = checks_[server];
    if (!c.probe || c.deadline > now) return;  // answered in time
    check_ended(now, server, false);
  }

  void on_check_answer(Instant now, const msg::ProbeReply& r) {
    if (checks_.empty()) return;
    const std::size_t server = static_cast<std::size_t>(r.id % checks_.size());
    if (checks_[server].probe == r.id) check_ended(now, server, true);
  }

  void check_ended(Instant now, std::size_t server, bool passed) {
    Check& c = checks_[server];
    c.probe.reset();
    const RealServerCheck::Result result = c.check.record(passed);
    if (result.changed) {
      if (*result.changed) scheduler_.add(server);
      else scheduler_.remove(server);
      ctx_.trace.emit(now.to_seconds(), event::check_state,
                      {{"tier", tier_.spec.name}, {"node", ctx_.name(host_)}, {"server", real_.spec.hosts[server]},
                       {"up", *result.changed}});
    }
    check_events_.push({(now + result.next_in).to_seconds(), 2 * server});
  }

  struct Check {
    RealServerCheck check;
    std::optional<std::uint64_t> probe;  // the check in flight
    Instant deadline;
  };
  struct NatEntry {
    Endpoint caller;
    std::uint64_t caller_id;
  };
  struct Template {
    std::size_t server;
    Instant expires;
  };
  using Timed = std::pair<double, std::uint64_t>;
  using MinHeap = std::priority_queue<Timed, std::vector<Timed>, std::greater<>>;

  RunContext& ctx_;
  TierRun& tier_;
  const DirectorSpec& spec_;
  const TierRun& real_;
  std::size_t self_;
  Endpoint endpoint_;
  HostId host_;
  ServiceRun* entry_service_;  // the entry tier's: the service whose floating IP it serves
  Rng rng_;
  TierStats& stats_;
  IpvsScheduler scheduler_;
  std::vector<Check> checks_;
  MinHeap check_events_;  // (when, 2 × server + (1: the check times out, 0: send one))
  std::uint64_t next_probe_ = 0;
  std::unordered_map<Endpoint, Template> templates_;
  std::unordered_map<std::uint64_t, NatEntry> nat_;
  std::deque<std::pair<Instant, std::uint64_t>> nat_order_;  // (given up at, entry), oldest first
  std::uint64_t next_nat_ = 0;
  Instant next_stats_;
};

}  // namespace

void run_director(RunContext& ctx, TierRun& tier, std::size_t instance) {
  DirectorProcess process(ctx, tier, instance);
  run_process(ctx.network, tier.endpoints[instance], process);
}

}  // namespace halab
