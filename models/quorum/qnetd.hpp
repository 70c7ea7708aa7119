// corosync-qnetd's vote, as its two production algorithms give it (corosync-qdevice(8);
// corosync-qdevice/qdevices/qnetd-algo-ffsplit.c and qnetd-algo-lms.c), without heuristics
// (so a partition's score is its number of nodes connected to qnetd). qnetd sees the
// clients connected to it, grouped into partitions by their membership view:
// - ffsplit (one vote; for clusters with an even number of nodes): a partition with more than
//   half of the configured nodes gets it, one with less does not; in a 50:50 split the
//   partition with more nodes connected to qnetd wins, then the one holding a member of the
//   previously voted-for partition (keep_active_partition_tie_breaker, on by default), then
//   the one holding the tie-breaker node (lowest id by default). Never to a node that is not
//   connected.
// - lms (last man standing; nodes − 1 votes): if the connected nodes form one partition it
//   gets the votes, however small; else the partition with the most connected nodes, and on
//   a tie the one holding the tie-breaker node among the connected ones.
// Votequorum then adds those votes to the partition's own, so with lms a single node that
// still reaches qnetd stays quorate.
// qnetd decides only on a stable membership: while a connected node's view lists a
// connected node that reports another view (views are changing), the last decision stands
// (qnetd_algo_ffsplit_is_membership_stable; lms waits for matching ring ids) — but only
// for a node still in the view it was voted for: votequorum takes a qdevice vote only for
// the ring it was cast for (votequorum_qdevice_poll's ring_id), so a node that changed its
// view has no vote until qnetd decides again (`answered`); corosync's sync waits for it.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace halab {

struct QnetdConfig {
  enum class Algorithm { ffsplit, lms };
  enum class TieBreaker { lowest, highest, node };
  Algorithm algorithm = Algorithm::ffsplit;
  TieBreaker tie_breaker = TieBreaker::lowest;
  std::size_t tie_breaker_node = 0;  // TieBreaker::node
  std::size_t nodes = 0;
  // The votes qnetd gives: 1 for ffsplit (required), nodes − 1 for lms (the default).
  unsigned votes() const { return algorithm == Algorithm::ffsplit ? 1 : static_cast<unsigned>(nodes - 1); }
};

class Qnetd {
public:
  explicit Qnetd(QnetdConfig config);

  // Which nodes' partitions get qnetd's vote now, given which nodes are connected to it and
  // each node's membership view (a node is in its own view).
  std::vector<bool> decide(const std::vector<bool>& connected, const std::vector<std::vector<bool>>& views);
  // Whether the last decision was made for `node`'s view in `views`: false while qnetd
  // waits for the views to settle after that node's view changed (its client has no
  // answer for its new ring yet).
  bool answered(std::size_t node, const std::vector<std::vector<bool>>& views) const;

private:
  struct Partition {
    std::vector<bool> members;   // the view
    std::size_t connected = 0;   // its nodes connected to qnetd
    std::vector<std::size_t> clients;
  };
  bool holds(const Partition& p, std::size_t node) const;
  std::size_t tie_breaker(const std::vector<bool>& among) const;
  std::optional<std::size_t> ffsplit(const std::vector<Partition>& parts) const;
  std::optional<std::size_t> lms(const std::vector<Partition>& parts, const std::vector<bool>& connected) const;

  QnetdConfig config_;
  std::vector<bool> last_voted_;  // members of the partition it last voted for
  std::vector<bool> last_winners_;  // the last decision
  std::vector<std::vector<bool>> last_views_;  // the views it was made for
};

} // namespace halab
