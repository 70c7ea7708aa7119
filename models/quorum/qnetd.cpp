#include "models/quorum/qnetd.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace halab {
namespace {
std::size_t count(const std::vector<bool>& set) { return static_cast<std::size_t>(std::count(set.begin(), set.end(), true)); }
} // namespace

Qnetd::Qnetd(QnetdConfig config)
    : config_(config), last_voted_(config.nodes, false), last_winners_(config.nodes, false),
      last_heard_(config.nodes, -std::numeric_limits<double>::infinity()), answers_(config.nodes, Answer::none) {
  if (config_.nodes < 2) throw std::invalid_argument("qnetd: a cluster of at least 2 nodes");
  if (config_.tie_breaker == QnetdConfig::TieBreaker::node && config_.tie_breaker_node >= config_.nodes)
    throw std::invalid_argument("qnetd: the tie-breaker node is not a node");
}

bool Qnetd::holds(const Partition& p, std::size_t node) const { return node < p.members.size() && p.members[node]; }

// The tie-breaker node among `among`: the lowest, the highest, or the one configured.
std::size_t Qnetd::tie_breaker(const std::vector<bool>& among) const {
  if (config_.tie_breaker == QnetdConfig::TieBreaker::node) return config_.tie_breaker_node;
  std::size_t chosen = config_.nodes;
  for (std::size_t n = 0; n < among.size(); ++n)
    if (among[n] && (chosen == config_.nodes || config_.tie_breaker == QnetdConfig::TieBreaker::highest)) chosen = n;
  return chosen;
}

std::optional<std::size_t> Qnetd::ffsplit(const std::vector<Partition>& parts) const {
  const std::size_t half = config_.nodes / 2;
  std::optional<std::size_t> best;
  // qnetd_algo_ffsplit_partition_cmp: is `a` better than `b`?
  auto better = [&](const Partition& a, const Partition& b) {
    if (a.listed != b.listed) return a.listed > b.listed;
    bool a_active = false, b_active = false;
    for (std::size_t n = 0; n < config_.nodes; ++n) {
      a_active = a_active || (last_voted_[n] && holds(a, n));
      b_active = b_active || (last_voted_[n] && holds(b, n));
    }
    if (a_active != b_active) return a_active;
    return holds(a, tie_breaker(std::vector<bool>(config_.nodes, true)));
  };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::size_t size = count(parts[i].members);
    if (config_.nodes % 2 != 0 || size != half) {
      if (size > half) return i;  // a majority of the configured nodes
      continue;
    }
    if (!best || better(parts[i], parts[*best])) best = i;
  }
  return best;
}

// The listed clients grouped by the view each reported.
std::vector<Qnetd::Partition> Qnetd::partitions(const std::vector<bool>& listed, const std::vector<std::vector<bool>>& views) const {
  std::vector<Partition> parts;
  for (std::size_t n = 0; n < config_.nodes; ++n) {
    if (!listed[n]) continue;
    auto it = std::find_if(parts.begin(), parts.end(), [&](const Partition& p) { return p.members == views[n]; });
    if (it == parts.end()) it = parts.insert(parts.end(), Partition{views[n], 0, {}});
    ++it->listed;
    it->clients.push_back(n);
  }
  return parts;
}

// do_lms_algorithm for `asker`, a listed client.
Qnetd::Answer Qnetd::lms(std::size_t asker, const std::vector<bool>& listed, const std::vector<std::vector<bool>>& views) const {
  const std::vector<bool>& mine = views[asker];
  for (std::size_t o = 0; o < config_.nodes; ++o)
    if (o != asker && listed[o] && (mine[o] || views[o][asker]) && views[o] != mine) return Answer::wait;
  const std::vector<Partition> parts = partitions(listed, views);
  if (parts.size() == 1) return Answer::ack;  // only one partition: let votequorum sort it out
  if (answers_[asker] == Answer::none || answers_[asker] == Answer::refused)  // a newcomer
    for (std::size_t o = 0; o < config_.nodes; ++o)
      if (listed[o] && views[o] != mine && answers_[o] == Answer::ack) return Answer::refused;
  std::size_t most = 0;
  for (const auto& p : parts) most = std::max(most, p.listed);
  std::vector<const Partition*> leaders;
  for (const auto& p : parts)
    if (p.listed == most) leaders.push_back(&p);
  if (leaders.size() == 1) return leaders.front()->members == mine ? Answer::ack : Answer::nack;
  const std::size_t tb = tie_breaker(listed);
  return tb == asker || (tb < config_.nodes && listed[tb] && views[tb] == mine) ? Answer::ack : Answer::nack;
}

// The asker (or each connected client) is answered if it asks: it is new, was told to wait,
// or reports a new view; the others keep their answers.
std::vector<bool> Qnetd::decide_lms(const std::vector<bool>& listed, const std::vector<bool>& connected,
                                    const std::vector<std::vector<bool>>& views, std::optional<std::size_t> asker) {
  if (last_views_.empty()) last_views_ = views;
  for (std::size_t c = 0; c < config_.nodes; ++c)
    if (!listed[c]) answers_[c] = Answer::none;  // dropped: a newcomer when it connects again
  std::vector<bool> winners(config_.nodes, false);
  for (std::size_t c = 0; c < config_.nodes; ++c) {
    if (!connected[c]) continue;
    if ((!asker || *asker == c) && (answers_[c] == Answer::none || answers_[c] == Answer::wait || views[c] != last_views_[c])) {
      answers_[c] = lms(c, listed, views);
      last_views_[c] = views[c];
    }
    winners[c] = answers_[c] == Answer::ack;
  }
  return winners;
}

std::vector<bool> Qnetd::decide(double now, const std::vector<bool>& connected, const std::vector<std::vector<bool>>& views,
                                std::optional<std::size_t> asker) {
  if (connected.size() != config_.nodes || views.size() != config_.nodes) throw std::invalid_argument("qnetd: wrong number of nodes");
  // The clients in qnetd's list: those that reach it, and those silent for less than the
  // dead peer detection's interval.
  std::vector<bool> listed(config_.nodes, false);
  for (std::size_t n = 0; n < config_.nodes; ++n) {
    if (connected[n]) last_heard_[n] = now;
    listed[n] = now - last_heard_[n] < config_.dpd_s || connected[n];
  }
  if (config_.algorithm == QnetdConfig::Algorithm::lms) return decide_lms(listed, connected, views, asker);
  const std::vector<Partition> parts = partitions(listed, views);
  for (const auto& p : parts)
    for (std::size_t n = 0; n < config_.nodes; ++n)
      if (p.members[n] && listed[n] && views[n] != p.members) {
        // Unstable: a client out of reach keeps no vote, the others keep the last decision.
        std::vector<bool> kept = last_winners_;
        for (std::size_t c = 0; c < config_.nodes; ++c)
          kept[c] = kept[c] && connected[c] && !last_views_.empty() && views[c] == last_views_[c];
        return kept;
      }
  std::vector<bool> winners(config_.nodes, false);
  last_winners_ = winners;
  last_views_ = views;
  if (parts.empty()) return winners;
  const auto chosen = ffsplit(parts);
  if (!chosen) return winners;
  for (std::size_t n : parts[*chosen].clients) winners[n] = connected[n];  // a listed client out of reach hears nothing
  last_voted_ = parts[*chosen].members;
  last_winners_ = winners;
  return winners;
}

bool Qnetd::answered(std::size_t node, const std::vector<std::vector<bool>>& views) const {
  if (last_views_.empty() || node >= views.size() || views[node] != last_views_[node]) return false;
  return config_.algorithm == QnetdConfig::Algorithm::ffsplit || (answers_[node] != Answer::none && answers_[node] != Answer::wait);
}

} // namespace halab
