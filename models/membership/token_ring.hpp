// Corosync's Totem token on an idle ring, for the timing of failure detection
// (corosync/exec/totemsrp.c; corosync.conf(5)): the token travels round the members of the
// ring in order; every node resets its token-loss timer when the token reaches it
// (reset_token_timeout) and forwards it at once, except the ring's representative (its
// lowest member), which holds it on an idle ring for `token_hold` (totemconfig.c: 80% of
// token_retransmit, token / 4.2, less 10 ms) before it sends it on. A node that has not seen
// the token for the token timeout (token + (nodes − 2) × token_coefficient) declares it
// lost: a processor failed, and it enters the gather state, multicasting a join that puts
// every other node in gather at once (memb_state_gather_enter from memb_join_process). So
// the cluster learns of a crash a token timeout after the token last reached the first node
// to time out — never earlier, at most one rotation sooner than a timeout after the crash.
//
// Not modelled: token retransmission (a token lost to packet loss is taken for a failure;
// the membership above keeps every member it still hears from, and the representative
// sends a new token: `restart`), and the fast rotation while messages are being ordered.
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace halab {

struct TokenStep {
  std::optional<std::size_t> send_to;  // pass the token to this node
  bool lost = false;                   // the token-loss timeout fired
  bool accepted = false;               // the token reached this node (its timer was reset)
};

class TokenRing {
public:
  TokenRing(std::size_t self, Duration token_timeout, Duration hold);
  // corosync's default token_hold for a token timeout: (token / 4.2) × 0.8 − 10 ms.
  static Duration default_hold(Duration token);

  // A new ring (membership view) is installed; its representative sends the first token.
  TokenStep install(Instant now, const std::vector<bool>& members);
  // The token of ring `ring` arrived. A token of another ring is kept in case this node
  // installs that ring next (its view may form a little after its predecessor's).
  TokenStep receive(Instant now, std::uint64_t ring);
  // A held token is due to go on, or the token-loss timeout has come.
  TokenStep on_timer(Instant now);
  // Another node of this ring lost the token (its join arrived): in gather too, so this
  // node's own timeout starts again from now.
  void lost_elsewhere(Instant now);
  // After a loss that lost nobody: the representative sends a new token.
  TokenStep restart(Instant now);

  Instant deadline() const;
  std::uint64_t ring() const { return ring_; }
  std::optional<Instant> last_token() const { return last_token_; }
  bool representative() const { return representative_; }

private:
  std::size_t self_;
  Duration timeout_;
  Duration hold_;
  std::uint64_t ring_ = 0;             // identifies the members: a token of another ring is stale
  std::optional<std::size_t> successor_;  // none on a ring of one
  bool representative_ = false;
  std::optional<Instant> last_token_;  // when the token last reached this node (or the ring formed)
  std::optional<Instant> hold_until_;
  std::optional<std::uint64_t> early_;  // a token for a ring not yet installed here
};

} // namespace halab
