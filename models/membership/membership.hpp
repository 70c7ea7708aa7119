// A node's membership view, built from heartbeat verdicts, with a ring id that changes on
// every change of view.
//
// Two timing models:
// - plain: the failure detector's verdict changes the view at once;
// - corosync (Totem, corosync.conf(5) defaults): a peer is lost when the token is not seen
//   for token + (nodes − 2) × token_coefficient (token 3000 ms, token_coefficient 650 ms,
//   applied above 2 nodes), and the new ring forms only after the consensus timeout,
//   1.2 × token, during which nothing is decided; a node that is heard again joins after
//   the join timeout (50 ms).
// The view is this node's own: both sides of a partition form their own ring. The first view
// forms only once every peer has been heard from or given up on (corosync's gather phase at
// start-up), so a node starting alone does not act on a view of one before it knows.
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

  // How long silence lasts before a peer is lost (the detector's timeout under corosync).
  Duration token_timeout(std::size_t nodes) const;
  // How long forming a new ring takes after a loss (0 for plain timing).
  Duration consensus(std::size_t nodes) const;
};

struct MembershipView {
  std::uint64_t ring = 0;          // increases on every installed change
  std::vector<bool> members;       // per node
  std::size_t size() const;
  bool operator==(const MembershipView&) const = default;
};

class Membership {
public:
  Membership(std::size_t nodes, std::size_t self, MembershipTiming timing);

  void heard(Instant now, std::size_t peer);
  void lost(Instant now, std::size_t peer);
  // Installs the pending view if its time has come; returns it when the view changed.
  std::optional<MembershipView> poll(Instant now);
  std::optional<Instant> next_timer() const { return pending_at_; }

  const MembershipView& view() const { return view_; }
  const std::vector<bool>& alive() const { return alive_; }

private:
  void schedule(Instant now);

  std::size_t self_;
  MembershipTiming timing_;
  std::size_t nodes_;
  std::vector<bool> alive_;  // what the detectors say now
  std::vector<bool> known_;  // heard from or given up on at least once
  bool formed_ = false;      // the first view is installed
  MembershipView view_;      // what is installed
  std::optional<Instant> pending_at_;
};

} // namespace halab
