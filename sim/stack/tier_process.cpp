#include "sim/stack/tier_process.hpp"

#include "models/balance/health_check.hpp"
#include "models/balance/upstream_pool.hpp"
#include "models/resilience/circuit_breaker.hpp"
#include "models/resilience/retry_policy.hpp"
#include "sim/service/process_loop.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <cmath>
#include <deque>
#include <queue>
#include <unordered_map>

namespace halab {
namespace sg4 = simgrid::s4u;

namespace {

constexpr Duration kStatsWindow = Duration::seconds(1);

std::vector<UpstreamServer> servers_of(const UpstreamSpec& u, const TierSpec& callee) {
  std::vector<UpstreamServer> out;
  for (const auto& h : callee.hosts) {
    UpstreamServer s;
    s.name = h;
    s.max_fails = u.max_fails;
    s.fail_timeout = u.fail_timeout;
    s.max_conns = u.max_conns;
    s.backup = std::find(u.backup.begin(), u.backup.end(), h) != u.backup.end();
    out.push_back(s);
  }
  return out;
}

// Records what an instance served since its last record.
void flush_stats(RunContext& ctx, TierRun& tier, std::size_t instance, double now) {
  TierStats& s = tier.stats[instance];
  if (s.empty()) return;
  ctx.trace.emit(now, event::tier_stats,
                 {{"tier", tier.spec.name},
                  {"node", ctx.name(tier.hosts[instance])},
                  {"requests", s.requests},
                  {"ok", s.ok},
                  {"timeout", s.failed[static_cast<std::size_t>(CallFailure::timeout)]},
                  {"no_backend", s.failed[static_cast<std::size_t>(CallFailure::no_backend)]},
                  {"overloaded", s.failed[static_cast<std::size_t>(CallFailure::overloaded)]},
                  {"breaker_open", s.failed[static_cast<std::size_t>(CallFailure::breaker_open)]},
                  {"degraded", s.degraded},
                  {"retried", s.retried},
                  {"max_busy", s.max_busy},
                  {"max_queue", s.max_queue}});
  s = TierStats{};
}

class TierProcess {
 public:
  TierProcess(RunContext& ctx, TierRun& tier, std::size_t self)
      : ctx_(ctx), tier_(tier), spec_(tier.spec), self_(self), endpoint_(tier.endpoints[self]), host_(tier.hosts[self]),
        rng_(Rng::stream(ctx.seed, "tier:" + spec_.name + ":" + ctx.name(host_) + ":" +
                                       std::to_string(tier.incarnations[self]))),
        stats_(tier.stats[self]) {
    if (spec_.upstream) {
      callee_ = ctx.tier_named(spec_.upstream->tier);
      pool_.emplace(servers_of(*spec_.upstream, callee_->spec), spec_.upstream->method);
      if (spec_.upstream->retry) retry_.emplace(*spec_.upstream->retry);
      if (spec_.upstream->breaker) breaker_.emplace(*spec_.upstream->breaker);
      if (spec_.upstream->check)
        for (std::size_t i = 0; i < callee_->hosts.size(); ++i)
          checks_.push_back(Check{HealthCheck(*spec_.upstream->check), std::nullopt, Instant()});
    }
  }

  void start(Instant now) {
    next_stats_ = Instant::at_seconds(std::floor(now.to_seconds())) + kStatsWindow;
    // HAProxy spreads its first checks over one interval.
    for (std::size_t i = 0; i < checks_.size(); ++i)
      check_events_.push({(now + spec_.upstream->check->inter * rng_.uniform01()).to_seconds(), check_event(i, false)});
  }

  Instant next_deadline() const {
    Instant t = next_stats_;
    if (!services_.empty()) t = std::min(t, Instant::at_seconds(services_.top().first));
    if (!timeouts_.empty()) t = std::min(t, Instant::at_seconds(timeouts_.top().first));
    if (!backoffs_.empty()) t = std::min(t, Instant::at_seconds(backoffs_.top().first));
    if (!check_events_.empty()) t = std::min(t, Instant::at_seconds(check_events_.top().first));
    return t;
  }

  void on_timers(Instant now) {
    if (tier_.hung[self_]) drop_all(now);
    while (!services_.empty() && services_.top().first <= now.to_seconds()) {
      const std::uint64_t job = services_.top().second;
      services_.pop();
      if (pool_) {
        jobs_.at(job).calling = true;
        ++calling_;
        begin_round(now, job);
      } else {
        finish(now, job, CallFailure::none, -1);
      }
    }
    while (!backoffs_.empty() && backoffs_.top().first <= now.to_seconds()) {
      const std::uint64_t job = backoffs_.top().second;
      backoffs_.pop();
      begin_round(now, job);
    }
    while (!timeouts_.empty() && timeouts_.top().first <= now.to_seconds()) {
      const std::uint64_t call = timeouts_.top().second;
      timeouts_.pop();
      auto it = calls_.find(call);
      if (it == calls_.end()) continue;  // answered in time
      const std::uint64_t job = it->second;
      calls_.erase(it);
      Job& j = jobs_.at(job);
      pool_->finished(now, j.server, true, *j.attempts);  // nginx: NGX_HTTP_UPSTREAM_FT_TIMEOUT
      j.failure = CallFailure::timeout;
      j.blame = static_cast<std::int16_t>(callee_->index);
      call_next(now, job);
    }
    while (!check_events_.empty() && check_events_.top().first <= now.to_seconds()) {
      const std::uint64_t e = check_events_.top().second;
      check_events_.pop();
      if (e % 2 == 0) send_check(now, e / 2);
      else check_timed_out(now, e / 2);
    }
    if (now >= next_stats_) {
      record_stats(now);
      while (next_stats_ <= now) next_stats_ = next_stats_ + kStatsWindow;
    }
  }

  bool on_message(Instant now, const Message& m) {
    if (tier_.hung[self_]) {  // alive, answering nothing: a request arrives and is never answered
      if (m.as<msg::Request>()) ++stats_.requests;
      return true;
    }
    if (const auto* request = m.as<msg::Request>()) on_request(now, m.from, *request);
    else if (const auto* reply = m.as<msg::Reply>()) on_reply(now, *reply);
    else if (const auto* probe = m.as<msg::Probe>())
      ctx_.network.send(m.from, make_message(endpoint_, tier_.incarnations[self_], msg::ProbeReply{probe->id}),
                        kHeartbeatBytes);
    else if (const auto* answer = m.as<msg::ProbeReply>()) on_check_answer(now, *answer);
    return true;
  }

 private:
  struct Job {
    Endpoint caller = 0;
    std::uint64_t caller_id = 0;
    std::optional<UpstreamPool::Attempts> attempts;
    std::size_t server = 0;
    int tries = 0;
    Instant first_try;
    CallFailure failure = CallFailure::none;  // the last attempt's
    std::int16_t blame = -1;
    bool calling = false;  // its call down has begun
    bool degraded = false;  // the answer from below was degraded
    int round = 0;         // the caller's retries of the whole call so far (Envoy's)
    Instant round_started;
  };

  void on_request(Instant now, Endpoint from, const msg::Request& request) {
    // The kernel drops packets for the floating IP unless this host holds it.
    if (tier_.index == 0 && !ctx_.served().vip.holds(host_)) return;
    ++stats_.requests;
    const std::uint64_t id = next_job_++;
    Job job;
    job.caller = from;
    job.caller_id = request.id;
    jobs_.emplace(id, job);
    if (spec_.workers == 0 || busy_ < spec_.workers) {
      begin_service(now, id);
    } else if (static_cast<int>(waiting_.size()) < spec_.queue) {
      waiting_.push_back(id);
      stats_.max_queue = std::max<std::uint64_t>(stats_.max_queue, waiting_.size());
    } else {
      reply(id, CallFailure::overloaded, static_cast<std::int16_t>(tier_.index));
      jobs_.erase(id);
    }
  }

  void on_reply(Instant now, const msg::Reply& r) {
    auto it = calls_.find(r.id);
    if (it == calls_.end()) return;  // it timed out already
    const std::uint64_t job = it->second;
    calls_.erase(it);
    Job& j = jobs_.at(job);
    // An answer, even an error status, is not a failure of the server (nginx's default
    // proxy_next_upstream is "error timeout"): it goes back up as it is.
    pool_->finished(now, j.server, false, *j.attempts);
    j.degraded = r.degraded;
    if (r.failure == CallFailure::none) round_ended(now, job, CallFailure::none, -1);
    else round_ended(now, job, r.failure, r.blame);
  }

  // One round of the call down: nginx's attempts over the pool, unless the breaker refuses.
  void begin_round(Instant now, std::uint64_t job) {
    Job& j = jobs_.at(job);
    if (breaker_ && !breaker_->allow(now)) {
      finish(now, job, CallFailure::breaker_open, static_cast<std::int16_t>(callee_->index));
      return;
    }
    j.attempts = pool_->begin(spec_.upstream->tries);
    j.tries = 0;
    j.round_started = now;
    call_next(now, job);
  }

  // A round ended: the breaker records it; a failed one is retried after a back-off if
  // the retry policy and its budget allow, else the failure goes up.
  void round_ended(Instant now, std::uint64_t job, CallFailure failure, std::int16_t blame) {
    Job& j = jobs_.at(job);
    const bool failed = failure != CallFailure::none;
    if (breaker_) {
      if (auto changed = breaker_->record(now, failed, now - j.round_started))
        ctx_.trace.emit(now.to_seconds(), event::breaker_state,
                        {{"tier", spec_.name}, {"node", ctx_.name(host_)}, {"calls", callee_->spec.name},
                         {"state", to_string(*changed)}});
    }
    if (failed && retry_ && retry_->may_retry(j.round + 1, calling_, retrying_)) {
      if (j.round++ == 0) ++retrying_;
      ++stats_.retried;
      backoffs_.push({(now + retry_->backoff(j.round, rng_)).to_seconds(), job});
      return;
    }
    finish(now, job, failure, blame);
  }

  void begin_service(Instant now, std::uint64_t job) {
    ++busy_;
    stats_.max_busy = std::max<std::uint64_t>(stats_.max_busy, static_cast<std::uint64_t>(busy_));
    double d = spec_.service_time.to_seconds() * tier_.slow[self_];
    if (spec_.exponential && d > 0) d = rng_.exponential(d);
    services_.push({(now + Duration::seconds(d)).to_seconds(), job});
  }

  // The next attempt down (nginx's ngx_http_upstream_next), or the answer when there is
  // none: no live upstream (502), or the last attempt's failure.
  void call_next(Instant now, std::uint64_t job) {
    Job& j = jobs_.at(job);
    const UpstreamSpec& u = *spec_.upstream;
    if (!j.attempts) j.attempts = pool_->begin(u.tries);
    const bool out_of_time = j.tries > 0 && u.tries_timeout > Duration() && now - j.first_try >= u.tries_timeout;
    std::optional<std::size_t> server = out_of_time ? std::nullopt : pool_->pick(now, *j.attempts, rng_);
    if (!server) {
      if (j.tries == 0) round_ended(now, job, CallFailure::no_backend, static_cast<std::int16_t>(callee_->index));
      else round_ended(now, job, j.failure, j.blame);
      return;
    }
    if (j.tries++ == 0) j.first_try = now;
    else ++stats_.retried;
    j.server = *server;
    const std::uint64_t call = next_call_++;
    calls_.emplace(call, job);
    timeouts_.push({(now + u.timeout).to_seconds(), call});
    ctx_.network.send(callee_->endpoints[*server], make_message(endpoint_, tier_.incarnations[self_], msg::Request{call}),
                      kRequestBytes);
  }

  void finish(Instant now, std::uint64_t job, CallFailure failure, std::int16_t blame) {
    Job& j = jobs_.at(job);
    // A weak dependency that failed for good: the tier answers with its fallback.
    if (failure != CallFailure::none && j.calling && spec_.upstream->weak) {
      failure = CallFailure::none;
      blame = -1;
      j.degraded = true;
    }
    reply(job, failure, blame);
    if (j.calling) --calling_;
    if (j.round > 0) --retrying_;
    jobs_.erase(job);
    --busy_;
    if (!waiting_.empty()) {
      const std::uint64_t next = waiting_.front();
      waiting_.pop_front();
      begin_service(now, next);
    }
  }

  void reply(std::uint64_t job, CallFailure failure, std::int16_t blame) {
    const Job& j = jobs_.at(job);
    const bool degraded = failure == CallFailure::none && j.degraded;
    if (failure == CallFailure::none) ++stats_.ok;
    else ++stats_.failed[static_cast<std::size_t>(failure)];
    if (degraded) ++stats_.degraded;
    ctx_.network.send(j.caller,
                      make_message(endpoint_, tier_.incarnations[self_], msg::Reply{j.caller_id, failure, blame, degraded}),
                      kReplyBytes);
  }

  // Active health checks (HAProxy): one check in flight per server; the next one an
  // interval after this one ends, the interval depending on the server's health.
  static std::uint64_t check_event(std::size_t server, bool timeout) { return 2 * server + (timeout ? 1 : 0); }

  void send_check(Instant now, std::size_t server) {
    Check& c = checks_[server];
    c.probe = next_probe_++ * checks_.size() + server;  // the server can be read back from the id
    c.deadline = now + spec_.upstream->check_timeout;
    check_events_.push({c.deadline.to_seconds(), check_event(server, true)});
    ctx_.network.send(callee_->endpoints[server], make_message(endpoint_, tier_.incarnations[self_], msg::Probe{*c.probe}),
                      kHeartbeatBytes);
  }

  void check_timed_out(Instant now, std::size_t server) {
    Check& c = checks_[server];
    if (!c.probe || c.deadline > now) return;  // answered in time
    check_ended(now, server, false);
  }

  void on_check_answer(Instant now, const msg::ProbeReply& r) {
    if (checks_.empty()) return;  // not a checking instance (a stray answer)
    const std::size_t server = static_cast<std::size_t>(r.id % checks_.size());
    if (checks_[server].probe == r.id) check_ended(now, server, true);
  }

  void check_ended(Instant now, std::size_t server, bool passed) {
    Check& c = checks_[server];
    c.probe.reset();
    if (auto up = c.check.record(passed)) {
      pool_->set_checked_down(server, !*up);
      ctx_.trace.emit(now.to_seconds(), event::check_state,
                      {{"tier", spec_.name}, {"node", ctx_.name(host_)}, {"server", callee_->spec.hosts[server]}, {"up", *up}});
    }
    check_events_.push({(now + c.check.interval()).to_seconds(), check_event(server, false)});
  }

  // A hang: whatever was in flight is never answered.
  void drop_all(Instant now) {
    for (auto& [call, job] : calls_) {
      Job& j = jobs_.at(job);
      pool_->finished(now, j.server, false, *j.attempts);
    }
    calls_.clear();
    jobs_.clear();
    waiting_.clear();
    services_ = {};
    backoffs_ = {};
    busy_ = 0;
    calling_ = 0;
    retrying_ = 0;
  }

  void record_stats(Instant now) {
    flush_stats(ctx_, tier_, self_, now.to_seconds());
    stats_.max_busy = static_cast<std::uint64_t>(busy_);
    stats_.max_queue = waiting_.size();
  }
  using Timed = std::pair<double, std::uint64_t>;  // (when, job or call), earliest first
  using MinHeap = std::priority_queue<Timed, std::vector<Timed>, std::greater<>>;

  RunContext& ctx_;
  TierRun& tier_;
  const TierSpec& spec_;
  std::size_t self_;
  Endpoint endpoint_;
  HostId host_;
  Rng rng_;
  const TierRun* callee_ = nullptr;
  std::optional<UpstreamPool> pool_;
  std::unordered_map<std::uint64_t, Job> jobs_;
  std::deque<std::uint64_t> waiting_;  // jobs waiting for a worker
  int busy_ = 0;
  MinHeap services_;   // (done at, job)
  MinHeap timeouts_;   // (deadline, call)
  MinHeap backoffs_;   // (retry at, job): a retry of the whole call waiting out its back-off
  std::optional<RetryPolicy> retry_;
  std::optional<CircuitBreaker> breaker_;
  struct Check {
    HealthCheck check;
    std::optional<std::uint64_t> probe;  // the check in flight
    Instant deadline;
  };
  std::vector<Check> checks_;  // per server of the pool, with active checks
  MinHeap check_events_;       // (when, 2 × server + (1: the check times out, 0: send one))
  std::uint64_t next_probe_ = 0;
  long calling_ = 0;    // jobs whose call down is under way (the retry budget's active requests)
  long retrying_ = 0;   // of those, jobs in a retry (the budget's active retries)
  std::unordered_map<std::uint64_t, std::uint64_t> calls_;  // call in flight -> job
  std::uint64_t next_job_ = 0;
  std::uint64_t next_call_ = 0;
  Instant next_stats_;
  TierStats& stats_;
};

}  // namespace

simgrid::s4u::ActorPtr spawn_tier_instance(RunContext& ctx, TierRun& tier, std::size_t instance) {
  const HostId h = tier.hosts[instance];
  simgrid::s4u::ActorPtr actor = simgrid::s4u::Actor::create(
      tier.spec.name + ":" + ctx.name(h), ctx.platform.host(ctx.name(h)), [&ctx, &tier, instance] {
        TierProcess process(ctx, tier, instance);
        run_process(ctx.network, tier.endpoints[instance], process);
      });
  actor->daemonize();
  tier.actors[instance] = actor;
  return actor;
}

void crash_tier_on(RunContext& ctx, HostId h) {
  TierRun* tier = ctx.tier_on(h);
  if (!tier) return;
  const std::size_t i = tier->instance_on(h);
  simgrid::s4u::ActorPtr actor = tier->actors[i];
  tier->actors[i] = nullptr;
  flush_stats(ctx, *tier, i, simgrid::s4u::Engine::get_clock());  // what it served until now
  if (actor) actor->kill();
}

void restart_tier_on(RunContext& ctx, HostId h) {
  TierRun* tier = ctx.tier_on(h);
  if (!tier) return;
  const std::size_t i = tier->instance_on(h);
  if (tier->actors[i]) return;
  ctx.network.clear(tier->endpoints[i]);
  ++tier->incarnations[i];
  spawn_tier_instance(ctx, *tier, i);
}

}  // namespace halab
