#include "models/cache/sentinel.hpp"

#include <algorithm>
#include <map>

namespace halab {

namespace {
Duration desync(Rng& rng) { return Sentinel::kMaxDesync * rng.uniform01(); }  // rand() % SENTINEL_MAX_DESYNC
}  // namespace

Sentinel::Sentinel(SentinelConfig config, std::size_t self, std::size_t sentinels)
    : config_(config), self_(self), peers_(sentinels) {}

void Sentinel::ping_sent(Instant now) {
  if (!act_ping_) act_ping_ = now;
}

void Sentinel::master_replied(Instant) { act_ping_.reset(); }

void Sentinel::check_sdown(Instant now) {
  const bool down = act_ping_ && now - *act_ping_ > config_.down_after;
  if (down && !sdown_) {
    sdown_ = true;
    sdown_since_ = now;
    events_.push_back({Event::Kind::sdown, current_epoch_, 0});
  } else if (!down && sdown_) {
    sdown_ = false;
    events_.push_back({Event::Kind::sdown_cleared, current_epoch_, 0});
  }
}

void Sentinel::check_odown() {
  bool down = false;
  if (sdown_) {
    int votes = 1;  // this Sentinel
    for (std::size_t p = 0; p < peers_.size(); ++p)
      if (p != self_ && peers_[p].master_down) ++votes;
    down = votes >= config_.quorum;
  }
  if (down != odown_) {
    odown_ = down;
    events_.push_back({down ? Event::Kind::odown : Event::Kind::odown_cleared, current_epoch_, 0});
  }
}

Sentinel::Step Sentinel::tick(Instant now, const std::vector<ReplicaInfo>& replicas, Rng& rng) {
  Step step;
  check_sdown(now);
  check_odown();
  // sentinelStartFailoverIfNeeded
  bool started = false;
  if (odown_ && failover_ == Failover::none && now - failover_start_ >= config_.failover_timeout * 2) {
    failover_ = Failover::wait_start;
    failover_epoch_ = ++current_epoch_;
    events_.push_back({Event::Kind::try_failover, failover_epoch_, self_});
    failover_start_ = now + desync(rng);
    failover_state_change_ = now;
    started = true;
  }
  if (started) ask_peers(now, true, step);
  run_failover(now, replicas, rng, step);
  ask_peers(now, false, step);
  std::sort(step.ask.begin(), step.ask.end());
  step.ask.erase(std::unique(step.ask.begin(), step.ask.end()), step.ask.end());
  step.seek_vote = failover_ != Failover::none;
  return step;
}

// sentinelFailoverStateMachine: one state per tick.
void Sentinel::run_failover(Instant now, const std::vector<ReplicaInfo>& replicas, Rng& rng, Step& step) {
  switch (failover_) {
    case Failover::none:
    case Failover::reconf_replicas:
      return;
    case Failover::wait_start: {
      if (leader(now, rng) != self_) {
        if (now - failover_start_ > std::min(kElectionTimeout, config_.failover_timeout)) {
          events_.push_back({Event::Kind::abort_not_elected, failover_epoch_, self_});
          abort(now);
        }
        return;
      }
      events_.push_back({Event::Kind::elected_leader, failover_epoch_, self_});
      failover_ = Failover::select_replica;
      failover_state_change_ = now;
      return;
    }
    case Failover::select_replica: {
      static const RedisPromotion redis;
      const PromotionPolicy& policy = config_.promotion ? *config_.promotion : redis;
      promoted_ = policy.choose(replicas, usable_replicas(now, replicas, sdown_ ? std::optional<Duration>(now - sdown_since_) : std::nullopt,
                                                          config_.down_after));
      if (!promoted_) {
        events_.push_back({Event::Kind::abort_no_good_replica, failover_epoch_, 0});
        abort(now);
        return;
      }
      events_.push_back({Event::Kind::selected_replica, failover_epoch_, *promoted_});
      failover_ = Failover::send_slaveof_noone;
      failover_state_change_ = now;
      return;
    }
    case Failover::send_slaveof_noone:
      if (replicas[*promoted_].down) {  // cannot send it: retry until the timeout
        if (now - failover_state_change_ > config_.failover_timeout) {
          events_.push_back({Event::Kind::abort_replica_timeout, failover_epoch_, *promoted_});
          abort(now);
        }
        return;
      }
      step.promote = promoted_;
      failover_ = Failover::wait_promotion;
      failover_state_change_ = now;
      return;
    case Failover::wait_promotion:
      if (now - failover_state_change_ > config_.failover_timeout) {
        events_.push_back({Event::Kind::abort_replica_timeout, failover_epoch_, *promoted_});
        abort(now);
      }
      return;
  }
}

// sentinelAskMasterStateToOtherSentinels: replies older than 5 ask periods are forgotten;
// while the master is SDOWN, each peer not heard from within an ask period is asked (all
// of them at once when a failover has just started).
void Sentinel::ask_peers(Instant now, bool forced, Step& step) {
  for (std::size_t p = 0; p < peers_.size(); ++p) {
    if (p == self_) continue;
    Peer& peer = peers_[p];
    if (now - peer.last_reply > kAskPeriod * 5) {
      peer.master_down = false;
      peer.leader.reset();
    }
    if (!sdown_) continue;
    if (!forced && now - peer.last_reply < kAskPeriod) continue;
    step.ask.push_back(p);
  }
}

// sentinelVoteLeader: one vote per epoch, for the first candidate asking.
std::optional<std::size_t> Sentinel::vote(Instant now, std::uint64_t epoch, std::size_t candidate, Rng& rng) {
  current_epoch_ = std::max(current_epoch_, epoch);
  if (leader_epoch_ < epoch && current_epoch_ <= epoch) {
    leader_ = candidate;
    leader_epoch_ = current_epoch_;
    events_.push_back({Event::Kind::vote_for_leader, leader_epoch_, candidate});
    // Voting for another delays this Sentinel's own next failover.
    if (candidate != self_) failover_start_ = now + desync(rng);
  }
  return leader_;
}

// sentinelGetLeader for the failover's epoch: the peers' votes in the current epoch, this
// Sentinel's own, and the winner only with an absolute majority and at least quorum votes.
std::optional<std::size_t> Sentinel::leader(Instant now, Rng& rng) {
  std::map<std::size_t, int> votes;
  for (std::size_t p = 0; p < peers_.size(); ++p)
    if (p != self_ && peers_[p].leader && peers_[p].leader_epoch == current_epoch_) ++votes[*peers_[p].leader];
  std::optional<std::size_t> winner;
  int most = 0;
  for (const auto& [who, n] : votes)
    if (n > most) {
      most = n;
      winner = who;
    }
  const std::optional<std::size_t> mine = vote(now, failover_epoch_, winner.value_or(self_), rng);
  if (mine && leader_epoch_ == failover_epoch_) {
    const int n = ++votes[*mine];
    if (n > most) {
      most = n;
      winner = mine;
    }
  }
  const int majority = static_cast<int>(peers_.size()) / 2 + 1;
  if (winner && (most < majority || most < config_.quorum)) winner.reset();
  return winner;
}

void Sentinel::abort(Instant now) {
  failover_ = Failover::none;
  failover_state_change_ = now;
  promoted_.reset();
}

Sentinel::Reply Sentinel::on_request(Instant now, std::uint64_t epoch, std::optional<std::size_t> candidate, Rng& rng) {
  Reply r;
  r.master_down = sdown_;
  if (candidate) {
    r.leader = vote(now, epoch, *candidate, rng);
    r.leader_epoch = leader_epoch_;
  }
  return r;
}

void Sentinel::on_reply(Instant now, std::size_t peer, const Reply& reply) {
  Peer& p = peers_[peer];
  p.last_reply = now;
  p.master_down = reply.master_down;
  if (reply.leader) {
    p.leader = reply.leader;
    p.leader_epoch = reply.leader_epoch;
  }
}

void Sentinel::promotion_seen(Instant now) {
  if (failover_ != Failover::wait_promotion) return;
  config_epoch_ = failover_epoch_;
  failover_ = Failover::reconf_replicas;
  failover_state_change_ = now;
  events_.push_back({Event::Kind::promoted_replica, failover_epoch_, *promoted_});
}

void Sentinel::switch_master(Instant now, std::uint64_t config_epoch) {
  config_epoch_ = std::max(config_epoch_, config_epoch);
  current_epoch_ = std::max(current_epoch_, config_epoch);
  sdown_ = odown_ = false;
  leader_.reset();
  failover_ = Failover::none;
  failover_state_change_ = now;
  failover_start_ = Instant::at_seconds(-1e18);  // "We can failover again ASAP."
  promoted_.reset();
  act_ping_ = now;
  for (Peer& p : peers_) p.master_down = false;
}

std::vector<Sentinel::Event> Sentinel::take_events() {
  std::vector<Event> out;
  out.swap(events_);
  return out;
}

std::vector<bool> Sentinel::usable_replicas(Instant now, const std::vector<ReplicaInfo>& replicas,
                                            std::optional<Duration> master_sdown_for, Duration down_after) {
  const Duration max_link_down = master_sdown_for.value_or(Duration()) + down_after * 10;
  // With the master SDOWN, INFO comes every second; else every info period.
  const Duration info_validity = master_sdown_for ? kPingPeriod * 5 : kInfoPeriod * 3;
  std::vector<bool> usable(replicas.size());
  for (std::size_t i = 0; i < replicas.size(); ++i) {
    const ReplicaInfo& r = replicas[i];
    usable[i] = !r.down && r.priority != 0 && now - r.last_reply <= kPingPeriod * 5 && now - r.info_refresh <= info_validity &&
                r.master_link_down <= max_link_down;
  }
  return usable;
}

}  // namespace halab
