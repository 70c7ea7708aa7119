// Active/passive failover of one floating IP among cluster members, as a sans-I/O state
// machine driven by heartbeats and failure-detector verdicts.
//
// Behaviour follows the seed document and keepalived/VRRP practice (RFC 5798 §6.4):
// - Every member starts as standby and decides nothing until it has heard from, or
//   suspected, each peer (RFC 5798's Master_Down_Interval wait before a backup takes over).
// - A standby takes the IP when no live peer claims it and it outranks every live peer
//   (higher priority; on equal priority the lower member index, a stable tie rule).
// - A primary that hears a live peer claim the IP and that peer outranks it, releases the IP
//   (VRRP: a master receiving an advertisement of higher priority goes back to backup).
// - No failback by default: a recovered ex-primary rejoins as standby and leaves the IP where
//   it is (keepalived "nopreempt"; the seed: switching has a cost). With `failback`, the
//   highest-ranked live member preempts a lower-ranked primary.
// Without fencing or quorum a partition makes both sides primary: that is split brain, and
// it is the behaviour being modelled, not a bug.
#pragma once

#include "models/time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct FailoverMember {
  std::string name;
  int priority = 100;
};

struct ActivePassiveConfig {
  std::vector<FailoverMember> members;
  bool failback = false;
};

enum class FailoverRole { standby, primary };

struct FailoverAction {
  enum class Kind { take_ip, release_ip };
  Kind kind;
  std::string reason;
};

class ActivePassiveController {
public:
  ActivePassiveController(ActivePassiveConfig config, std::size_t self);

  // A heartbeat from member `peer`, saying whether it currently holds the IP.
  std::vector<FailoverAction> on_heartbeat(Instant now, std::size_t peer, bool peer_claims_primary);
  // The failure detector for `peer` declared it dead.
  std::vector<FailoverAction> on_suspect(Instant now, std::size_t peer);

  FailoverRole role() const { return role_; }
  bool holds_ip() const { return role_ == FailoverRole::primary; }
  // Who this member believes holds the IP (itself included), if anyone it trusts does.
  std::optional<std::size_t> believed_primary() const;

private:
  enum class PeerState { unknown, alive, suspected };

  bool outranks(std::size_t a, std::size_t b) const;
  std::vector<FailoverAction> decide(const std::string& cause);

  ActivePassiveConfig config_;
  std::size_t self_;
  FailoverRole role_ = FailoverRole::standby;
  std::vector<PeerState> peers_;
  std::vector<bool> claims_;
};

} // namespace halab
