// What a ZooKeeper 3.8 ensemble and its clients send each other, reduced to what decides
// sessions and group membership (the packets of ClientCnxn, Learner, LearnerHandler and
// FastLeaderElection). Clients and servers are indices; a session is a client's
// `generation` (its n-th session), standing for ZooKeeper's 64-bit session id.
//
// The group is the children of one znode: every client holds one ephemeral child, created
// with its session and deleted when the session closes. A transaction is therefore
// "session (client, generation) opened" (createSession and the ephemeral create, taken as
// one) or "closed" (closeSession: the expiry, which deletes the ephemeral).
#pragma once

#include <cstdint>
#include <vector>

namespace halab {

struct ZkTxn {
  enum class Op : std::uint8_t { open, close };
  Op op = Op::open;
  std::uint32_t client = 0;
  std::uint32_t generation = 0;
  int timeout_ms = 0;  // open: the negotiated session timeout
};

struct ZkTouch {
  std::uint32_t client = 0;
  std::uint32_t generation = 0;
  int timeout_ms = 0;
};

struct ZkPacket {
  enum class Kind : std::uint8_t {
    // client -> server
    connect,  // ConnectRequest: `generation` (fresh: a new session), `timeout_ms` requested,
              // `zxid` the last it has seen (setWatches' relativeZxid)
    ping,     // a client's ping (any request touches the session; the lab's clients only ping)
    // server -> client
    connected,  // ConnectResponse: `timeout_ms` negotiated (0: the session has expired),
                // `zxid` the server's last; `live` the group's children as it holds them,
                // when the client had not seen that zxid
    pong,       // the ping's reply
    children,   // a child watch fired: `txn` (at `zxid`) is the open or close that changed the group
    close,      // the server closes the connection (it does not serve, or the session closed)
    // follower <-> leader (Learner / LearnerHandler)
    leader_ping,    // PING, every tickTime / 2
    follower_ping,  // the follower's PING reply: the sessions its clients touched since the last
    revalidate,     // REVALIDATE: a client reconnects to a follower with `generation`
    revalidated,    // the leader's answer: `valid`
    request,        // a follower forwards a client's new session (`txn`)
    proposal,       // PROPOSAL `zxid` of `txn`
    ack,            // ACK of `zxid`
    commit,         // COMMIT of `zxid`
    follower_info,  // a server that found the leader asks to join (FOLLOWERINFO …)
    snapshot,       // … and gets the leader's state (SNAP, NEWLEADER, UPTODATE): `live`, `zxid`
    // server <-> server (FastLeaderElection)
    notification,  // a LOOKING server's vote; `looking` false: the answer of one that is not
  };
  Kind kind = Kind::ping;
  std::uint32_t generation = 0;
  bool fresh = false;    // connect: no session yet (sessionId 0)
  bool valid = false;    // revalidated
  bool looking = false;  // notification: the sender is LOOKING
  int timeout_ms = 0;
  std::uint64_t zxid = 0;
  std::uint32_t client = 0;  // revalidate, revalidated
  ZkTxn txn;
  std::vector<ZkTouch> touches;       // follower_ping
  std::vector<std::uint32_t> live;    // connected, snapshot: per client, the live session's generation or 0

  static ZkPacket of(Kind kind) {
    ZkPacket p;
    p.kind = kind;
    return p;
  }
};

}  // namespace halab
