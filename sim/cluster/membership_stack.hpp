// The membership half of a member under the "pacemaker" manager, whatever controller runs
// above it: heartbeats out (and to the quorum disk), failure detectors fed by heartbeats
// in, detector verdicts into the membership view (plain or corosync timing), the view and
// the quorum device into votequorum. Each time the view or quorum changes it calls the
// controller's `on_change`, at the moment the change happens: with `decisive` true when
// the view or quorum itself changed, false when only votequorum's figures did.
//
// With a qnetd device a new ring reaches the controller only once the qdevice has voted on
// it: corosync's sync does not complete (no new CPG membership, no new quorum state) until
// votequorum_sync_process sees the qdevice's poll for that ring id, or until
// quorum.device.sync_timeout (30 s) passes (votequorum.c, sync_wait_for_poll_or_timeout).
// Until then the controller keeps the view and quorum it had.
#pragma once

#include "models/membership/membership.hpp"
#include "models/membership/token_ring.hpp"
#include "models/quorum/votequorum.hpp"
#include "sim/cluster/heartbeat_monitor.hpp"
#include "sim/run/run_context.hpp"

#include <functional>
#include <optional>

namespace halab {

class MembershipStack {
 public:
  using OnChange = std::function<void(Instant, bool decisive)>;
  MembershipStack(RunContext& ctx, ServiceRun& svc, std::size_t self, Instant now, OnChange on_change);

  Instant next_deadline() const;
  // Sends a heartbeat if one is due (carrying `holds_ip` and `epoch`, what the
  // controller tells its peers), then fires detectors, membership and quorum timers.
  void run_timers(Instant t, bool holds_ip, std::uint64_t epoch);
  // A heartbeat from a member arrived: its detector hears it. The controller then learns
  // what the peer says it runs, before `admit` lets the peer into the view.
  void heard(Instant t, std::size_t peer);
  // `heard_digest`: whom the peer hears, from its heartbeat (views form only among nodes
  // that agree on it: Membership).
  void admit(Instant t, std::size_t peer, std::uint64_t heard_digest);
  // Corosync timing: Totem's token, or a member's word that it lost the token. False for
  // any other message (the agent's own).
  bool on_ring_message(Instant t, const Message& m);
  static Duration agreement_grace(const ClusterSpec& cluster);

  // The view the controller acts on: Totem's ring once corosync's sync delivered it.
  const MembershipView& view() const { return delivered_; }
  bool formed() const { return formed_; }
  bool quorate() const { return quorum_ ? quorum_->quorate() : true; }
  // The membership part of a `belief` event: the ring and its members' names; then
  // (with quorum) votequorum's figures.
  void describe_view(TraceEvent& belief) const;
  void describe_quorum(TraceEvent& belief) const;

 private:
  // The quorum device's vote for this node's current ring; none while qnetd has not
  // answered for it yet.
  std::optional<bool> device_vote(Instant t);
  void update_view(Instant t);
  void suspect(Instant t, std::size_t peer, double suspicion);
  void on_token(Instant t, std::uint64_t ring);
  void on_token_lost(Instant t, std::uint64_t ring);
  template <class RingMessage>  // msg::Token or msg::TokenLost, of this node's ring
  void send_ring_message(std::size_t to);
  void pass_token(const TokenStep& step);
  // The token is lost (`here`: this node's own timeout, which it tells the ring).
  void token_lost(Instant t, bool here);

  RunContext& ctx_;
  ServiceRun& svc_;
  std::size_t self_;
  HostId host_;
  HeartbeatMonitor monitor_;
  Membership membership_;
  std::optional<VoteQuorum> quorum_;
  OnChange on_change_;
  // Corosync timing: the token decides when a view member is lost (TokenRing); heartbeats
  // still carry digests, join nodes outside the view, and say who is still alive when the
  // token is lost.
  std::optional<TokenRing> ring_;
  std::vector<double> last_heartbeat_;  // per peer
  std::vector<bool> announced_;         // per peer: a detector.suspect not yet followed by trust
  std::uint64_t installed_ring_ = 0;    // the view whose ring the token runs on
  bool device_vote_ = false;
  bool formed_ = false;  // the first membership view is delivered
  MembershipView delivered_;          // see view()
  std::optional<Instant> sync_until_;  // a ring waits for the qdevice's vote until then
  std::uint64_t sync_ring_ = 0;        // the ring it waits for
};

}  // namespace halab
