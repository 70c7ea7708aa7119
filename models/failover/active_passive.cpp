#include "models/failover/active_passive.hpp"

#include <stdexcept>

namespace halab {

ActivePassiveController::ActivePassiveController(ActivePassiveConfig config, std::size_t self)
    : config_(std::move(config)), self_(self), peers_(config_.members.size(), PeerState::unknown),
      claims_(config_.members.size(), false) {
  if (self_ >= config_.members.size())
    throw std::invalid_argument("active/passive: self is not a member");
  peers_[self_] = PeerState::alive;
}

bool ActivePassiveController::outranks(std::size_t a, std::size_t b) const {
  int pa = config_.members[a].priority;
  int pb = config_.members[b].priority;
  return pa != pb ? pa > pb : a < b;
}

std::optional<std::size_t> ActivePassiveController::believed_primary() const {
  if (holds_ip()) return self_;
  for (std::size_t i = 0; i < peers_.size(); ++i)
    if (i != self_ && peers_[i] == PeerState::alive && claims_[i]) return i;
  return std::nullopt;
}

std::vector<FailoverAction> ActivePassiveController::on_heartbeat(Instant, std::size_t peer,
                                                                  bool peer_claims_primary) {
  if (peer == self_ || peer >= peers_.size()) return {};
  bool changed = peers_[peer] != PeerState::alive || claims_[peer] != peer_claims_primary;
  peers_[peer] = PeerState::alive;
  claims_[peer] = peer_claims_primary;
  if (!changed) return {};
  return decide(config_.members[peer].name + (peer_claims_primary ? " holds the IP" : " is standby"));
}

std::vector<FailoverAction> ActivePassiveController::on_suspect(Instant, std::size_t peer) {
  if (peer == self_ || peer >= peers_.size() || peers_[peer] == PeerState::suspected) return {};
  peers_[peer] = PeerState::suspected;
  claims_[peer] = false;
  return decide(config_.members[peer].name + " suspected");
}

std::vector<FailoverAction> ActivePassiveController::decide(const std::string& cause) {
  std::optional<std::size_t> live_claimant;
  bool outranks_all_live = true;
  for (std::size_t i = 0; i < peers_.size(); ++i) {
    if (i == self_) continue;
    if (peers_[i] == PeerState::unknown) return {};  // still waiting to hear from everyone
    if (peers_[i] != PeerState::alive) continue;
    if (claims_[i] && (!live_claimant || outranks(i, *live_claimant))) live_claimant = i;
    if (!outranks(self_, i)) outranks_all_live = false;
  }

  if (role_ == FailoverRole::primary) {
    if (live_claimant && outranks(*live_claimant, self_)) {
      role_ = FailoverRole::standby;
      return {{FailoverAction::Kind::release_ip,
               "yield to " + config_.members[*live_claimant].name + " (higher rank)"}};
    }
    return {};
  }

  if (!outranks_all_live) return {};
  if (!live_claimant) {
    role_ = FailoverRole::primary;
    return {{FailoverAction::Kind::take_ip, cause + "; no live primary"}};
  }
  if (config_.failback) {
    role_ = FailoverRole::primary;
    return {{FailoverAction::Kind::take_ip,
             "failback: preempt " + config_.members[*live_claimant].name}};
  }
  return {};
}

} // namespace halab
