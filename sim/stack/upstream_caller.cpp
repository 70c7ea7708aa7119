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
    if (const auto w = u.weights.find(h); w != u.weights.end()) s.weight = w->second;
    s.backup = std::find(u.backup.begin(), u.backup.end(), h) != u.backup.end();
    out.push_back(s);
  }
  return out;
}

// The job of the next entry of `deadlines` due by `now` that is still `pending` (an
// attempt or handshake not answered in time), taken out of both.
std::optional<std::uint64_t> next_expired(TimerHeap& deadlines, std::unordered_map<std::uint64_t, std::uint64_t>& pending,
                                          Instant now) {
  while (!deadlines.empty() && deadlines.top().first <= now.to_seconds()) {
    auto it = pending.find(deadlines.top().second);
    deadlines.pop();
    if (it == pending.end()) continue;  // answered in time
    const std::uint64_t job = it->second;
    pending.erase(it);
    return job;
  }
  return std::nullopt;
}

// nginx's $remote_addr for the client request `origin` serves: the lab numbers hosts from
// 10.0.0.1 (as an LVS director's source hashing does).
std::string client_address(std::uint64_t origin) {
  const std::uint32_t addr = 0x0A000000u + static_cast<std::uint32_t>(origin >> 40);  // origin >> 40 is host + 1
  return std::to_string(addr >> 24) + "." + std::to_string((addr >> 16) & 255) + "." + std::to_string((addr >> 8) & 255) +
         "." + std::to_string(addr & 255);
}

}  // namespace

UpstreamCaller::UpstreamCaller(TierInstance& me, Listener& listener)
    : me_(me), spec_(*me.tier.spec.upstream), callee_(*me.ctx.tier_named(spec_.tier)),
      write_vip_(callee_.database ? &me.ctx.service_named(callee_.database->spec.write_vip) : nullptr), listener_(listener),
      pool_(servers_of(spec_, callee_.spec), spec_.method), probes_(spec_.check ? callee_.hosts.size() : 0) {
  if (callee_.database)  // reads go to the read pool only
    for (std::size_t i = 0; i < callee_.hosts.size(); ++i) pool_.set_listed(i, callee_.database->reads[i] != 0);
  if (spec_.retry) retry_.emplace(*spec_.retry);
  if (spec_.breaker) breaker_.emplace(*spec_.breaker);
  if (spec_.check) checks_.assign(callee_.hosts.size(), HealthCheck(*spec_.check));
  if (spec_.pool) connections_.emplace(spec_.pool->size, spec_.pool->acquire_timeout, callee_.hosts.size());
  // A bulkhead bounds the calls at once as a pool does, without connections of its own.
  if (spec_.bulkhead)
    connections_.emplace(spec_.bulkhead->max_concurrent_calls, spec_.bulkhead->max_wait, callee_.hosts.size());
  if (spec_.buffer) buffer_.emplace(*spec_.buffer);
  skipped_until_.assign(callee_.hosts.size(), Instant());
}

void UpstreamCaller::start(Instant now) {
  // HAProxy spreads its first checks over one interval.
  for (std::size_t i = 0; i < checks_.size(); ++i) probes_.schedule(i, now + spec_.check->inter * me_.rng.uniform01());
}

Instant UpstreamCaller::next_deadline() const {
  Instant t = probes_.next_deadline();
  if (!timeouts_.empty()) t = std::min(t, Instant::at_seconds(timeouts_.top().first));
  if (!backoffs_.empty()) t = std::min(t, Instant::at_seconds(backoffs_.top().first));
  if (!handshake_timeouts_.empty()) t = std::min(t, Instant::at_seconds(handshake_timeouts_.top().first));
  if (connections_) t = std::min(t, connections_->next_give_up());
  if (buffer_ && !me_.tier.hung[me_.self]) t = std::min(t, buffer_->next_take());
  return t;
}

void UpstreamCaller::on_timers(Instant now) {
  while (!backoffs_.empty() && backoffs_.top().first <= now.to_seconds()) {
    const std::uint64_t job = backoffs_.top().second;
    backoffs_.pop();
    begin_round(now, job);
  }
  while (std::optional<std::uint64_t> job = next_expired(timeouts_, attempts_, now)) {
    if (spec_.pool) connections_->close(calls_.at(*job).server);  // the client gives up on the connection
    attempt_failed(now, *job, CallFailure::timeout);  // nginx: NGX_HTTP_UPSTREAM_FT_TIMEOUT
  }
  // connect timeouts: nothing answered the SYN
  while (std::optional<std::uint64_t> job = next_expired(handshake_timeouts_, handshakes_, now))
    attempt_failed(now, *job, CallFailure::timeout);
  while (connections_) {
    const std::optional<std::uint64_t> job = connections_->give_up(now);
    if (!job) break;
    finish(now, *job, spec_.pool ? CallFailure::pool_exhausted : CallFailure::bulkhead_full,
           static_cast<std::int16_t>(callee_.index));
  }
  probes_.on_timers(
      now, spec_.check_timeout,
      [&](std::size_t server, std::uint64_t id) {
        me_.ctx.network.send(callee_.endpoints[server], make_message(me_.endpoint, me_.incarnation(), msg::Probe{id, false}),
                             kHeartbeatBytes);
      },
      [&](std::size_t server, bool passed) { check_ended(now, server, passed); });
  deliver_due(now);
}

void UpstreamCaller::call(Instant now, std::uint64_t job, std::uint64_t origin, bool write) {
  if (!buffer_) {
    start_call(now, job, origin, write, std::nullopt);
    return;
  }
  // Buffered: accepted and answered at once, or refused at once when the queue is full.
  Outcome outcome;
  if (buffer_->offer({origin, write, now})) {
    ++me_.stats.buffer.buffered;
    note_buffer();
  } else {
    outcome = spec_.weak ? Outcome{CallFailure::none, -1, true}
                         : Outcome{CallFailure::buffer_full, static_cast<std::int16_t>(callee_.index), false};
  }
  listener_.call_done(now, job, outcome);
}

// The buffer queue's consumer: each call it may take now goes down as a call of its own.
void UpstreamCaller::deliver_due(Instant now) {
  if (!buffer_ || me_.tier.hung[me_.self]) return;
  while (std::optional<BufferQueue::Item> item = buffer_->take(now))
    start_call(now, kDelivery | next_delivery_++, item->origin, item->write, item->accepted);
}

void UpstreamCaller::delivery_ended(Instant now, const Call& c, bool ok) {
  if (ok) {
    buffer_->delivered();
    ++me_.stats.buffer.delivered;
    me_.stats.buffer.max_wait_s = std::max(me_.stats.buffer.max_wait_s, (now - *c.accepted).to_seconds());
  } else {  // at least once: it waits again, first in line
    buffer_->put_back({c.origin, c.write, *c.accepted});
    ++me_.stats.buffer.redelivered;
  }
  note_buffer();
}

// What the queue holds, for the run (a crash loses it) and for the instance's figures.
void UpstreamCaller::note_buffer() {
  me_.tier.buffer_held[me_.self] = buffer_->held();
  me_.stats.buffer.max_held = std::max<std::uint64_t>(me_.stats.buffer.max_held, static_cast<std::uint64_t>(buffer_->held()));
}

void UpstreamCaller::start_call(Instant now, std::uint64_t job, std::uint64_t origin, bool write,
                                std::optional<Instant> accepted) {
  Call& c = calls_.emplace(job, Call{}).first->second;
  c.origin = origin;
  c.write = write;
  c.to_vip = write && write_vip_;
  c.accepted = accepted;
  if (connections_ && !connections_->acquire(now, job)) return;  // it waits for a connection
  c.leased = connections_.has_value();
  begin_round(now, job);
}

bool UpstreamCaller::on_message(Instant now, const Message& m) {
  if (const auto* reply = m.as<msg::Reply>()) on_reply(now, *reply);
  else if (const auto* answer = m.as<msg::ProbeReply>(); answer && (answer->id & kHandshake)) {
    auto it = handshakes_.find(answer->id);
    if (it == handshakes_.end()) return true;  // too late: that attempt failed already
    const std::uint64_t job = it->second;
    handshakes_.erase(it);
    if (answer->refused) {  // the port is closed: the connect fails at once
      attempt_failed(now, job, CallFailure::refused);
      return true;
    }
    connections_->opened(calls_.at(job).server);
    send_attempt(now, job);
  } else if (answer) {
    probes_.on_answer(answer->id, !answer->refused,
                      [&](std::size_t server, bool passed) { check_ended(now, server, passed); });
  } else {
    return false;
  }
  return true;
}

void UpstreamCaller::drop_all(Instant now) {
  for (auto& [attempt, job] : attempts_) {
    Call& c = calls_.at(job);
    if (!c.to_vip) pool_.finished(now, c.server, false, *c.attempts);
  }
  for (auto& [handshake, job] : handshakes_) {
    Call& c = calls_.at(job);
    if (!c.to_vip) pool_.finished(now, c.server, false, *c.attempts);
  }
  attempts_.clear();
  handshakes_.clear();
  std::vector<std::uint64_t> deliveries;  // back in the queue, the oldest first in line
  for (const auto& [job, c] : calls_)
    if (c.accepted) deliveries.push_back(job);
  std::sort(deliveries.rbegin(), deliveries.rend());
  for (std::uint64_t job : deliveries) {
    const Call& c = calls_.at(job);
    buffer_->put_back({c.origin, c.write, *c.accepted});
  }
  calls_.clear();
  backoffs_ = {};
  retrying_ = 0;
  if (connections_) connections_->clear();
}

void UpstreamCaller::on_reply(Instant now, const msg::Reply& r) {
  auto it = attempts_.find(r.id);
  if (it == attempts_.end()) return;  // it timed out already
  const std::uint64_t job = it->second;
  attempts_.erase(it);
  Call& c = calls_.at(job);
  if (r.failure == CallFailure::refused) {
    // The connection was reset (the server stopped): an "error" to nginx, which counts
    // against the server and passes the request to the next one.
    if (spec_.pool) connections_->close(c.server);
    attempt_failed(now, job, CallFailure::refused);
    return;
  }
  // An answer, even an error status, is not a failure of the server (nginx's default
  // proxy_next_upstream is "error timeout"): it goes back up as it is.
  if (!c.to_vip) pool_.finished(now, c.server, false, *c.attempts);
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
  c.attempts = pool_.begin(spec_.tries, spec_.method == BalanceMethod::consistent_hash ? client_address(c.origin) : std::string());
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
      me_.ctx.trace.emit(now.to_seconds(), event::breaker_state,
                         {{"tier", me_.tier.spec.name}, {"node", me_.ctx.name(me_.host)}, {"calls", callee_.spec.name},
                          {"state", to_string(*changed)}});
  }
  if (failed && retry_ && retry_->may_retry(c.round + 1, static_cast<long>(calls_.size()), retrying_)) {
    if (c.round++ == 0) ++retrying_;
    ++me_.stats.retried;
    backoffs_.push({(now + retry_->backoff(c.round, me_.rng)).to_seconds(), job});
    return;
  }
  finish(now, job, failure, blame);
}

// The next attempt down (nginx's ngx_http_upstream_next), or the round's end when there
// is none: no live upstream (502), or the last attempt's failure.
void UpstreamCaller::attempt_next(Instant now, std::uint64_t job) {
  sync_registry(now);
  Call& c = calls_.at(job);
  const bool out_of_time = c.tries > 0 && spec_.tries_timeout > Duration() && now - c.first_try >= spec_.tries_timeout;
  std::optional<std::size_t> server = c.to_vip   ? (c.tries == 0 ? vip_instance() : std::nullopt)
                                      : out_of_time ? std::nullopt
                                                    : pool_.pick(now, *c.attempts, me_.rng);
  if (!server) {
    if (c.tries == 0) round_ended(now, job, CallFailure::no_backend, static_cast<std::int16_t>(callee_.index));
    else round_ended(now, job, c.failure, c.blame);
    return;
  }
  if (c.tries++ == 0) c.first_try = now;
  else ++me_.stats.retried;
  c.server = *server;
  if (spec_.pool && !connections_->open(*server)) {
    // A TCP handshake first: the server's kernel answers it; nothing answers for a host
    // that is down, and the attempt fails at the connect timeout.
    const std::uint64_t handshake = kHandshake | next_attempt_++;
    handshakes_.emplace(handshake, job);
    handshake_timeouts_.push({(now + spec_.pool->connect_timeout).to_seconds(), handshake});
    me_.ctx.network.send(callee_.endpoints[*server], make_message(me_.endpoint, me_.incarnation(), msg::Probe{handshake, true}),
                         kHeartbeatBytes);
    return;
  }
  send_attempt(now, job);
}

// The database instance the write IP's packets reach now: the host the ARP entry names
// (alive or not); none before any host has taken the IP.
std::optional<std::size_t> UpstreamCaller::vip_instance() const {
  const std::optional<HostId> owner = write_vip_->vip.arp_owner();
  if (!owner) return std::nullopt;
  const std::size_t i = callee_.instance_on(*owner);
  return i == TierRun::kNone ? std::nullopt : std::optional<std::size_t>(i);
}

// The request of the call's current attempt, on an open connection.
void UpstreamCaller::send_attempt(Instant now, std::uint64_t job) {
  const std::uint64_t attempt = next_attempt_++;
  attempts_.emplace(attempt, job);
  timeouts_.push({(now + spec_.timeout).to_seconds(), attempt});
  const Call& c = calls_.at(job);
  me_.ctx.network.send(callee_.endpoints[c.server],
                       make_message(me_.endpoint, me_.incarnation(), msg::Request{attempt, std::nullopt, c.origin, c.write}),
                       kRequestBytes);
}

// The current attempt timed out (reading, or connecting) or was refused: the server
// counts a failure and the next attempt begins.
void UpstreamCaller::attempt_failed(Instant now, std::uint64_t job, CallFailure why) {
  Call& c = calls_.at(job);
  c.failure = why;
  c.blame = static_cast<std::int16_t>(callee_.index);
  if (!c.to_vip) {  // a write IP is no server of the pool: nothing to mark, nothing else to try
    pool_.finished(now, c.server, true, *c.attempts);
    if (std::optional<Instant> until = pool_.skipped_until(c.server); until && *until != skipped_until_[c.server]) {
      skipped_until_[c.server] = *until;  // the pool's belief changed: the server is skipped until then
      me_.ctx.trace.emit(now.to_seconds(), event::upstream_failed,
                         {{"tier", me_.tier.spec.name}, {"node", me_.ctx.name(me_.host)}, {"server", callee_.spec.hosts[c.server]},
                          {"fails", pool_.fails(c.server)}, {"until_s", until->to_seconds()}});
    }
  }
  attempt_next(now, job);
}

// The registry's list as the caller sees it: the called tier's instances as they were
// `lag` ago.
void UpstreamCaller::sync_registry(Instant now) {
  if (!spec_.registry_lag) return;
  const auto& log = callee_.lifecycle;
  for (; registry_seen_ < log.size() && Instant::at_seconds(log[registry_seen_].at_s) + *spec_.registry_lag <= now;
       ++registry_seen_) {
    const std::size_t i = log[registry_seen_].instance;
    if (!callee_.database || callee_.database->reads[i]) pool_.set_listed(i, log[registry_seen_].alive);
  }
}

void UpstreamCaller::finish(Instant now, std::uint64_t job, CallFailure failure, std::int16_t blame) {
  auto it = calls_.find(job);
  const Call& c = it->second;
  if (c.round > 0) --retrying_;
  const bool leased = c.leased;
  if (c.accepted) {
    delivery_ended(now, c, failure == CallFailure::none);
    calls_.erase(it);
  } else {
    Outcome outcome{failure, blame, c.degraded};
    // A weak dependency that failed for good: the tier answers with its fallback.
    if (failure != CallFailure::none && spec_.weak) outcome = Outcome{CallFailure::none, -1, true};
    calls_.erase(it);
    listener_.call_done(now, job, outcome);
  }
  if (!leased) return;
  // Its connection goes to the call that has waited longest. That call may end at once
  // (its breaker refuses it) and free the connection again: a loop, not a recursion.
  ++releases_;
  if (releasing_) return;
  releasing_ = true;
  for (; releases_ > 0; --releases_)
    if (std::optional<std::uint64_t> next = connections_->release()) {
      calls_.at(*next).leased = true;
      begin_round(now, *next);
    }
  releasing_ = false;
}

// Active health checks (HAProxy): the next check an interval after this one ended, the
// interval depending on the server's health.
void UpstreamCaller::check_ended(Instant now, std::size_t server, bool passed) {
  HealthCheck& check = checks_[server];
  if (auto up = check.record(passed)) {
    pool_.set_checked_down(server, !*up);
    me_.ctx.trace.emit(now.to_seconds(), event::check_state,
                       {{"tier", me_.tier.spec.name}, {"node", me_.ctx.name(me_.host)},
                        {"server", callee_.spec.hosts[server]}, {"up", *up}});
  }
  probes_.schedule(server, now + check.interval());
}

}  // namespace halab
