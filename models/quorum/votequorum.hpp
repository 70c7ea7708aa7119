// Quorum as corosync's votequorum computes it, seen from one node.
//
// Source: votequorum(5) (corosync 3). Every node has votes (default 1); expected_votes is the
// configured value, or the sum of all votes, raised whenever more votes are present;
//     quorum = floor(expected_votes / 2) + 1
// and a partition is quorate when its votes reach quorum. So 2n+1 nodes tolerate n failures
// by arithmetic, not by a special case. Options, as the manual defines them:
// - two_node: a two-node cluster is quorate with 1 vote; it enables wait_for_all. On a
//   larger cluster it applies only while at most two nodes are members.
// - wait_for_all: a node becomes quorate for the first time only after it has seen all nodes
//   at once (again after each restart of the node).
// - last_man_standing (+ window, default 10 s): when nodes are lost and membership then stays
//   stable for the window while quorate, expected_votes is recalculated to the votes present,
//   never below 2; with auto_tie_breaker the cluster can then go down to one node.
// - auto_tie_breaker: when exactly half the expected votes are present, the partition holding
//   the tie-breaker node (the lowest, or highest, node id of the last quorate membership, or
//   the first of a list present in that membership) stays quorate. Incompatible with a
//   quorum device.
// - a quorum device adds its votes to a partition that the device model (ping node, quorum
//   disk) grants them to, and to expected_votes.
// Node ids here are member indexes; "lowest" means the lowest index.
#pragma once

#include "models/time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct VoteQuorumConfig {
  enum class TieBreaker { lowest, highest, list };

  std::vector<unsigned> votes;        // per node
  unsigned expected_votes = 0;        // 0: the sum of all votes (and device votes)
  bool two_node = false;
  std::optional<bool> wait_for_all;   // unset: on iff two_node (votequorum's default)
  bool last_man_standing = false;
  Duration last_man_standing_window = Duration::seconds(10);
  bool auto_tie_breaker = false;
  TieBreaker tie_breaker = TieBreaker::lowest;
  std::vector<std::size_t> tie_breaker_list;  // for TieBreaker::list, in preference order
  unsigned device_votes = 0;          // 0: no quorum device

  // Empty when valid; otherwise the reason (two_node or ATB excludes a device...).
  std::string problem() const;
};

class VoteQuorum {
public:
  VoteQuorum(VoteQuorumConfig config, std::size_t self);

  // The node's membership changed (or the device's vote did): `members[i]` says whether node
  // i is in this node's partition; `device_vote` whether the quorum device grants its votes.
  void update(Instant now, const std::vector<bool>& members, bool device_vote);
  // Time passed (the last_man_standing window may expire).
  void tick(Instant now);
  // When tick() next has something to do.
  std::optional<Instant> next_timer() const { return lms_deadline_; }

  bool quorate() const { return quorate_; }
  unsigned total_votes() const { return total_votes_; }
  unsigned expected_votes() const { return expected_votes_; }
  unsigned quorum() const;
  bool waiting_for_all() const { return wait_for_all_ && !seen_all_; }
  // Why this node is or is not quorate, for traces.
  const char* reason() const { return reason_; }

private:
  void recompute();
  std::optional<std::size_t> tie_breaker_node() const;

  VoteQuorumConfig config_;
  std::size_t self_;
  bool wait_for_all_;
  std::vector<bool> members_;
  bool device_vote_ = false;
  bool seen_all_ = false;
  unsigned configured_expected_;
  unsigned expected_votes_;
  unsigned total_votes_ = 0;
  bool quorate_ = false;
  std::vector<bool> last_quorate_members_;
  std::optional<Instant> lms_deadline_;
  const char* reason_ = "no membership yet";
};

} // namespace halab
