#include "models/replication/replication_log.hpp"

#include <algorithm>
#include <cassert>

namespace halab {

const char* to_string(ReplicationMode mode) {
  switch (mode) {
    case ReplicationMode::async: return "async";
    case ReplicationMode::semi_sync: return "semi-sync";
    case ReplicationMode::sync: return "sync";
  }
  return "?";
}

ReplicationLog::ReplicationLog(ReplicationConfig config, std::size_t members, std::size_t primary)
    : config_(config), primary_(primary), received_(members, 0), acked_(members, 0), applied_(members, 0), in_view_(members, 1) {
  assert(primary < members);
}

ReplicationLog::Seq ReplicationLog::commit(Instant now, std::uint64_t write) {
  const Seq seq = ++head_;
  received_[primary_] = acked_[primary_] = applied_[primary_] = seq;
  entries_.push_back({seq, now, write, false});
  const bool waits = config_.mode == ReplicationMode::sync || (config_.mode == ReplicationMode::semi_sync && semi_on_);
  if (waits && !enough_replicas(seq)) waiting_.push_back({seq, now});
  else acknowledge(now, seq);
  trim();
  return seq;
}

bool ReplicationLog::enough_replicas(Seq seq) const {
  int have = 0, need = 0;
  for (std::size_t m = 0; m < received_.size(); ++m) {
    if (m == primary_) continue;
    if (config_.mode == ReplicationMode::sync) {
      if (!in_view_[m]) continue;
      ++need;
    }
    if (acked_[m] >= seq) ++have;
  }
  if (config_.mode == ReplicationMode::semi_sync) need = config_.wait_for_replica_count;
  return have >= need;
}

void ReplicationLog::received(std::size_t m, Seq upto) {
  if (m != primary_) received_[m] = std::max(received_[m], std::min(upto, head_));
}

void ReplicationLog::acknowledged_by(Instant now, std::size_t m, Seq upto) {
  if (m == primary_ || upto <= acked_[m]) return;
  acked_[m] = std::min(upto, received_[m]);
  if (config_.mode == ReplicationMode::semi_sync && !semi_on_ && acked_[m] >= head_) {
    semi_on_ = true;  // try_switch_on: the replica has caught up with the latest commit
    events_.push_back({Event::Kind::semi_sync_on, now, head_, 0, m});
  }
  if (config_.mode == ReplicationMode::sync) rejoin_if_caught_up(now, m);
  acknowledge_ready(now);
}

void ReplicationLog::applied(std::size_t m, Seq upto) {
  if (m == primary_) return;
  applied_[m] = std::max(applied_[m], std::min(upto, received_[m]));
  trim();
}

void ReplicationLog::rejoin_if_caught_up(Instant now, std::size_t m) {
  if (in_view_[m] || acked_[m] < head_) return;
  in_view_[m] = 1;
  events_.push_back({Event::Kind::joined_view, now, head_, 0, m});
}

void ReplicationLog::acknowledge_ready(Instant now) {
  while (!waiting_.empty() && enough_replicas(waiting_.front().seq)) {
    const Seq seq = waiting_.front().seq;
    waiting_.pop_front();
    acknowledge(now, seq);
  }
}

void ReplicationLog::acknowledge(Instant now, Seq seq) {
  Entry& e = entry(seq);
  e.acknowledged = true;
  events_.push_back({Event::Kind::acknowledged, now, seq, e.write, 0});
}

void ReplicationLog::acknowledge_all_waiting(Instant now) {
  while (!waiting_.empty()) {
    const Seq seq = waiting_.front().seq;
    waiting_.pop_front();
    acknowledge(now, seq);
  }
}

Instant ReplicationLog::next_deadline() const {
  return waiting_.empty() ? Instant::never() : waiting_.front().since + config_.timeout;
}

void ReplicationLog::on_timers(Instant now) {
  while (!waiting_.empty() && next_deadline() <= now) {
    const Seq seq = waiting_.front().seq;
    if (config_.mode == ReplicationMode::semi_sync) {
      // The source reverts to asynchronous replication: every waiting commit returns.
      semi_on_ = false;
      events_.push_back({Event::Kind::semi_sync_off, now, seq, 0, 0});
      acknowledge_all_waiting(now);
    } else {
      // sync: the replicas that left the oldest commit unanswered leave the view.
      for (std::size_t m = 0; m < received_.size(); ++m)
        if (m != primary_ && in_view_[m] && acked_[m] < seq) {
          in_view_[m] = 0;
          events_.push_back({Event::Kind::left_view, now, seq, 0, m});
        }
      acknowledge_ready(now);
    }
  }
}

ReplicationLog::Loss ReplicationLog::promote(std::size_t m, bool relay_log_applies) {
  Loss loss;
  if (m == primary_) {
    loss.kept = head_;
    return loss;
  }
  const Seq kept = relay_log_applies ? received_[m] : applied_[m];
  loss.kept = kept;
  for (const Entry& e : entries_) {
    if (e.seq <= kept) continue;
    if (!e.acknowledged) {
      ++loss.unacknowledged;
      continue;
    }
    if (loss.acknowledged++ == 0) loss.first_commit = e.committed;
    loss.last_commit = e.committed;
  }
  while (!entries_.empty() && entries_.back().seq > kept) entries_.pop_back();
  waiting_.clear();
  head_ = kept;
  for (std::size_t i = 0; i < received_.size(); ++i) {
    received_[i] = std::min(received_[i], kept);
    acked_[i] = 0;  // the new primary has heard from nobody yet
    applied_[i] = std::min(applied_[i], kept);
  }
  received_[m] = acked_[m] = applied_[m] = kept;
  primary_ = m;
  semi_on_ = true;
  std::fill(in_view_.begin(), in_view_.end(), 1);
  trim();
  return loss;
}

std::vector<ReplicationLog::Event> ReplicationLog::take_events() {
  std::vector<Event> out;
  out.swap(events_);
  return out;
}

ReplicationLog::Entry& ReplicationLog::entry(Seq seq) {
  assert(!entries_.empty() && seq >= entries_.front().seq && seq <= entries_.back().seq);
  return entries_[seq - entries_.front().seq];
}

Instant ReplicationLog::commit_time(Seq seq) const {
  assert(!entries_.empty() && seq >= entries_.front().seq && seq <= entries_.back().seq);
  return entries_[seq - entries_.front().seq].committed;
}

Duration ReplicationLog::lag(Instant now, std::size_t m) const {
  if (applied_[m] >= head_) return Duration();
  return now - commit_time(applied_[m] + 1);
}

void ReplicationLog::trim() {
  const Seq low = *std::min_element(applied_.begin(), applied_.end());
  while (!entries_.empty() && entries_.front().seq <= low && (entries_.front().acknowledged || waiting_.empty() ||
                                                               entries_.front().seq < waiting_.front().seq))
    entries_.pop_front();
}

}  // namespace halab
