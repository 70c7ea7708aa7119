#include "models/quorum/votequorum.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace halab {

std::string VoteQuorumConfig::problem() const {
  if (votes.empty()) return "no nodes";
  if (two_node && device_votes > 0) return "two_node cannot be used with a quorum device";
  if (auto_tie_breaker && device_votes > 0) return "auto_tie_breaker cannot be used with a quorum device";
  for (std::size_t n : tie_breaker_list)
    if (n >= votes.size()) return "auto_tie_breaker_node names an unknown node";
  if (tie_breaker == TieBreaker::list && tie_breaker_list.empty()) return "auto_tie_breaker_node list is empty";
  return "";
}

VoteQuorum::VoteQuorum(VoteQuorumConfig config, std::size_t self)
    : config_(std::move(config)), self_(self), wait_for_all_(config_.wait_for_all.value_or(config_.two_node)),
      members_(config_.votes.size(), false) {
  if (std::string p = config_.problem(); !p.empty()) throw std::invalid_argument("votequorum: " + p);
  if (self_ >= config_.votes.size()) throw std::invalid_argument("votequorum: self is not a node");
  unsigned all = std::accumulate(config_.votes.begin(), config_.votes.end(), 0u) + config_.device_votes;
  configured_expected_ = config_.expected_votes > 0 ? config_.expected_votes : all;
  expected_votes_ = configured_expected_;
  members_[self_] = true;
}

unsigned VoteQuorum::quorum() const {
  // votequorum(5): two_node makes one vote enough, but only while at most two nodes are
  // members ("if more than 2 nodes join the cluster, the two_node option is automatically
  // disabled"; votequorum.c, calculate_quorum: `two_node && total_nodes <= 2`).
  if (config_.two_node && std::count(members_.begin(), members_.end(), true) <= 2) return 1;
  return expected_votes_ / 2 + 1;
}

void VoteQuorum::update(Instant now, const std::vector<bool>& members, bool device_vote) {
  if (members.size() != members_.size()) throw std::invalid_argument("votequorum: wrong membership size");
  bool lost_someone = false;
  for (std::size_t i = 0; i < members.size(); ++i) lost_someone |= members_[i] && !members[i];
  members_ = members;
  members_[self_] = true;
  device_vote_ = device_vote;
  if (std::all_of(members_.begin(), members_.end(), [](bool m) { return m; })) seen_all_ = true;
  recompute();
  // last_man_standing: a loss (re)starts the window; any change restarts it.
  if (config_.last_man_standing) lms_deadline_ = (lost_someone || lms_deadline_) ? std::optional(now + config_.last_man_standing_window) : std::nullopt;
}

void VoteQuorum::tick(Instant now) {
  if (!lms_deadline_ || now < *lms_deadline_) return;
  lms_deadline_.reset();
  if (!quorate_) return;  // LMS only ever lowers expected_votes of a quorate partition
  expected_votes_ = std::max(2u, total_votes_);
  recompute();
}

std::optional<std::size_t> VoteQuorum::tie_breaker_node() const {
  const std::vector<bool>& basis = last_quorate_members_.empty() ? std::vector<bool>(members_.size(), true)
                                                                 : last_quorate_members_;
  switch (config_.tie_breaker) {
  case VoteQuorumConfig::TieBreaker::lowest:
    for (std::size_t i = 0; i < basis.size(); ++i)
      if (basis[i]) return i;
    break;
  case VoteQuorumConfig::TieBreaker::highest:
    for (std::size_t i = basis.size(); i-- > 0;)
      if (basis[i]) return i;
    break;
  case VoteQuorumConfig::TieBreaker::list:
    for (std::size_t n : config_.tie_breaker_list)
      if (basis[n]) return n;
    break;
  }
  return std::nullopt;
}

void VoteQuorum::recompute() {
  total_votes_ = config_.device_votes * static_cast<unsigned>(device_vote_);
  for (std::size_t i = 0; i < members_.size(); ++i)
    if (members_[i]) total_votes_ += config_.votes[i];
  // More votes than expected raise expected_votes (votequorum never lowers it on its own).
  expected_votes_ = std::max(expected_votes_, total_votes_);

  bool by_votes = total_votes_ >= quorum();
  bool tie = !by_votes && config_.auto_tie_breaker && total_votes_ * 2 == expected_votes_;
  std::optional<std::size_t> breaker = tie ? tie_breaker_node() : std::nullopt;
  bool by_tie = tie && breaker && members_[*breaker];

  if (waiting_for_all()) {
    quorate_ = false;
    reason_ = "wait_for_all: not all nodes seen yet";
  } else if (by_votes) {
    quorate_ = true;
    reason_ = "votes reach quorum";
  } else if (by_tie) {
    quorate_ = true;
    reason_ = "auto_tie_breaker: even split, tie-breaker node here";
  } else {
    quorate_ = false;
    reason_ = tie ? "auto_tie_breaker: even split, tie-breaker node on the other side" : "votes below quorum";
  }
  if (quorate_) last_quorate_members_ = members_;
}

} // namespace halab
