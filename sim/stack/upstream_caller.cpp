#include "sim/stack/upstream_caller.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {
namespace {

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

}  // namespace

UpstreamCaller::UpstreamCaller(RunContext& ctx, const TierRun& tier, std::size_t self, Rng& rng, TierStats& stats,
                               Listener& listener)
    : ctx_(ctx), tier_(tier), spec_(*tier.spec.upstream), callee_(*ctx.tier_named(spec_.tier)), self_(self), rng_(rng),
      stats_(stats), listener_(listener), pool_(servers_of(spec_, callee_.spec), spec_.method) {
  if (spec_.retry) retry_.emplace(*spec_.retry);
  if (spec_.breaker) breaker_.emplace(*spec_.breaker);
  if (spec_.check)
    for (std::size_t i = 0; i < callee_.hosts.size(); ++i)
      checks_.push_back(Check{HealthCheck(*spec_.check), std::nullopt, Instant()});
}

void UpstreamCaller::start(Instant now) {
  // HAProxy spreads its first checks over one interval.
  for (std::size_t i = 0; i < checks_.size(); ++i)
    check_events_.push({(now + spec_.check->inter * rng_.uniform01()).to_seconds(), check_event(i, false)});
}

Instant UpstreamCaller::next_deadline() const {
  Instant t = Instant::never();
  if (!timeouts_.empty()) t = std::min(t, Instant::at_seconds(timeouts_.top().first));
  if (!backoffs_.empty()) t = std::min(t, Instant::at_seconds(backoffs_.top().first));
  if (!check_events_.empty()) t = std::min(t, Instant::at_seconds(check_events_.top().first));
  return t;
}

void UpstreamCaller::on_timers(Instant now) {
  while (!backoffs_.empty() && backoffs_.top().first <= now.to_seconds()) {
    const std::uint64_t job = backoffs_.top().second;
    backoffs_.pop();
    begin_round(now, job);
  }
  while (!timeouts_.empty() && timeouts_.top().first <= now.to_seconds()) {
    const std::uint64_t attempt = timeouts_.top().second;
    timeouts_.pop();
    auto it = attempts_.find(attempt);
    if (it == attempts_.end()) continue;  // answered in time
    const std::uint64_t job = it->second;
    attempts_.erase(it);
    Call& c = calls_.at(job);
    pool_.finished(now, c.server, true, *c.attempts);  // nginx: NGX_HTTP_UPSTREAM_FT_TIMEOUT
    c.failure = CallFailure::timeout;
    c.blame = static_cast<std::int16_t>(callee_.index);
    attempt_next(now, job);
  }
  while (!check_events_.empty() && check_events_.top().first <= now.to_seconds()) {
    const std::uint64_t e = check_events_.top().second;
    check_events_.pop();
    if (e % 2 == 0) send_check(now, e / 2);
    else check_timed_out(now, e / 2);
  }
}

void UpstreamCaller::call(Instant now, std::uint64_t job) {
  calls_.emplace(job, Call{});
  begin_round(now, job);
}

bool UpstreamCaller::on_message(Instant now, const Message& m) {
  if (const auto* reply = m.as<msg::Reply>()) on_reply(now, *reply);
  else if (const auto* answer = m.as<msg::ProbeReply>()) on_check_answer(now, *answer);
  else return false;
  return true;
}

void UpstreamCaller::drop_all(Instant now) {
  for (auto& [attempt, job] : attempts_) {
    Call& c = calls_.at(job);
    pool_.finished(now, c.server, false, *c.attempts);
  }
  attempts_.clear();
  calls_.clear();
  backoffs_ = {};
  retrying_ = 0;
}

void UpstreamCaller::on_reply(Instant now, const msg::Reply& r) {
  auto it = attempts_.find(r.id);
  if (it == attempts_.end()) return;  // it timed out already
  const std::uint64_t job = it->second;
  attempts_.erase(it);
  Call& c = calls_.at(job);
  // An answer, even an error status, is not a failure of the server (nginx's default
  // proxy_next_upstream is "error timeout"): it goes back up as it is.
  pool_.finished(now, c.server, false, *c.attempts);
  c.degraded = r.degraded;
  if (r.failure == CallFailure::none) round_ended(now, job, CallFailure::none, -1);
  else round_ended(now, job, r.failure, r.blame);
}

// One round of the call down: nginx's attempts over the pool, unless the breaker refuses.
void UpstreamCaller::begin_round(Instant now, std::uint64_t job) {
  Call& c = calls_.at(job);
  if (breaker_ && !breaker_->allow(now)) {
    finish(now, job, CallFailure::breaker_open, static_cast<std::int16_t>(callee_.index));
    return;
  }
  c.attempts = pool_.begin(spec_.tries);
  c.tries = 0;
  c.round_started = now;
  attempt_next(now, job);
}

// A round ended: the breaker records it; a failed one is retried after a back-off if the
// retry policy and its budget allow, else the failure goes up.
void UpstreamCaller::round_ended(Instant now, std::uint64_t job, CallFailure failure, std::int16_t blame) {
  Call& c = calls_.at(job);
  const bool failed = failure != CallFailure::none;
  if (breaker_) {
    if (auto changed = breaker_->record(now, failed, now - c.round_started))
      ctx_.trace.emit(now.to_seconds(), event::breaker_state,
                      {{"tier", tier_.spec.name}, {"node", ctx_.name(tier_.hosts[self_])}, {"calls", callee_.spec.name},
                       {"state", to_string(*changed)}});
  }
  if (failed && retry_ && retry_->may_retry(c.round + 1, static_cast<long>(calls_.size()), retrying_)) {
    if (c.round++ == 0) ++retrying_;
    ++stats_.retried;
    backoffs_.push({(now + retry_->backoff(c.round, rng_)).to_seconds(), job});
    return;
  }
  finish(now, job, failure, blame);
}

// The next attempt down (nginx's ngx_http_upstream_next), or the round's end when there
// is none: no live upstream (502), or the last attempt's failure.
void UpstreamCaller::attempt_next(Instant now, std::uint64_t job) {
  Call& c = calls_.at(job);
  const bool out_of_time = c.tries > 0 && spec_.tries_timeout > Duration() && now - c.first_try >= spec_.tries_timeout;
  std::optional<std::size_t> server = out_of_time ? std::nullopt : pool_.pick(now, *c.attempts, rng_);
  if (!server) {
    if (c.tries == 0) round_ended(now, job, CallFailure::no_backend, static_cast<std::int16_t>(callee_.index));
    else round_ended(now, job, c.failure, c.blame);
    return;
  }
  if (c.tries++ == 0) c.first_try = now;
  else ++stats_.retried;
  c.server = *server;
  const std::uint64_t attempt = next_attempt_++;
  attempts_.emplace(attempt, job);
  timeouts_.push({(now + spec_.timeout).to_seconds(), attempt});
  ctx_.network.send(callee_.endpoints[*server],
                    make_message(tier_.endpoints[self_], tier_.incarnations[self_], msg::Request{attempt}), kRequestBytes);
}

void UpstreamCaller::finish(Instant now, std::uint64_t job, CallFailure failure, std::int16_t blame) {
  auto it = calls_.find(job);
  Outcome outcome{failure, blame, it->second.degraded};
  // A weak dependency that failed for good: the tier answers with its fallback.
  if (failure != CallFailure::none && spec_.weak) outcome = Outcome{CallFailure::none, -1, true};
  if (it->second.round > 0) --retrying_;
  calls_.erase(it);
  listener_.call_done(now, job, outcome);
}

// Active health checks (HAProxy): one check in flight per server; the next one an interval
// after this one ends, the interval depending on the server's health.
void UpstreamCaller::send_check(Instant now, std::size_t server) {
  Check& c = checks_[server];
  c.probe = next_probe_++ * checks_.size() + server;  // the server can be read back from the id
  c.deadline = now + spec_.check_timeout;
  check_events_.push({c.deadline.to_seconds(), check_event(server, true)});
  ctx_.network.send(callee_.endpoints[server], make_message(tier_.endpoints[self_], tier_.incarnations[self_], msg::Probe{*c.probe}),
                    kHeartbeatBytes);
}

void UpstreamCaller::check_timed_out(Instant now, std::size_t server) {
  Check& c = checks_[server];
  if (!c.probe || c.deadline > now) return;  // answered in time
  check_ended(now, server, false);
}

void UpstreamCaller::on_check_answer(Instant now, const msg::ProbeReply& r) {
  if (checks_.empty()) return;  // not a checking instance (a stray answer)
  const std::size_t server = static_cast<std::size_t>(r.id % checks_.size());
  if (checks_[server].probe == r.id) check_ended(now, server, true);
}

void UpstreamCaller::check_ended(Instant now, std::size_t server, bool passed) {
  Check& c = checks_[server];
  c.probe.reset();
  if (auto up = c.check.record(passed)) {
    pool_.set_checked_down(server, !*up);
    ctx_.trace.emit(now.to_seconds(), event::check_state,
                    {{"tier", tier_.spec.name}, {"node", ctx_.name(tier_.hosts[self_])}, {"server", callee_.spec.hosts[server]},
                     {"up", *up}});
  }
  check_events_.push({(now + c.check.interval()).to_seconds(), check_event(server, false)});
}

}  // namespace halab
