#include "models/membership/swim_member.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace halab {

namespace {
std::uint32_t deciseconds(Instant t) { return static_cast<std::uint32_t>(std::floor(t.to_seconds() * 10.0)); }
std::uint64_t below(Rng& rng, std::uint64_t n) { return n == 0 ? 0 : rng.next_u64() % n; }
constexpr int kMaxPicks = 16;  // IndirectChecks and GossipNodes at most
constexpr std::uint32_t kMaxIncarnation = (1u << 30) - 1;  // an Entry's field
}  // namespace

Duration SwimConfig::suspicion_min(std::size_t nodes) const {
  double scale = std::max(1.0, std::log10(std::max(1.0, static_cast<double>(nodes))));
  return probe_interval * (suspicion_mult * std::floor(scale * 1000.0) / 1000.0);
}

SwimMember::SwimMember(const SwimConfig& config, std::uint32_t self, std::uint32_t members, Instant start, Rng& rng)
    : config_(config), self_(self), members_(members), table_(members), known_(members),
      dead_for_ds_(deciseconds(Instant::at_seconds(0) + config.gossip_to_the_dead)), queue_(config.retransmit_mult) {
  config_.indirect_checks = std::clamp(config_.indirect_checks, 0, kMaxPicks);
  config_.gossip_nodes = std::clamp(config_.gossip_nodes, 0, kMaxPicks);
  // triggerFunc: each ticker starts after a random stagger within its interval.
  probe_phase_ = start + config_.probe_interval * rng.uniform01();
  gossip_phase_ = start + config_.gossip_interval * rng.uniform01();
  next_probe_ = probe_phase_;
  reset_probe_order(start, rng);
}

Instant SwimMember::tick_after(Instant t, Instant phase, Duration interval) const {
  if (t < phase) return phase;
  double k = std::floor((t - phase).to_seconds() / interval.to_seconds());
  Instant tick = phase + interval * k;
  while (tick <= t) tick = phase + interval * ++k;  // strictly after t, whatever the rounding
  return tick;
}

Instant SwimMember::next_deadline() const {
  Instant next = probe_.active ? (probe_.indirect_sent ? probe_.deadline : std::min(probe_.indirect_at, probe_.deadline))
                               : next_probe_;
  if (!queue_.empty()) next = std::min(next, gossip_due_);
  next = std::min(next, next_suspicion_deadline_);
  if (join_.active) next = std::min(next, join_.deadline);
  for (const Relay& r : relays_) next = std::min(next, r.deadline);
  return next;
}

void SwimMember::on_timer(Instant now, Rng& rng, SwimOutput& out) {
  // Until nothing is due: a failed probe's suspicion may confirm one whose shortened
  // timeout has already passed (memberlist then fires it at once).
  do run_due(now, rng, out);
  while (next_deadline() <= now);
}

void SwimMember::run_due(Instant now, Rng& rng, SwimOutput& out) {
  // A relayed ping unanswered within the probe timeout: nack to whoever asked.
  for (std::size_t i = 0; i < relays_.size();) {
    if (relays_[i].deadline <= now) {
      send(out, relays_[i].origin, SwimPacket::Kind::nack, relays_[i].origin_seq, 0, true);
      relays_[i] = relays_.back();
      relays_.pop_back();
    } else {
      ++i;
    }
  }
  // Suspicions timed out: dead, as this member declares it.
  if (next_suspicion_deadline_ <= now) {
    for (std::size_t i = 0; i < suspicions_.size();) {
      if (suspicions_[i].deadline() <= now) {
        std::uint32_t node = suspicions_[i].node();
        suspicions_[i] = suspicions_.back();
        suspicions_.pop_back();
        on_dead(now, {SwimUpdate::Kind::dead, node, table_[node].incarnation, self_}, out);
      } else {
        ++i;
      }
    }
    find_next_suspicion_deadline();
  }
  if (join_.active && join_.deadline <= now) try_join(now, out);  // no answer: the next member
  if (probe_.active && !probe_.indirect_sent && probe_.indirect_at <= now && probe_.deadline > now)
    send_ping_reqs(rng, out);
  if (probe_.active && probe_.deadline <= now) end_probe(now, false, out);
  if (!probe_.active && next_probe_ <= now) start_probe(now, rng, out);
  if (!queue_.empty() && gossip_due_ <= now) {
    gossip(now, rng, out);
    gossip_due_ = tick_after(now, gossip_phase_, config_.gossip_interval);
  }
}

void SwimMember::reset_probe_order(Instant now, Rng& rng) {
  // resetNodes: forget the members dead for longer than GossipToTheDeadTime; re-draw the order.
  std::uint32_t now_ds = deciseconds(now);
  for (Entry& e : table_) {
    if (e.status == SwimStatus::dead && now_ds - e.changed_ds > dead_for_ds_) {
      e.incarnation = 0;
      e.status = SwimStatus::forgotten;
      e.changed_ds = now_ds;
      --known_;
    }
  }
  order_ = draw_order(rng);
  order_position_ = 0;
}

SwimMember::Order SwimMember::draw_order(Rng& rng) const {
  Order o;
  do {
    o.a = 1 + below(rng, std::max<std::uint32_t>(members_, 2) - 1);
  } while (members_ > 1 && std::gcd(o.a, static_cast<std::uint64_t>(members_)) != 1);
  o.b = below(rng, members_);
  return o;
}

std::uint32_t SwimMember::probe_order(std::uint32_t position) const {
  return order_.at(position, members_);
}

bool SwimMember::probeable(std::uint32_t node) const {
  return node != self_ && (table_[node].status == SwimStatus::alive || table_[node].status == SwimStatus::suspect);
}

void SwimMember::start_probe(Instant now, Rng& rng, SwimOutput& out) {
  // The ticker's next tick; a probe that ends after it starts the next one at its end.
  next_probe_ = tick_after(now, probe_phase_, config_.probe_interval);
  for (std::uint32_t checks = 0; checks < 2 * members_;) {
    if (order_position_ >= members_) {
      reset_probe_order(now, rng);
      ++checks;
      continue;
    }
    std::uint32_t node = probe_order(order_position_++);
    if (!probeable(node)) {
      ++checks;
      continue;
    }
    probe_ = Probe{true, false, node, ++seq_, table_[node].incarnation, now + config_.probe_timeout,
                   now + config_.probe_interval * (awareness_ + 1), 0, 0};
    bool suspect = table_[node].status == SwimStatus::suspect;
    SwimSend& ping = send(out, node, SwimPacket::Kind::ping, probe_.seq, node, !suspect);
    if (suspect)  // a suspect is told of its suspicion, so that it can refute it
      ping.packet.updates[ping.packet.updates_count++] = {SwimUpdate::Kind::suspect, node, probe_.incarnation, self_};
    return;
  }
}

void SwimMember::send_ping_reqs(Rng& rng, SwimOutput& out) {
  probe_.indirect_sent = true;
  std::array<std::uint32_t, kMaxPicks> peers{};
  int n = random_members(config_.indirect_checks, rng,
                         [&](std::uint32_t m) { return m != probe_.target && table_[m].status == SwimStatus::alive; },
                         peers.data());
  for (int i = 0; i < n; ++i) send(out, peers[static_cast<std::size_t>(i)], SwimPacket::Kind::ping_req, probe_.seq, probe_.target, true);
  probe_.expected_nacks = n;
}

void SwimMember::end_probe(Instant now, bool answered, SwimOutput& out) {
  probe_.active = false;
  next_probe_ = std::max(next_probe_, now);
  if (answered) {
    apply_awareness(-1);
    return;
  }
  apply_awareness(probe_.expected_nacks > 0 ? std::max(0, probe_.expected_nacks - probe_.nacks) : 1);
  on_suspect(now, {SwimUpdate::Kind::suspect, probe_.target, probe_.incarnation, self_}, out);
}

void SwimMember::gossip(Instant now, Rng& rng, SwimOutput& out) {
  std::array<std::uint32_t, kMaxPicks> peers{};
  std::uint32_t now_ds = deciseconds(now);
  int n = random_members(config_.gossip_nodes, rng,
                         [&](std::uint32_t m) {
                           const Entry& e = table_[m];
                           return e.status == SwimStatus::alive || e.status == SwimStatus::suspect ||
                                  (e.status == SwimStatus::dead && now_ds - e.changed_ds <= dead_for_ds_);
                         },
                         peers.data());
  for (int i = 0; i < n && !queue_.empty(); ++i) {
    SwimSend& s = send(out, peers[static_cast<std::size_t>(i)], SwimPacket::Kind::gossip, 0, 0, true);
    if (s.packet.updates_count == 0) {
      out.sends.pop_back();
      return;
    }
  }
}

template <class Eligible>
int SwimMember::random_members(int k, Rng& rng, Eligible eligible, std::uint32_t* chosen) const {
  int n = 0;
  auto take = [&](std::uint32_t m) {
    if (m == self_ || !eligible(m)) return;
    for (int j = 0; j < n; ++j)
      if (chosen[j] == m) return;
    chosen[n++] = m;
  };
  if (members_ < static_cast<std::uint32_t>(3 * k)) {
    // Few members: an exhaustive pass in a random order.
    Order order = draw_order(rng);
    for (std::uint32_t p = 0; p < members_ && n < k; ++p) take(order.at(p, members_));
    return n;
  }
  for (std::uint32_t tries = 0; tries < 3 * members_ && n < k; ++tries)
    take(static_cast<std::uint32_t>(below(rng, members_)));
  return n;
}

SwimSend& SwimMember::send(SwimOutput& out, std::uint32_t to, SwimPacket::Kind kind, std::uint32_t seq,
                           std::uint32_t target, bool piggyback) {
  SwimSend& s = out.sends.emplace_back();
  s.to = to;
  s.packet.kind = kind;
  s.packet.seq = seq;
  s.packet.target = target;
  s.packet.updates_count = 0;
  if (piggyback) {
    int used = SwimPacket::kCompoundHeaderBytes + (kind == SwimPacket::Kind::gossip ? 0 : SwimPacket::kPerMessageBytes + s.packet.bytes());
    queue_.fill(s.packet, SwimPacket::kBufferBytes - used, known_);
  }
  return s;
}

void SwimMember::receive(Instant now, std::uint32_t from, const SwimPacket& packet, Rng&, SwimOutput& out) {
  switch (packet.kind) {
    case SwimPacket::Kind::ping:
      if (packet.target == self_) send(out, from, SwimPacket::Kind::ack, packet.seq, 0, true);
      break;
    case SwimPacket::Kind::ack:
      if (probe_.active && packet.seq == probe_.seq) {
        end_probe(now, true, out);
        break;
      }
      for (std::size_t i = 0; i < relays_.size(); ++i) {
        if (relays_[i].seq == packet.seq) {
          send(out, relays_[i].origin, SwimPacket::Kind::ack, relays_[i].origin_seq, 0, true);
          relays_[i] = relays_.back();
          relays_.pop_back();
          break;
        }
      }
      break;
    case SwimPacket::Kind::nack:
      if (probe_.active && packet.seq == probe_.seq) ++probe_.nacks;
      break;
    case SwimPacket::Kind::ping_req: {
      std::uint32_t seq = ++seq_;
      relays_.push_back({from, packet.seq, seq, now + config_.probe_timeout});
      send(out, packet.target, SwimPacket::Kind::ping, seq, packet.target, true);
      break;
    }
    case SwimPacket::Kind::gossip: break;
  }
  for (std::uint8_t i = 0; i < packet.updates_count; ++i) {
    const SwimUpdate& u = packet.updates[i];
    if (u.node >= members_) continue;
    switch (u.kind) {
      case SwimUpdate::Kind::alive: on_alive(now, u, out); break;
      case SwimUpdate::Kind::suspect: on_suspect(now, u, out); break;
      case SwimUpdate::Kind::dead: on_dead(now, u, out); break;
    }
  }
}

void SwimMember::join(Instant now, Rng& rng, SwimOutput& out) {
  // setAlive: the member announces itself at its next incarnation, 1 for a new process.
  Entry& me = table_[self_];
  if (me.incarnation == 0) me.incarnation = 1;
  if (members_ < 2) return;
  join_ = Join{true, 0, 0, draw_order(rng), Instant::never()};
  try_join(now, out);
}

void SwimMember::try_join(Instant now, SwimOutput& out) {
  // Serf's rejoin: the members one at a time, in a random order; after the last, again
  // (an agent's retry_join).
  for (;;) {
    if (join_.position >= members_) join_.position = 0;
    std::uint32_t m = join_.order.at(join_.position++, members_);
    if (m == self_) continue;
    join_.target = m;
    join_.deadline = now + config_.tcp_timeout;
    push_pull(m, false, out);
    return;
  }
}

void SwimMember::push_pull(std::uint32_t to, bool reply, SwimOutput& out) const {
  SwimPushPull& pp = out.push_pulls.emplace_back();
  pp.to = to;
  pp.reply = reply;
  for (std::uint32_t n = 0; n < members_; ++n)
    if (table_[n].status != SwimStatus::forgotten) pp.states.push_back({n, table_[n].incarnation, table_[n].status});
}

void SwimMember::receive_state(Instant now, std::uint32_t from, const SwimPushPull& pp, SwimOutput& out) {
  if (!pp.reply) {  // handlePushPull: this member's view goes out before the joiner's is merged
    push_pull(from, true, out);
    merge_state(now, pp.states, out);
    return;
  }
  // The answer to this member's join; one after its timeout came on a closed connection.
  if (!join_.active || from != join_.target) return;
  join_.active = false;
  merge_state(now, pp.states, out);
}

void SwimMember::merge_state(Instant now, const std::vector<SwimNodeState>& states, SwimOutput& out) {
  // mergeState: the remote's dead members are only suspected here.
  for (const SwimNodeState& st : states) {
    if (st.node >= members_) continue;
    if (st.status == SwimStatus::alive) on_alive(now, {SwimUpdate::Kind::alive, st.node, st.incarnation, st.node}, out);
    else on_suspect(now, {SwimUpdate::Kind::suspect, st.node, st.incarnation, self_}, out);
  }
}

void SwimMember::on_alive(Instant now, const SwimUpdate& u, SwimOutput& out) {
  Entry& e = table_[u.node];
  bool local = u.node == self_;
  if (u.incarnation <= e.incarnation && !local) return;
  if (u.incarnation < e.incarnation && local) return;
  drop_suspicion(u.node);
  if (local) {
    if (u.incarnation != e.incarnation) refute(now, u.incarnation);
    return;
  }
  broadcast(now, u);
  if (e.status == SwimStatus::forgotten) ++known_;
  e.incarnation = u.incarnation & kMaxIncarnation;
  if (e.status != SwimStatus::alive) set_status(now, u.node, SwimStatus::alive, out);
}

void SwimMember::on_suspect(Instant now, const SwimUpdate& u, SwimOutput& out) {
  Entry& e = table_[u.node];
  if (e.status == SwimStatus::forgotten || u.incarnation < e.incarnation) return;
  if (SwimSuspicion* s = suspicion_of(u.node)) {
    if (s->confirm(u.from)) {
      next_suspicion_deadline_ = std::min(next_suspicion_deadline_, s->deadline());
      broadcast(now, u);
    }
    return;
  }
  if (e.status != SwimStatus::alive || !accept_accusation(now, u, SwimStatus::suspect, out)) return;
  int k = config_.suspicion_mult - 2;
  if (static_cast<int>(known_) - 2 < k) k = 0;
  Duration min = config_.suspicion_min(known_);
  const SwimSuspicion& s = suspicions_.emplace_back(u.node, u.from, now, k, min, min * config_.suspicion_max_timeout_mult);
  next_suspicion_deadline_ = std::min(next_suspicion_deadline_, s.deadline());
}

void SwimMember::on_dead(Instant now, const SwimUpdate& u, SwimOutput& out) {
  Entry& e = table_[u.node];
  if (e.status == SwimStatus::forgotten || u.incarnation < e.incarnation) return;
  drop_suspicion(u.node);
  if (e.status == SwimStatus::dead) return;
  accept_accusation(now, u, SwimStatus::dead, out);
}

bool SwimMember::accept_accusation(Instant now, const SwimUpdate& u, SwimStatus status, SwimOutput& out) {
  if (u.node == self_) {  // not about this member: it refutes instead
    refute(now, u.incarnation);
    return false;
  }
  broadcast(now, u);
  table_[u.node].incarnation = u.incarnation & kMaxIncarnation;
  set_status(now, u.node, status, out);
  return true;
}

void SwimMember::refute(Instant now, std::uint32_t accused_incarnation) {
  Entry& me = table_[self_];
  std::uint32_t inc = me.incarnation + 1;
  if (accused_incarnation >= inc) inc = accused_incarnation + 1;
  me.incarnation = inc & kMaxIncarnation;
  apply_awareness(1);
  broadcast(now, {SwimUpdate::Kind::alive, self_, me.incarnation, self_});
}

void SwimMember::broadcast(Instant now, const SwimUpdate& u) {
  if (queue_.empty()) gossip_due_ = tick_after(now, gossip_phase_, config_.gossip_interval);
  queue_.push(u);
}

void SwimMember::set_status(Instant now, std::uint32_t node, SwimStatus status, SwimOutput& out) {
  const SwimStatus before = table_[node].status;
  table_[node].status = status;
  table_[node].changed_ds = deciseconds(now);
  out.changes.push_back({node, status, table_[node].incarnation, before});
}

SwimSuspicion* SwimMember::suspicion_of(std::uint32_t node) {
  if (table_[node].status != SwimStatus::suspect) return nullptr;
  for (SwimSuspicion& s : suspicions_)
    if (s.node() == node) return &s;
  return nullptr;
}

void SwimMember::drop_suspicion(std::uint32_t node) {
  // A suspicion exists only while its node is suspect (it is dropped whenever the status
  // leaves suspect): no scan for the alive and dead messages about anyone else.
  if (table_[node].status != SwimStatus::suspect) return;
  for (std::size_t i = 0; i < suspicions_.size(); ++i) {
    if (suspicions_[i].node() == node) {
      const Instant deadline = suspicions_[i].deadline();
      suspicions_[i] = suspicions_.back();
      suspicions_.pop_back();
      if (deadline == next_suspicion_deadline_) find_next_suspicion_deadline();
      return;
    }
  }
}

void SwimMember::find_next_suspicion_deadline() {
  next_suspicion_deadline_ = Instant::never();
  for (const SwimSuspicion& s : suspicions_) next_suspicion_deadline_ = std::min(next_suspicion_deadline_, s.deadline());
}

void SwimMember::apply_awareness(int delta) {
  awareness_ = std::clamp(awareness_ + delta, 0, std::max(0, config_.awareness_max_multiplier - 1));
}

}  // namespace halab
