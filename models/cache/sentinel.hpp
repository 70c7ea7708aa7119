// One Redis Sentinel watching one master: when it believes the master down, how the
// Sentinels agree, which of them fails over, and which replica it promotes.
//
// Source: Redis Sentinel documentation ("High availability with Redis Sentinel") and the
// code it documents, src/sentinel.c (redis 7.x):
// - SDOWN (sentinelCheckSubjectivelyDown): the master has left a PING unanswered for
//   more than `down-after-milliseconds`;
// - ODOWN (sentinelCheckObjectivelyDown): this Sentinel's SDOWN plus the Sentinels whose
//   last SENTINEL is-master-down-by-addr reply said "down" reach `quorum`. A peer's reply
//   older than 5 ask periods (5 s) is forgotten; while SDOWN a Sentinel asks each peer at
//   most once per ask period (1 s);
// - a failover starts (sentinelStartFailoverIfNeeded) on ODOWN, unless one is in progress
//   or this Sentinel started or voted in one less than 2 × `failover-timeout` ago: it
//   increments its current epoch, and asks every peer at once for its vote in that epoch;
// - a Sentinel votes (sentinelVoteLeader) for the first candidate asking in an epoch newer
//   than its last vote; voting for another delays its own next failover by 2 ×
//   failover-timeout (from now plus up to 1 s of desynchronisation);
// - the leader of an epoch (sentinelGetLeader) has the votes of an absolute majority of
//   the Sentinels it knows AND at least `quorum` of them; the candidate counts its own
//   vote, cast for the most voted peer or for itself. A candidate not elected within
//   min(10 s, failover-timeout) of its start aborts (-failover-abort-not-elected);
// - the leader selects a replica (sentinelSelectSlave): not down, replied to PING within
//   5 s, INFO within 5 s (the master is SDOWN: INFO every second), link to the master down
//   no longer than the master has been down plus 10 × down-after, `replica-priority` not
//   0; the best has the lowest priority, then the largest replication offset, then the
//   smallest run id (or what the configured PromotionPolicy picks). None:
//   -failover-abort-no-good-slave. It sends SLAVEOF NO ONE and
//   waits for INFO to report role:master (at most failover-timeout); from then on the new
//   master is what it announces (get-master-addr-by-name, hello messages with the
//   failover's epoch as config epoch), and the other Sentinels switch when they hear it.
// The replicas' reconfiguration (parallel-syncs) belongs to the simulation around this.
// Time and randomness are passed in; nothing here sends anything.
#pragma once

#include "models/cache/promotion_policy.hpp"
#include "models/rng.hpp"
#include "models/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct SentinelConfig {
  int quorum = 2;
  Duration down_after = Duration::seconds(30);          // down-after-milliseconds
  Duration failover_timeout = Duration::seconds(180);   // failover-timeout
  // How the leader picks the replica to promote (not owned; null: Redis's own rule).
  const PromotionPolicy* promotion = nullptr;
};


class Sentinel {
 public:
  // sentinel.c's fixed periods.
  static constexpr Duration kPingPeriod = Duration::seconds(1);       // SENTINEL_PING_PERIOD
  static constexpr Duration kAskPeriod = Duration::seconds(1);        // sentinel_ask_period
  static constexpr Duration kElectionTimeout = Duration::seconds(10); // sentinel_election_timeout
  static constexpr Duration kMaxDesync = Duration::seconds(1);        // SENTINEL_MAX_DESYNC

  // sentinel.c's failover states (one step per timer tick, as there); after
  // reconf_replicas the simulation reconfigures the replicas and calls switch_master.
  enum class Failover { none, wait_start, select_replica, send_slaveof_noone, wait_promotion, reconf_replicas };

  struct Event {
    enum class Kind {
      sdown, sdown_cleared, odown, odown_cleared, try_failover, vote_for_leader, elected_leader,
      abort_not_elected, selected_replica, abort_no_good_replica, promoted_replica, abort_replica_timeout
    };
    Kind kind;
    std::uint64_t epoch = 0;
    std::size_t who = 0;  // vote_for_leader: the Sentinel voted for; selected/promoted: the replica
  };
  // A Sentinel's answer to is-master-down-by-addr: whether it holds the master SDOWN, and
  // its vote (if asked for one) with the epoch of that vote.
  struct Reply {
    bool master_down = false;
    std::optional<std::size_t> leader;
    std::uint64_t leader_epoch = 0;
  };
  // What a timer tick asks of the simulation.
  struct Step {
    std::vector<std::size_t> ask;  // peers to send is-master-down-by-addr now
    bool seek_vote = false;        // ... with this Sentinel as the candidate, in current_epoch()
    std::optional<std::size_t> promote;  // send SLAVEOF NO ONE to this replica
  };

  // Sentinel `self` of `sentinels` (every one it knows, itself included).
  Sentinel(SentinelConfig config, std::size_t self, std::size_t sentinels);

  // The master: a PING went out (the oldest unanswered one counts), or a valid reply came.
  void ping_sent(Instant now);
  void master_replied(Instant now);

  // The sentinel timer (sentinelHandleRedisInstance for the master): SDOWN, ODOWN, the
  // failover state machine, and whom to ask. `replicas`: what it knows of each.
  Step tick(Instant now, const std::vector<ReplicaInfo>& replicas, Rng& rng);

  // A peer asks is-master-down-by-addr in `epoch`, seeking a vote for `candidate` or not.
  Reply on_request(Instant now, std::uint64_t epoch, std::optional<std::size_t> candidate, Rng& rng);
  // Peer `peer`'s reply to this Sentinel's question.
  void on_reply(Instant now, std::size_t peer, const Reply& reply);
  // INFO from the promoted replica reports role:master: the failover's new master.
  void promotion_seen(Instant now);
  // The failover ended (its replicas reconfigured, or failover-timeout passed), or a peer's
  // hello announced a newer configuration: the master is now another instance, watched
  // afresh (sentinelResetMaster: its first PING counts as pending from now).
  void switch_master(Instant now, std::uint64_t config_epoch);

  std::vector<Event> take_events();

  bool sdown() const { return sdown_; }
  bool odown() const { return odown_; }
  Failover failover() const { return failover_; }
  std::uint64_t current_epoch() const { return current_epoch_; }
  std::uint64_t config_epoch() const { return config_epoch_; }
  std::optional<std::size_t> promoted() const { return promoted_; }
  // The next instant a tick could change anything (for a simulation that sleeps between).
  Instant sdown_at() const { return act_ping_ ? *act_ping_ + config_.down_after : Instant::never(); }

  // sentinelSelectSlave's filter over what this Sentinel knows: which replicas may be
  // promoted at all. `master_sdown_for`: how long this Sentinel has held the master SDOWN
  // (none: it does not).
  static std::vector<bool> usable_replicas(Instant now, const std::vector<ReplicaInfo>& replicas,
                                           std::optional<Duration> master_sdown_for, Duration down_after);
  static constexpr Duration kInfoPeriod = Duration::seconds(10);      // sentinel_info_period

 private:
  struct Peer {
    bool master_down = false;
    std::optional<std::size_t> leader;
    std::uint64_t leader_epoch = 0;
    Instant last_reply = Instant::at_seconds(-1e18);  // never
  };

  void check_sdown(Instant now);
  void check_odown();
  void run_failover(Instant now, const std::vector<ReplicaInfo>& replicas, Rng& rng, Step& step);
  void ask_peers(Instant now, bool forced, Step& step);
  std::optional<std::size_t> vote(Instant now, std::uint64_t epoch, std::size_t candidate, Rng& rng);
  std::optional<std::size_t> leader(Instant now, Rng& rng);
  void abort(Instant now);

  SentinelConfig config_;
  std::size_t self_;
  std::vector<Peer> peers_;  // indexed by Sentinel; self_'s unused
  std::optional<Instant> act_ping_;  // the oldest PING to the master still unanswered
  bool sdown_ = false;
  Instant sdown_since_;
  bool odown_ = false;
  std::uint64_t current_epoch_ = 0;
  std::uint64_t config_epoch_ = 0;
  // The master's: whom this Sentinel voted for, and in which epoch.
  std::optional<std::size_t> leader_;
  std::uint64_t leader_epoch_ = 0;
  Failover failover_ = Failover::none;
  std::uint64_t failover_epoch_ = 0;
  Instant failover_start_ = Instant::at_seconds(-1e18);  // long ago: a failover may start at once
  Instant failover_state_change_;
  std::optional<std::size_t> promoted_;
  std::vector<Event> events_;
};

}  // namespace halab
