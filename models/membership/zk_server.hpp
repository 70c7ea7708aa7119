// One server of a ZooKeeper 3.8 ensemble, for what decides its clients' sessions (release
// 3.8.0: server/SessionTrackerImpl.java, ExpiryQueue.java, ZooKeeperServer.java
// processConnectRequest and revalidateSession; quorum/Leader.java lead, LearnerHandler.java,
// Learner.java, Follower.java, LearnerSessionTracker.java; FastLeaderElection.java).
//
// - The leader tracks every session (ZkExpiryQueue, interval tickTime): a touch moves the
//   session's expiry to roundToNextInterval(now + timeout); at each bucket's time the whole
//   bucket expires: each session is marked closing (touches no longer count) and its
//   closeSession is proposed.
// - A client's ping touches its session at the server it is connected to: at the leader at
//   once; at a follower in its touch table, which it sends the leader in its reply to the
//   leader's PING (every tickTime / 2), where each is touched.
// - Transactions (a session opened, a session closed) are proposed by the leader to its
//   synced followers, acknowledged, and committed once a quorum (the leader included) has
//   acknowledged, in order. Every server applies a commit to its data tree, then fires the
//   child watches of its connected clients; a closed session's client, if connected there,
//   has its connection closed.
// - Connecting: a fresh connect opens a session (a follower forwards it to the leader) and is
//   answered once the opening is committed there; a reconnect with a session is revalidated
//   (a follower asks the leader, which touches it) and answered with the negotiated timeout,
//   or 0 when the session is gone or closing; with the group's children when the client's
//   last zxid is not the server's (setWatches). A server that does not serve (LOOKING), or
//   is behind the zxid the client has seen, refuses.
// - A follower that hears nothing from the leader for syncLimit × tickTime (its socket's
//   read timeout) leaves it: it goes LOOKING and closes its clients' connections. The leader
//   drops a follower it has not heard from for as long.
// - LOOKING (FastLeaderElection.lookForLeader): notifications to every other server, again
//   after each notification timeout without an answer (from finalizeWait, 200 ms, doubling
//   up to maxNotificationInterval, 60 s); servers that are not LOOKING answer with their
//   vote. A quorum of them naming the leader, the leader among them, and it joins: it asks
//   the leader (FOLLOWERINFO) and takes the leader's state (the sync, taken as one round).
// - Packets between two servers, and between a client and its server, arrive in the order
//   sent (TCP; the lab's network sends them as streams).
//
// Not modelled: electing a new leader. The leader is the ensemble's highest id (what
// FastLeaderElection elects from equal histories) and stays: the scenario reader refuses
// faults that would take it away or cut it from a quorum, and a leader that loses its quorum
// anyway (lost packets) reports it (ZkServerOutput::lost_quorum) instead of electing.
// Observers, local sessions, reconfiguration, the transaction log's fsync.
#pragma once

#include "models/membership/zk_config.hpp"
#include "models/membership/zk_expiry_queue.hpp"
#include "models/membership/zk_packet.hpp"
#include "models/rng.hpp"
#include "models/time.hpp"

#include <cstdint>
#include <deque>
#include <vector>

namespace halab {

struct ZkServerSend {
  bool to_client = false;  // else to a server
  std::uint32_t to = 0;
  ZkPacket packet;
};

struct ZkServerOutput {
  std::vector<ZkServerSend> sends;
  std::vector<ZkTxn> applied;  // committed here, in order
  bool lost_quorum = false;    // the leader heard too few followers for syncLimit ticks
  void clear() {
    sends.clear();
    applied.clear();
    lost_quorum = false;
  }
};

class ZkServer {
public:
  enum class Role : std::uint8_t { looking, following, leading };

  // Server `self` of the ensemble led by `leader`, serving `clients` clients. `formed`: the
  // run's first servers — synced, every client's first session (generation 1) open and
  // touched now. Otherwise it starts LOOKING with an empty tree (a restarted server).
  ZkServer(const ZkConfig& config, std::uint32_t self, std::uint32_t leader, std::uint32_t clients, bool formed,
           Instant now, Rng& rng);

  Instant next_deadline() const;
  void on_timer(Instant now, ZkServerOutput& out);
  void receive_client(Instant now, std::uint32_t client, const ZkPacket& p, ZkServerOutput& out);
  void receive_server(Instant now, std::uint32_t server, const ZkPacket& p, ZkServerOutput& out);

  Role role() const { return role_; }
  // The leader only: when the session of `client` expires (its bucket), or -1.
  std::int64_t expiry_ms(std::uint32_t client) const { return queue_.expiry_ms(client); }
  std::uint32_t live(std::uint32_t client) const { return live_[client]; }

private:
  struct Session {
    std::uint32_t generation = 0;  // 0: none
    int timeout_ms = 0;
    bool closing = false;
  };
  struct Learner {
    bool synced = false;
    std::int64_t last_heard = 0;
    std::uint64_t acked = 0;
  };
  struct Proposal {
    std::uint64_t zxid = 0;
    ZkTxn txn;
  };
  enum class Connection : std::uint8_t { none, pending, open };

  std::int64_t clock(Instant t) const;  // the server's elapsed-time milliseconds
  void to_client(std::uint32_t c, ZkPacket p, ZkServerOutput& out) { out.sends.push_back({true, c, std::move(p)}); }
  void to_server(std::uint32_t s, ZkPacket p, ZkServerOutput& out) { out.sends.push_back({false, s, std::move(p)}); }
  ZkPacket connected(std::uint32_t c, std::uint32_t generation, int timeout_ms) const;
  void answer_connect(std::uint32_t c, std::uint32_t generation, bool valid, int timeout_ms, ZkServerOutput& out);

  // leader
  bool touch(std::uint32_t c, std::uint32_t generation, int timeout_ms, std::int64_t now);
  void propose(const ZkTxn& txn, std::int64_t now, ZkServerOutput& out);
  void try_commit(ZkServerOutput& out);
  void leader_timers(std::int64_t now, ZkServerOutput& out);
  // every server
  void apply(const ZkTxn& txn, std::uint64_t zxid, ZkServerOutput& out);
  void go_looking(std::int64_t now, ZkServerOutput& out);
  void notify_all(ZkServerOutput& out);

  ZkConfig config_;
  std::uint32_t self_;
  std::uint32_t leader_;
  std::int64_t phase_ms_;  // the elapsed-time clock's origin, drawn
  Role role_;
  std::vector<std::uint32_t> live_;  // the data tree: per client, its live session's generation or 0
  std::vector<Connection> conn_;     // per client: its connection to this server
  std::vector<std::uint32_t> conn_generation_;
  std::vector<std::uint64_t> conn_zxid_;  // the last zxid the connecting client had seen
  std::uint64_t applied_zxid_ = 0;        // the last transaction applied here

  // follower
  std::int64_t last_from_leader_ = 0;
  std::vector<ZkTouch> touches_;  // the touch table, sent with the next PING reply
  std::vector<char> touched_;

  // looking
  int not_timeout_ms_ = 0;
  std::int64_t notify_at_ = 0;
  std::vector<char> answered_;  // servers not LOOKING that named the leader
  bool joining_ = false;

  // leader
  ZkExpiryQueue queue_;
  std::vector<Session> sessions_;
  std::vector<Learner> learners_;
  std::deque<Proposal> pending_;
  std::uint64_t zxid_ = 0;
  std::int64_t next_half_tick_ = 0;
  bool tick_skip_ = true;
  std::vector<std::uint32_t> expired_;  // scratch
};

}  // namespace halab
