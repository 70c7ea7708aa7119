#include "models/membership/zk_client.hpp"

#include <cmath>
#include <numeric>

namespace halab {

ZkClient::ZkClient(const ZkConfig& config, std::uint32_t self, std::uint32_t clients, std::uint32_t generation,
                   bool open, Instant now, Rng& rng)
    : config_(config), self_(self), generation_(generation), fresh_(!open),
      has_view_(open),
      view_(clients, open ? 1u : kAssumedAlive) {
  new_handle(rng);
  wake_ms_ = -1;  // the loop picks the first server at once …
  deadline_ = now;
  if (open) {  // … or, for the run's first clients, at a moment of their first ping period
    read_timeout_ms_ = config.negotiated_timeout() * 2 / 3;
    connect_timeout_ms_ = config.negotiated_timeout() / static_cast<int>(config.servers);
    deadline_ = now + Duration::millis(static_cast<double>(rng.next_u64() % static_cast<std::uint64_t>(read_timeout_ms_ / 2)));
  }
}

std::int64_t ZkClient::ms(Instant t) { return std::llround(t.to_seconds() * 1e3); }

void ZkClient::new_handle(Rng& rng) {
  order_.resize(config_.servers);
  std::iota(order_.begin(), order_.end(), 0u);
  for (std::size_t i = order_.size(); i > 1; --i)  // Collections.shuffle
    std::swap(order_[i - 1], order_[rng.next_u64() % i]);
  current_ = -1;
  last_index_ = -1;
  first_connect_ = true;
  // ZooKeeper's constructor: the requested timeout until a server negotiates one.
  read_timeout_ms_ = config_.session_timeout_ms * 2 / 3;
  connect_timeout_ms_ = config_.session_timeout_ms / static_cast<int>(config_.servers);
}

void ZkClient::on_timer(Instant now, Rng& rng, ZkClientOutput& out) {
  if (now < deadline_) return;
  loop(ms(now), rng, out);
}

void ZkClient::next_server(std::int64_t now, Rng& rng) {
  // StaticHostProvider.next(1000)
  if (++current_ == static_cast<int>(order_.size())) current_ = 0;
  const bool spin = current_ == last_index_;
  if (last_index_ == -1) last_index_ = 0;
  std::int64_t sleep = spin ? 1000 : 0;
  if (!first_connect_) sleep += static_cast<std::int64_t>(rng.next_u64() % 1000);  // startConnect
  wake_ms_ = now + sleep;
  state_ = State::sleeping;
}

void ZkClient::on_event(const ZkPacket& p, ZkClientOutput& out) {
  if (p.zxid <= last_zxid_) return;  // the answer's children held it already
  last_zxid_ = p.zxid;
  if (p.txn.op == ZkTxn::Op::open) set_view(p.txn.client, p.txn.generation, out);
  else if (view_[p.txn.client] == p.txn.generation) set_view(p.txn.client, 0, out);
}

void ZkClient::disconnect(std::int64_t now) {
  // cleanAndNotifyState: the connection's timers start over
  last_send_ = last_heard_ = now;
  state_ = State::sleeping;
  wake_ms_ = -1;  // the loop picks the next server
}

void ZkClient::loop(std::int64_t now, Rng& rng, ZkClientOutput& out) {
  for (;;) {
    if (state_ == State::sleeping) {
      if (wake_ms_ < 0) {
        next_server(now, rng);
        continue;
      }
      if (now < wake_ms_) {
        deadline_ = Instant::at_seconds(static_cast<double>(wake_ms_) / 1e3);
        return;
      }
      ZkPacket connect = ZkPacket::of(ZkPacket::Kind::connect);
      connect.generation = generation_;
      connect.fresh = fresh_;
      connect.timeout_ms = config_.session_timeout_ms;
      connect.zxid = last_zxid_;
      out.sends.push_back({order_[current_], std::move(connect)});
      first_connect_ = false;  // primeConnection
      last_send_ = last_heard_ = now;
      state_ = State::connecting;
      continue;
    }
    const std::int64_t idle_recv = now - last_heard_;
    const std::int64_t idle_send = now - last_send_;
    std::int64_t to = (state_ == State::connected ? read_timeout_ms_ : connect_timeout_ms_) - idle_recv;
    if (to <= 0) {  // ConnectionLossException: "Client session timed out, have not heard from server"
      disconnect(now);
      continue;
    }
    if (state_ == State::connected) {
      const std::int64_t next_ping = read_timeout_ms_ / 2 - idle_send - (idle_send > 1000 ? 1000 : 0);
      if (next_ping <= 0 || idle_send > 10000) {  // MAX_SEND_PING_INTERVAL
        ZkPacket ping = ZkPacket::of(ZkPacket::Kind::ping);
        ping.generation = generation_;
        out.sends.push_back({order_[current_], std::move(ping)});
        last_send_ = now;
      } else {
        to = std::min(to, next_ping);
      }
    }
    deadline_ = Instant::at_seconds(static_cast<double>(now + to) / 1e3);
    return;
  }
}

void ZkClient::set_view(std::uint32_t node, std::uint32_t generation, ZkClientOutput& out) {
  const bool was = view_[node] != 0;
  view_[node] = generation;
  if (node != self_ && was != (generation != 0)) out.changes.push_back({node, generation != 0});
}

void ZkClient::receive(Instant at, std::uint32_t server, const ZkPacket& p, Rng& rng, ZkClientOutput& out) {
  if (state_ == State::sleeping || server != order_[current_]) return;  // a connection it has left
  const std::int64_t now = ms(at);
  last_heard_ = now;
  switch (p.kind) {
    case ZkPacket::Kind::connected:
      if (p.timeout_ms <= 0) {  // SessionExpiredException: a new handle, a new session
        out.expired = true;
        ++generation_;
        fresh_ = true;
        new_handle(rng);
        state_ = State::sleeping;
        wake_ms_ = -1;
        break;
      }
      fresh_ = false;
      read_timeout_ms_ = p.timeout_ms * 2 / 3;  // onConnected
      connect_timeout_ms_ = p.timeout_ms / static_cast<int>(config_.servers);
      last_index_ = current_;
      state_ = State::connected;
      has_view_ = true;
      for (std::uint32_t node = 0; node < p.live.size() && node < view_.size(); ++node) set_view(node, p.live[node], out);
      last_zxid_ = p.zxid;
      break;
    case ZkPacket::Kind::children:
      // Over TCP a server's answer comes before its events: one that comes while connecting
      // is from a connection already left.
      if (state_ == State::connected) on_event(p, out);
      break;
    case ZkPacket::Kind::close:
      disconnect(now);
      break;
    default:
      break;
  }
  loop(now, rng, out);
}

}  // namespace halab
