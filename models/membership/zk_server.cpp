#include "models/membership/zk_server.hpp"

#include <algorithm>
#include <cmath>

namespace halab {
namespace {

ZkPacket with_txn(ZkPacket::Kind kind, const ZkTxn& txn, std::uint64_t zxid = 0) {
  ZkPacket p = ZkPacket::of(kind);
  p.txn = txn;
  p.zxid = zxid;
  return p;
}

ZkPacket notification(bool looking) {
  ZkPacket p = ZkPacket::of(ZkPacket::Kind::notification);
  p.looking = looking;
  return p;
}

// revalidate (a follower asks) and revalidated (the leader answers)
ZkPacket session_check(ZkPacket::Kind kind, std::uint32_t client, std::uint32_t generation, int timeout_ms, bool valid) {
  ZkPacket p = ZkPacket::of(kind);
  p.client = client;
  p.generation = generation;
  p.timeout_ms = timeout_ms;
  p.valid = valid;
  return p;
}

}  // namespace

ZkServer::ZkServer(const ZkConfig& config, std::uint32_t self, std::uint32_t leader, std::uint32_t clients, bool formed,
                   Instant now, Rng& rng)
    : config_(config), self_(self), leader_(leader),
      phase_ms_(static_cast<std::int64_t>(rng.next_u64() % static_cast<std::uint64_t>(config.tick_ms))),
      role_(!formed ? Role::looking : self == leader ? Role::leading : Role::following), live_(clients, formed ? 1 : 0),
      conn_(clients, Connection::none), conn_generation_(clients, 0), conn_zxid_(clients, 0), touched_(clients, 0),
      answered_(config.servers, 0), queue_(config.tick_ms, config.max_timeout(), clock(now), clients),
      sessions_(role_ == Role::leading ? clients : 0), learners_(config.servers) {
  const std::int64_t t = clock(now);
  if (role_ == Role::leading) {
    for (std::uint32_t c = 0; c < clients; ++c) {
      sessions_[c] = {1, config.negotiated_timeout(), false};
      queue_.update(c, config.negotiated_timeout(), t);
    }
    for (std::uint32_t s = 0; s < config.servers; ++s)
      if (s != self) learners_[s] = {true, t, 0};
    next_half_tick_ = t + config.tick_ms / 2;
  } else if (role_ == Role::following) {
    last_from_leader_ = t;
  } else {
    not_timeout_ms_ = config.finalize_wait_ms;
    notify_at_ = t;  // lookForLeader's first notifications, at its first turn
  }
}

std::int64_t ZkServer::clock(Instant t) const { return std::llround(t.to_seconds() * 1e3) + phase_ms_; }

Instant ZkServer::next_deadline() const {
  std::int64_t at = 0;
  switch (role_) {
    case Role::leading: at = std::min(next_half_tick_, queue_.next_expiration_ms()); break;
    case Role::following: at = last_from_leader_ + std::int64_t{config_.sync_limit} * config_.tick_ms; break;
    case Role::looking: at = notify_at_; break;
  }
  return Instant::at_seconds(static_cast<double>(at - phase_ms_) / 1e3);
}

void ZkServer::on_timer(Instant now, ZkServerOutput& out) {
  const std::int64_t t = clock(now);
  const std::int64_t sync_ms = std::int64_t{config_.sync_limit} * config_.tick_ms;
  switch (role_) {
    case Role::leading: leader_timers(t, out); break;
    case Role::following:
      if (t - last_from_leader_ >= sync_ms) go_looking(t, out);  // the Learner's read timeout
      break;
    case Role::looking:
      if (t < notify_at_) break;
      if (joining_) {  // the leader never answered: look again
        joining_ = false;
        std::fill(answered_.begin(), answered_.end(), 0);
      }
      notify_all(out);
      notify_at_ = t + not_timeout_ms_;
      not_timeout_ms_ = std::min(not_timeout_ms_ * 2, config_.max_notification_interval_ms);
      break;
  }
}

void ZkServer::notify_all(ZkServerOutput& out) {
  for (std::uint32_t s = 0; s < config_.servers; ++s)
    if (s != self_) to_server(s, notification(true), out);
}

void ZkServer::go_looking(std::int64_t t, ZkServerOutput& out) {
  role_ = Role::looking;
  for (std::uint32_t c = 0; c < conn_.size(); ++c)
    if (conn_[c] != Connection::none) {
      to_client(c, ZkPacket::of(ZkPacket::Kind::close), out);
      conn_[c] = Connection::none;
    }
  for (const ZkTouch& touch : touches_) touched_[touch.client] = 0;
  touches_.clear();
  std::fill(answered_.begin(), answered_.end(), 0);
  joining_ = false;
  not_timeout_ms_ = config_.finalize_wait_ms;
  notify_at_ = t;
  on_timer(Instant::at_seconds(static_cast<double>(t - phase_ms_) / 1e3), out);
}

void ZkServer::leader_timers(std::int64_t t, ZkServerOutput& out) {
  const std::int64_t sync_ms = std::int64_t{config_.sync_limit} * config_.tick_ms;
  while (t >= next_half_tick_) {
    if (!tick_skip_) {
      std::uint32_t synced = 1;
      for (std::uint32_t s = 0; s < learners_.size(); ++s) {
        Learner& l = learners_[s];
        if (!l.synced) continue;
        if (next_half_tick_ - l.last_heard >= sync_ms) {  // its handler's read timeout: the socket closes
          l.synced = false;
          to_server(s, ZkPacket::of(ZkPacket::Kind::close), out);
        } else {
          ++synced;
        }
      }
      if (synced < config_.quorum()) out.lost_quorum = true;  // "Not sufficient followers synced"
    }
    tick_skip_ = !tick_skip_;
    for (std::uint32_t s = 0; s < learners_.size(); ++s)
      if (learners_[s].synced) to_server(s, ZkPacket::of(ZkPacket::Kind::leader_ping), out);
    next_half_tick_ += config_.tick_ms / 2;
  }
  while (queue_.next_expiration_ms() <= t) {
    expired_.clear();
    queue_.poll(t, expired_);
    for (std::uint32_t c : expired_) {  // SessionTrackerImpl.run: setSessionClosing, then expire
      sessions_[c].closing = true;
      propose(ZkTxn{ZkTxn::Op::close, c, sessions_[c].generation, sessions_[c].timeout_ms}, t, out);
    }
  }
}

bool ZkServer::touch(std::uint32_t c, std::uint32_t generation, int timeout_ms, std::int64_t t) {
  Session& s = sessions_[c];
  if (s.generation == 0 || s.generation != generation || s.closing) return false;
  queue_.update(c, timeout_ms, t);
  return true;
}

void ZkServer::propose(const ZkTxn& txn, std::int64_t t, ZkServerOutput& out) {
  if (txn.op == ZkTxn::Op::open) {  // PrepRequestProcessor: the new session is tracked at once
    sessions_[txn.client] = {txn.generation, txn.timeout_ms, false};
    queue_.update(txn.client, txn.timeout_ms, t);
  }
  pending_.push_back({++zxid_, txn});
  for (std::uint32_t s = 0; s < learners_.size(); ++s)
    if (learners_[s].synced) to_server(s, with_txn(ZkPacket::Kind::proposal, txn, zxid_), out);
  try_commit(out);
}

void ZkServer::try_commit(ZkServerOutput& out) {
  while (!pending_.empty()) {
    const Proposal& p = pending_.front();
    std::uint32_t acks = 1;  // the leader's own
    for (const Learner& l : learners_) acks += l.synced && l.acked >= p.zxid;
    if (acks < config_.quorum()) return;
    for (std::uint32_t s = 0; s < learners_.size(); ++s)
      if (learners_[s].synced) to_server(s, with_txn(ZkPacket::Kind::commit, p.txn, p.zxid), out);
    const Proposal done = p;
    pending_.pop_front();
    apply(done.txn, done.zxid, out);
  }
}

void ZkServer::apply(const ZkTxn& txn, std::uint64_t zxid, ZkServerOutput& out) {
  const std::uint32_t c = txn.client;
  applied_zxid_ = zxid;
  if (txn.op == ZkTxn::Op::open) {
    live_[c] = txn.generation;
  } else {
    if (role_ == Role::leading && sessions_[c].generation == txn.generation) {
      sessions_[c] = {};
      queue_.remove(c);
    }
    if (live_[c] != txn.generation) return;  // a newer session of the client holds its place
    live_[c] = 0;
  }
  out.applied.push_back(txn);
  for (std::uint32_t k = 0; k < conn_.size(); ++k)
    if (conn_[k] == Connection::open) to_client(k, with_txn(ZkPacket::Kind::children, txn, zxid), out);
  if (conn_[c] == Connection::none || conn_generation_[c] != txn.generation) return;
  if (txn.op == ZkTxn::Op::open && conn_[c] == Connection::pending) {
    answer_connect(c, txn.generation, true, txn.timeout_ms, out);
  } else if (txn.op == ZkTxn::Op::close) {  // the expired session's connection is closed
    to_client(c, ZkPacket::of(ZkPacket::Kind::close), out);
    conn_[c] = Connection::none;
  }
}

ZkPacket ZkServer::connected(std::uint32_t c, std::uint32_t generation, int timeout_ms) const {
  ZkPacket p = ZkPacket::of(ZkPacket::Kind::connected);
  p.generation = generation;
  p.timeout_ms = timeout_ms;
  // setWatches with the client's last zxid: what changed since fires, and the client reads
  // the children again; nothing changed, nothing to send.
  p.zxid = applied_zxid_;
  if (timeout_ms > 0 && conn_zxid_[c] != applied_zxid_) p.live = live_;
  return p;
}

void ZkServer::answer_connect(std::uint32_t c, std::uint32_t generation, bool valid, int timeout_ms, ZkServerOutput& out) {
  to_client(c, connected(c, generation, valid ? timeout_ms : 0), out);
  conn_[c] = valid ? Connection::open : Connection::none;
}

void ZkServer::receive_client(Instant now, std::uint32_t c, const ZkPacket& p, ZkServerOutput& out) {
  const std::int64_t t = clock(now);
  if (role_ == Role::looking) {  // "ZooKeeperServer not running": the connection is closed
    if (p.kind == ZkPacket::Kind::connect) to_client(c, ZkPacket::of(ZkPacket::Kind::close), out);
    return;
  }
  if (p.kind == ZkPacket::Kind::connect) {
    if (p.zxid > applied_zxid_) {  // "Refusing session request for client as it has seen zxid …"
      to_client(c, ZkPacket::of(ZkPacket::Kind::close), out);
      return;
    }
    const int timeout = std::clamp(p.timeout_ms, config_.min_timeout(), config_.max_timeout());
    conn_[c] = Connection::pending;
    conn_generation_[c] = p.generation;
    conn_zxid_[c] = p.zxid;
    if (p.fresh) {
      const ZkTxn open{ZkTxn::Op::open, c, p.generation, timeout};
      if (role_ == Role::leading) propose(open, t, out);
      else to_server(leader_, with_txn(ZkPacket::Kind::request, open), out);
    } else if (role_ == Role::leading) {
      answer_connect(c, p.generation, touch(c, p.generation, timeout, t), timeout, out);
    } else {
      to_server(leader_, session_check(ZkPacket::Kind::revalidate, c, p.generation, timeout, false), out);
    }
    return;
  }
  if (p.kind != ZkPacket::Kind::ping || conn_[c] != Connection::open || conn_generation_[c] != p.generation) return;
  const int timeout = config_.negotiated_timeout();
  if (role_ == Role::leading) {
    touch(c, p.generation, timeout, t);
  } else if (!touched_[c]) {  // LearnerSessionTracker.touchSession: the touch table
    touched_[c] = 1;
    touches_.push_back({c, p.generation, timeout});
  }
  to_client(c, ZkPacket::of(ZkPacket::Kind::pong), out);
}

void ZkServer::receive_server(Instant now, std::uint32_t s, const ZkPacket& p, ZkServerOutput& out) {
  const std::int64_t t = clock(now);
  if (p.kind == ZkPacket::Kind::notification) {
    if (p.looking) {  // WorkerReceiver: a server that is not LOOKING answers with its vote
      if (role_ != Role::looking) to_server(s, notification(false), out);
      return;
    }
    if (role_ != Role::looking || joining_) return;
    answered_[s] = 1;
    notify_at_ = t + not_timeout_ms_;  // the poll returned: it waits anew
    const auto answers = static_cast<std::uint32_t>(std::count(answered_.begin(), answered_.end(), 1));
    if (answers >= config_.quorum() && answered_[leader_]) {  // termPredicate(outofelection) && checkLeader
      joining_ = true;
      notify_at_ = t + std::int64_t{config_.sync_limit} * config_.tick_ms;
      to_server(leader_, ZkPacket::of(ZkPacket::Kind::follower_info), out);
    }
    return;
  }
  if (role_ == Role::leading) {
    Learner& l = learners_[s];
    if (p.kind == ZkPacket::Kind::follower_info) {
      l = {true, t, applied_zxid_};
      ZkPacket snapshot = ZkPacket::of(ZkPacket::Kind::snapshot);
      snapshot.zxid = applied_zxid_;
      snapshot.live = live_;
      to_server(s, std::move(snapshot), out);
      return;
    }
    if (!l.synced) {  // a handler already shut: the follower finds its socket closed
      to_server(s, ZkPacket::of(ZkPacket::Kind::close), out);
      return;
    }
    l.last_heard = t;
    switch (p.kind) {
      case ZkPacket::Kind::follower_ping:
        for (const ZkTouch& touch_ : p.touches) touch(touch_.client, touch_.generation, touch_.timeout_ms, t);
        break;
      case ZkPacket::Kind::revalidate: {
        const bool valid = touch(p.client, p.generation, p.timeout_ms, t);
        to_server(s, session_check(ZkPacket::Kind::revalidated, p.client, p.generation, p.timeout_ms, valid), out);
        break;
      }
      case ZkPacket::Kind::request: propose(p.txn, t, out); break;
      case ZkPacket::Kind::ack:
        l.acked = std::max(l.acked, p.zxid);
        try_commit(out);
        break;
      default: break;
    }
    return;
  }
  if (role_ == Role::looking) {
    if (!joining_ || s != leader_) return;
    // Over TCP the leader's snapshot comes before the commits it sends after it; a commit
    // that comes first is from an earlier time following, which the snapshot holds.
    if (p.kind == ZkPacket::Kind::snapshot) {
      live_ = p.live;
      applied_zxid_ = p.zxid;
      role_ = Role::following;
      last_from_leader_ = t;
      joining_ = false;
    }
    return;
  }
  if (s != leader_) return;  // following
  last_from_leader_ = t;
  switch (p.kind) {
    case ZkPacket::Kind::leader_ping: {  // Follower.processPacket PING: the touch table goes back
      for (const ZkTouch& touch_ : touches_) touched_[touch_.client] = 0;
      ZkPacket reply = ZkPacket::of(ZkPacket::Kind::follower_ping);
      reply.touches = std::move(touches_);
      touches_.clear();
      to_server(leader_, std::move(reply), out);
      break;
    }
    case ZkPacket::Kind::revalidated:
      if (conn_[p.client] == Connection::pending && conn_generation_[p.client] == p.generation)
        answer_connect(p.client, p.generation, p.valid, p.timeout_ms, out);
      break;
    case ZkPacket::Kind::proposal: {  // an ACK carries the zxid alone
      ZkPacket ack = ZkPacket::of(ZkPacket::Kind::ack);
      ack.zxid = p.zxid;
      to_server(leader_, std::move(ack), out);
      break;
    }
    case ZkPacket::Kind::commit: apply(p.txn, p.zxid, out); break;
    case ZkPacket::Kind::close: go_looking(t, out); break;
    default: break;
  }
}

}  // namespace halab
