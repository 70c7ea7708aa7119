// corosync-qnetd's vote, as its two production algorithms give it (corosync-qdevice(8);
// corosync-qdevice/qdevices/qnetd-algo-ffsplit.c and qnetd-algo-lms.c), without heuristics
// (so a partition's score is its number of clients in qnetd's list). qnetd groups its
// clients into partitions by their membership view:
// - ffsplit (one vote; for clusters with an even number of nodes): a partition with more than
//   half of the configured nodes gets it, one with less does not; in a 50:50 split the
//   partition with more clients wins, then the one holding a member of the previously
//   voted-for partition (keep_active_partition_tie_breaker, on by default), then the one
//   holding the tie-breaker node (lowest id by default).
// - lms (last man standing; nodes − 1 votes): if the clients form one partition it gets the
//   votes, however small; else the partition with the most clients, and on a tie the one
//   holding the tie-breaker node among the clients. lms answers each client for itself,
//   when it asks (do_lms_algorithm): on connecting, when its view changes, and again while
//   it was told to wait; a client keeps its answer otherwise, and qnetd tells no other
//   client. A newcomer (no answer since it connected) is refused while another partition
//   holds the votes, so that quorum does not move to it from active nodes.
// Votequorum then adds those votes to the partition's own, so with lms a single node that
// still reaches qnetd stays quorate. The vote reaches only clients that reach qnetd now.
// A client stays in qnetd's list, with the view it last reported, until its connection
// closes — for a host that died or was cut off, when the dead peer detection fires, after
// 1.5 × the client's heartbeat interval without a message (qnetd-client-dpd-timer.c,
// dpd_interval_coefficient; the client's heartbeat is 0.8 × quorum.device.timeout 10 s,
// qdevice-net-instance.c: 12 s). Until then it counts in its partition's score and in the
// stability check: a partition does not win the vote away from a live one the moment one
// of that one's members dies, but only once its own ring has moved on.
// qnetd decides only on a stable membership: while a listed client's view lists a listed
// client that reports another view (views are changing), the last decision stands
// (qnetd_algo_ffsplit_is_membership_stable); lms tells an asker to wait while a client in
// its partition (in its view, or holding it in its own) reports another view
// (qnetd_algo_all_ring_ids_match). A vote holds only
// for a node still in the view it was voted for: votequorum takes a qdevice vote only for
// the ring it was cast for (votequorum_qdevice_poll's ring_id), so a node that changed its
// view has no vote until qnetd decides again (`answered`); corosync's sync waits for it.
#pragma once

#include <cstddef>
#include <limits>
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
  double dpd_s = 12;  // how long a silent client stays listed: 1.5 × 0.8 × 10 s
  // The votes qnetd gives: 1 for ffsplit (required), nodes − 1 for lms (the default).
  unsigned votes() const { return algorithm == Algorithm::ffsplit ? 1 : static_cast<unsigned>(nodes - 1); }
};

class Qnetd {
public:
  explicit Qnetd(QnetdConfig config);

  // Which nodes' partitions get qnetd's vote at `now` (seconds), given which nodes reach it
  // now and each node's membership view as it last reported it (a node is in its own view).
  // lms answers `asker` only (the views of others may be older than their rings), or, with
  // none, each connected client in turn.
  std::vector<bool> decide(double now, const std::vector<bool>& connected, const std::vector<std::vector<bool>>& views,
                           std::optional<std::size_t> asker = std::nullopt);
  // Whether the last decision was made for `node`'s view in `views`: false while qnetd
  // waits for the views to settle after that node's view changed (its client has no
  // answer for its new ring yet).
  bool answered(std::size_t node, const std::vector<std::vector<bool>>& views) const;

private:
  struct Partition {
    std::vector<bool> members;   // the view
    std::size_t listed = 0;      // its nodes in qnetd's list of clients
    std::vector<std::size_t> clients;
  };
  std::vector<Partition> partitions(const std::vector<bool>& listed, const std::vector<std::vector<bool>>& views) const;
  bool holds(const Partition& p, std::size_t node) const;
  std::size_t tie_breaker(const std::vector<bool>& among) const;
  std::optional<std::size_t> ffsplit(const std::vector<Partition>& parts) const;
  // refused: a newcomer's NACK, which leaves it a newcomer (lms does not save it)
  enum class Answer { none, ack, nack, wait, refused };
  std::vector<bool> decide_lms(const std::vector<bool>& listed, const std::vector<bool>& connected,
                               const std::vector<std::vector<bool>>& views, std::optional<std::size_t> asker);
  Answer lms(std::size_t asker, const std::vector<bool>& listed, const std::vector<std::vector<bool>>& views) const;

  QnetdConfig config_;
  std::vector<bool> last_voted_;  // members of the partition it last voted for
  std::vector<bool> last_winners_;  // the last decision
  std::vector<std::vector<bool>> last_views_;  // the views it was made for
  std::vector<double> last_heard_;  // per node: when it last reached qnetd (-infinity: never)
  std::vector<Answer> answers_;     // lms: each client's last answer (none: a newcomer)
};

} // namespace halab
