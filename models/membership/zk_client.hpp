// One ZooKeeper 3.8 client's session and connection (zookeeper-server/.../ClientCnxn.java
// SendThread.run, startConnect, onConnected; client/StaticHostProvider.java next and
// onConnected; release 3.8.0), and its view of the group: the children of the group's znode,
// as its child watch and its reconnections report them.
//
// - Servers are tried in a shuffled order, one after another. After the last server it was
//   connected to comes round again, the next attempt first sleeps 1 s (next(1000)), and
//   every attempt but the first ever sleeps a random 0–999 ms (startConnect).
// - An attempt that hears nothing for connectTimeout (the negotiated timeout / servers) is
//   dropped for the next server; a server that refuses (it does not serve) is left at once.
// - Connected, the client pings when readTimeout / 2 has passed since it last sent
//   (readTimeout = 2/3 of the negotiated timeout; less 1 s once more than 1 s has passed, as
//   the loop computes it, and always after 10 s), and drops the connection when it has
//   heard nothing for readTimeout — then reconnects with its session to the next server.
// - A reconnection the ensemble answers with timeout 0 means the session has expired: the
//   application (Curator's ConnectionStateManager on LOST) opens a new session at once, from
//   a new ZooKeeper handle (a fresh shuffle, no sleep before its first attempt), and its
//   ephemeral node with it.
// - The view: the live session (generation) of every client, moved by a persistent
//   recursive watch on the group's znode (addWatch PERSISTENT_RECURSIVE, ZooKeeper 3.6+, as
//   Curator's CuratorCache sets it: each child's creation and deletion is an event with its
//   path), and caught up on each (re)connection — setWatches with the last zxid it saw, the
//   server sending the children when it has applied more. Disconnected, it stays as it was.
//
// Not modelled: read-only mode, SASL, requests other than pings (an idle client).
#pragma once

#include "models/membership/zk_config.hpp"
#include "models/membership/zk_packet.hpp"
#include "models/rng.hpp"
#include "models/time.hpp"

#include <cstdint>
#include <vector>

namespace halab {

struct ZkClientSend {
  std::uint32_t server = 0;
  ZkPacket packet;
};

// The client's view of `node` changed: its ephemeral node appeared (alive) or went.
struct ZkViewChange {
  std::uint32_t node = 0;
  bool alive = true;
};

struct ZkClientOutput {
  std::vector<ZkClientSend> sends;
  std::vector<ZkViewChange> changes;
  bool expired = false;  // the ensemble said its session had expired (a new one is opening)
  void clear() {
    sends.clear();
    changes.clear();
    expired = false;
  }
};

class ZkClient {
public:
  enum class State : std::uint8_t { sleeping, connecting, connected };

  // Client `self` of `clients`, with session `generation`: already open, with every
  // client's first session in its view (the run's first clients: each connects at a moment
  // drawn within its first ping period, so that their pings are not in step), or to be
  // opened (at once).
  ZkClient(const ZkConfig& config, std::uint32_t self, std::uint32_t clients, std::uint32_t generation, bool open,
           Instant now, Rng& rng);

  Instant next_deadline() const { return deadline_; }
  void on_timer(Instant now, Rng& rng, ZkClientOutput& out);
  void receive(Instant now, std::uint32_t server, const ZkPacket& packet, Rng& rng, ZkClientOutput& out);

  State state() const { return state_; }
  // The server it is connected or connecting to, or tries next.
  std::uint32_t server() const { return order_[current_ < 0 ? 0 : current_]; }
  std::uint32_t generation() const { return generation_; }
  // Whether it has a view yet (a new process has none before its first connection).
  bool has_view() const { return has_view_; }
  bool holds(std::uint32_t node) const { return view_[node] != 0; }

private:
  static std::int64_t ms(Instant t);
  void loop(std::int64_t now, Rng& rng, ZkClientOutput& out);
  void next_server(std::int64_t now, Rng& rng);
  void disconnect(std::int64_t now);
  void set_view(std::uint32_t node, std::uint32_t generation, ZkClientOutput& out);
  void on_event(const ZkPacket& p, ZkClientOutput& out);  // a watch event, applied once, in zxid order
  void new_handle(Rng& rng);

  ZkConfig config_;
  std::uint32_t self_;
  std::uint32_t generation_;
  bool fresh_;  // no session yet: the next connect opens one
  State state_ = State::sleeping;
  std::vector<std::uint32_t> order_;  // the shuffled servers
  int current_ = -1;                  // StaticHostProvider.currentIndex
  int last_index_ = -1;               // … lastIndex
  bool first_connect_ = true;         // SendThread.isFirstConnect
  int read_timeout_ms_ = 0;     // set by new_handle, then by each connection's answer
  int connect_timeout_ms_ = 0;
  std::int64_t wake_ms_ = 0;  // sleeping: when the attempt starts
  std::int64_t last_send_ = 0;
  std::int64_t last_heard_ = 0;
  Instant deadline_;
  bool has_view_;
  std::uint64_t last_zxid_ = 0;  // the last transaction its view has seen
  // A new process's view before its first connection: everyone taken as alive, so that
  // the first view reports who is not (what a tally of views counts from).
  static constexpr std::uint32_t kAssumedAlive = 0xffffffffu;
  std::vector<std::uint32_t> view_;  // per client: the live session's generation, 0 if none
};

}  // namespace halab
