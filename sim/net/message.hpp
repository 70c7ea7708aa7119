// The messages carried by halab's messaging layer: a sender, its process incarnation, and
// one typed payload. Each kind of payload is its own struct, so a field means one thing;
// a receiver asks for the payload it handles (`as<T>()`) and ignores the others. The size
// on the wire is given to the network separately.
#pragma once

#include "sim/net/call_failure.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

namespace halab {

using HostId = std::uint32_t;
// Where a process receives: a host's first endpoint has the host's own id; a host running
// several processes (a keepalived and an nginx) has one endpoint per process
// (Network::open_endpoint).
using Endpoint = std::uint32_t;
struct CrmMessage;  // sim/cluster/crm_message.hpp
struct SwimPacket;    // models/membership/swim_packet.hpp
struct SwimPushPull;  // models/membership/swim_member.hpp
struct ZkPacket;      // models/membership/zk_packet.hpp



namespace msg {

// A pacemaker member's heartbeat: what it runs, its epoch, and whom it hears.
struct Heartbeat {
  bool holds_ip = false;           // the sender runs the service
  std::uint64_t epoch = 0;         // the sender's epoch (ClusterNode)
  std::uint64_t heard_digest = 0;  // whom the sender hears (Membership::digest)
};
// A request (a client's to the service IP, or one tier's call to the next), and its reply.
struct Request {
  std::uint64_t id = 0;
  // Set by an LVS director forwarding without NAT (DR): the packet keeps the caller's
  // address, so the answer goes straight back to it, past the director.
  std::optional<Endpoint> reply_to;
  // The client request it serves (its idempotency key when a tier keeps them), and
  // whether that request writes.
  std::uint64_t origin = 0;
  bool write = false;
};
struct Reply {
  std::uint64_t id = 0;
  CallFailure failure = CallFailure::none;
  std::int16_t blame = -1;  // the tier where the failure began (its index in /stack/tiers)
  bool degraded = false;    // answered without a weak dependency that failed (a fallback)
};
// An active health check of a tier instance (HAProxy's check), and its answer: a live,
// unhung process answers at once, without taking a worker.
struct Probe {
  std::uint64_t id = 0;
  bool connect_only = false;  // a TCP connect: the host's kernel answers it, hung application or not
};
struct ProbeReply {
  std::uint64_t id = 0;
  bool refused = false;  // the port is closed (the process stopped): the check fails at once
};
// The fencer's word on one fencing operation.
struct FenceResult {
  std::size_t target = 0;  // the member fenced
  bool succeeded = false;
};
// keepalived: a VRRP advertisement (priority 0: the Master resigns).
struct VrrpAdvert {
  int priority = 0;
};
// Posted to a host's own process: shut down gracefully (an operator's stop, SIGTERM).
struct Stop {};
// Corosync timing: Totem's token of a ring, and a member's word that it lost that ring's
// token (Totem's join).
struct Token {
  std::uint64_t ring = 0;
};
struct TokenLost {
  std::uint64_t ring = 0;
};
// Binary log replication between database instances: the primary's events up to `upto`
// (its dump thread streams what the replica lacks), and the replica's acknowledgment of
// receipt (semi-sync and sync). `term` counts promotions: an older primary's is refused.
struct Binlog {
  std::uint64_t upto = 0;
  std::uint64_t term = 0;
};
struct BinlogAck {
  std::uint64_t upto = 0;
  std::uint64_t term = 0;
};
// A cache client's get (answered hit or miss) and set (not answered) of one key.
struct CacheGet {
  std::uint64_t id = 0;
  std::uint64_t key = 0;
};
struct CacheReply {
  std::uint64_t id = 0;
  bool hit = false;
};
struct CacheSet {
  std::uint64_t key = 0;
  bool replicated = false;  // from the Redis master to its replica (a client's set to a replica is refused)
};
// Redis with Sentinel (docs/six-tiers.md): a Sentinel's PING of a Redis instance, answered
// with what its INFO says (role, replication offset); SLAVEOF (master -1: NO ONE).
struct RedisPing {
  std::uint64_t id = 0;
};
struct RedisPong {
  std::uint64_t id = 0;
  bool master = false;
  std::uint64_t offset = 0;
};
struct ReplicaOf {
  std::int32_t master = -1;
};
// A replica's REPLCONF ACK to its master, once a second.
struct ReplAck {
  std::uint64_t offset = 0;
};
// -READONLY: a replica's answer to a client's set (the client asks Sentinel again).
struct CacheReadOnly {};
// Between Sentinels: is-master-down-by-addr (candidate -1: no vote sought) and its reply,
// and the hello announcing a configuration (the master, and the epoch that chose it).
struct SentinelAsk {
  std::uint64_t epoch = 0;
  std::int32_t candidate = -1;
};
struct SentinelAnswer {
  bool down = false;
  std::int32_t leader = -1;
  std::uint64_t leader_epoch = 0;
};
struct SentinelHello {
  std::uint64_t config_epoch = 0;
  std::uint32_t master = 0;
};
// A client's get-master-addr-by-name, and a Sentinel's answer (also pushed to the clients
// that asked it when it switches master: +switch-master).
struct SentinelWhere {};
struct SentinelMaster {
  std::uint32_t master = 0;
};
// Between the CRM's DC and the nodes.
struct Crm {
  enum class Kind : std::uint8_t { join_request, join_reply, execute, result, monitor_failure, cib, status };
  Kind kind = Kind::status;
  std::shared_ptr<const CrmMessage> body;
};

// memberlist: one SWIM packet (a ping, ack, ping-req, nack or gossip, with the membership
// updates piggybacked on it), kept apart: it is ten times any other payload.
struct Swim {
  std::shared_ptr<const SwimPacket> packet;
};
// memberlist: a push-pull's half over TCP (a restarted member's join, or the answer): the
// sender's whole view.
struct SwimState {
  std::shared_ptr<const SwimPushPull> push_pull;
};
// zookeeper: a packet between a client and a server of the ensemble, or between servers.
struct Zk {
  std::shared_ptr<const ZkPacket> packet;
};

}  // namespace msg

using Payload = std::variant<msg::Heartbeat, msg::Request, msg::Reply, msg::Probe, msg::ProbeReply, msg::FenceResult,
                             msg::VrrpAdvert, msg::Stop, msg::Token, msg::TokenLost, msg::Crm, msg::Binlog, msg::BinlogAck,
                             msg::CacheGet, msg::CacheReply, msg::CacheSet, msg::RedisPing, msg::RedisPong, msg::ReplicaOf,
                             msg::ReplAck, msg::CacheReadOnly, msg::SentinelAsk, msg::SentinelAnswer, msg::SentinelHello, msg::SentinelWhere,
                             msg::SentinelMaster, msg::Swim, msg::SwimState, msg::Zk>;

struct Message {
  Endpoint from = 0;
  std::uint32_t incarnation = 0;  // the sender's process incarnation (bumped on restart)
  Payload payload;

  // The payload if it is a T, else nullptr.
  template <class T>
  const T* as() const {
    return std::get_if<T>(&payload);
  }
};

template <class T>
std::unique_ptr<Message> make_message(HostId from, std::uint32_t incarnation, T payload) {
  return std::make_unique<Message>(Message{from, incarnation, Payload(std::move(payload))});
}

// Simulated sizes on the wire, headers included.
inline constexpr std::uint64_t kHeartbeatBytes = 64;
inline constexpr std::uint64_t kRequestBytes = 512;
inline constexpr std::uint64_t kReplyBytes = 1024;
inline constexpr std::uint64_t kBinlogBytes = 512;  // one write's row event and its headers
inline constexpr std::uint64_t kUdpHeaderBytes = 28;  // IPv4 and UDP headers
inline constexpr std::uint64_t kTcpHeaderBytes = 40;  // IPv4 and TCP headers

}  // namespace halab
