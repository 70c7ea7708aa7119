// The one message type carried by halab's messaging layer. Small and flat on purpose: it
// is allocated per send and its size on the wire is given separately.
#pragma once

#include <cstdint>
#include <memory>

namespace halab {

using HostId = std::uint32_t;
struct CrmMessage;  // sim/cluster/crm_message.hpp

struct Message {
  enum class Kind : std::uint8_t {
    heartbeat, request, reply, fence_result,
    vrrp_advert,  // keepalived: a VRRP advertisement (its priority in `priority`)
    stop,         // posted to a host's own process: shut down gracefully (an operator's stop)
    token,        // pacemaker under corosync timing: Totem's token (its ring in `ring`)
    token_lost,   // corosync timing: the sender lost ring `ring`'s token (Totem's join)
    // between the CRM's DC and the nodes (payload in `crm`)
    crm_join_request, crm_join_reply, crm_execute, crm_result, crm_monitor_failure, crm_cib, crm_status
  };
  Kind kind = Kind::heartbeat;
  HostId from = 0;
  std::uint32_t incarnation = 0;  // the sender's process incarnation (bumped on restart)
  bool holds_ip = false;          // heartbeat: the sender runs the service; fence_result: success
  std::uint64_t id = 0;           // request, reply: the request id; heartbeat: the sender's
                                  // epoch (pacemaker); fence_result: the target member
  std::shared_ptr<const CrmMessage> crm;  // the crm_* kinds only
  std::uint64_t heard_digest = 0;         // heartbeat (pacemaker): whom the sender hears (Membership::digest)
  int priority = 0;                       // vrrp_advert: the advertised priority (0 = the Master resigns)
  std::uint64_t ring = 0;                 // token: the ring it belongs to (TokenRing::ring)
};

// Simulated sizes on the wire, headers included.
inline constexpr std::uint64_t kHeartbeatBytes = 64;
inline constexpr std::uint64_t kRequestBytes = 512;
inline constexpr std::uint64_t kReplyBytes = 1024;

} // namespace halab
