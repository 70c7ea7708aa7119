// A node's membership view, built from heartbeat verdicts, with a ring id that changes on
// every change of view.
//
// Two timing models:
// - plain: the failure detector's verdict changes the view at once;
// - corosync (Totem, corosync.conf(5) defaults): a peer is lost when the token is not seen
//   for token + (nodes − 2) × token_coefficient (token 3000 ms, token_coefficient 650 ms,
//   applied above 2 nodes). A ring that loses a member forms only after the consensus
//   timeout, 1.2 × token, during which nothing is decided: the lost processor sends no
//   join, and Totem marks it failed only when the consensus timer fires
//   (memb_state_consensus_timeout_expired). A ring that only gains members forms as soon
//   as the joins agree (memb_join_process commits on memb_consensus_agreed, no timer): the
//   lab takes one join timeout (50 ms). Measured on corosync 3.1.7 (3 nodes, knet, network
//   namespaces): a killed node's ring re-formed 3.56 s + 4.38 s after the kill (token
//   timeout 3650 ms, consensus 4380 ms); rings that only gained nodes formed 0.2–0.9 s after
//   the knet link came up, never after a consensus timeout.
// The view is this node's own: both sides of a partition form their own ring. The first view
// forms only once every peer has been heard from or given up on (corosync's gather phase at
// start-up), so a node starting alone does not act on a view of one before it knows; it is
// a ring that only gains members, so it forms one join timeout after that.
//
// Agreement. Totem installs a ring only when every member of it has sent a join with the
// same processor and failed sets (totemsrp.c, memb_join_process / memb_consensus_agreed;
// Amir et al., "The Totem single-ring ordering and membership protocol", 1995): the members
// of a ring agree on it, and rings are disjoint. Connectivity that is not transitive (a
// host that both sides of a partition still reach, a one-way cut) must not give two
// overlapping rings that each hold quorum. Each heartbeat carries a digest of the set of
// nodes its sender hears (`digest()`); a peer whose digest has differed from this node's
// own for `agreement_grace` (time for detectors and heartbeats to settle after a change)
// is left out of the view until the two agree again, and a peer outside the view joins it
// only once the two agree (a join needs consensus). Nodes that hear the same set are in
// one view; nodes that hear different sets are not, so views are disjoint cliques and at
// most one of them can hold a majority.
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace halab {

struct MembershipTiming {
  enum class Kind { plain, corosync };
  Kind kind = Kind::plain;
  Duration token = Duration::millis(3000);
  Duration token_coefficient = Duration::millis(650);
  double consensus_factor = 1.2;
  Duration join = Duration::millis(50);  // corosync.conf(5) join timeout

  // How long silence lasts before a peer is lost (the detector's timeout under corosync).
  Duration token_timeout(std::size_t nodes) const;
  // How long forming a new ring takes after a loss (0 for plain timing).
  Duration consensus(std::size_t nodes) const;
  // How long forming a new ring takes when it only gains members (0 for plain timing).
  Duration join_delay() const;
};

struct MembershipView {
  std::uint64_t ring = 0;          // increases on every installed change
  std::vector<bool> members;       // per node
  std::size_t size() const;
  bool operator==(const MembershipView&) const = default;
};

class Membership {
public:
  // An infinite `agreement_grace` turns agreement off (views follow the detectors alone).
  Membership(std::size_t nodes, std::size_t self, MembershipTiming timing,
             Duration agreement_grace = Duration::infinite());

  void heard(Instant now, std::size_t peer);
  void lost(Instant now, std::size_t peer);
  // What `peer` said it hears, in its latest heartbeat (its `digest()`).
  void peer_digest(Instant now, std::size_t peer, std::uint64_t digest);
  // The set of nodes this node hears (itself included), as an order-free 64-bit digest.
  std::uint64_t digest() const { return digest_; }
  // Installs the pending view if its time has come; returns it when the view changed.
  std::optional<MembershipView> poll(Instant now);
  std::optional<Instant> next_timer() const;

  const MembershipView& view() const { return view_; }
  const std::vector<bool>& alive() const { return alive_; }

private:
  void schedule(Instant now);
  void compare(Instant now, std::size_t peer);  // the peer's digest against this node's
  void exclude_disagreeing(Instant now);        // peers whose grace ran out leave the view
  void next_exclusion_changed();
  bool candidate(std::size_t peer) const;  // belongs in the next view

  std::size_t self_;
  MembershipTiming timing_;
  std::size_t nodes_;
  std::vector<bool> alive_;  // what the detectors say now
  std::vector<bool> known_;  // heard from or given up on at least once
  Duration grace_;
  bool agreement_;  // a finite grace: views form only among nodes that agree
  std::uint64_t digest_ = 0;                        // of alive_
  std::vector<std::uint64_t> peer_digest_;          // as each peer last said
  std::vector<std::optional<Instant>> disagrees_;   // since when each peer's digest differs
  std::vector<bool> excluded_;                      // out of the view for disagreeing
  std::vector<bool> candidate_;                     // the next view (see candidate())
  std::optional<Instant> next_exclusion_;
  bool formed_ = false;      // the first view is installed
  MembershipView view_;      // what is installed
  std::optional<Instant> pending_at_;
};

} // namespace halab
