#include "models/membership/membership.hpp"

#include <algorithm>
#include <stdexcept>

namespace halab {

Duration MembershipTiming::token_timeout(std::size_t nodes) const {
  std::size_t extra = nodes > 2 ? nodes - 2 : 0;
  return token + token_coefficient * static_cast<double>(extra);
}

Duration MembershipTiming::consensus(std::size_t nodes) const {
  return kind == Kind::corosync ? token_timeout(nodes) * consensus_factor : Duration();
}

std::size_t MembershipView::size() const {
  return static_cast<std::size_t>(std::count(members.begin(), members.end(), true));
}

Membership::Membership(std::size_t nodes, std::size_t self, MembershipTiming timing)
    : self_(self), timing_(timing), nodes_(nodes), alive_(nodes, false), known_(nodes, false) {
  if (self >= nodes) throw std::invalid_argument("membership: self is not a node");
  alive_[self] = true;
  known_[self] = true;
  view_.members = alive_;
}

void Membership::heard(Instant now, std::size_t peer) {
  if (peer == self_ || alive_[peer]) return;
  known_[peer] = true;
  alive_[peer] = true;
  schedule(now);
}

void Membership::lost(Instant now, std::size_t peer) {
  if (peer == self_) return;
  bool was_known = known_[peer];
  known_[peer] = true;
  if (!alive_[peer] && was_known) return;
  alive_[peer] = false;
  schedule(now);
}

void Membership::schedule(Instant now) {
  if (!formed_) {
    if (std::find(known_.begin(), known_.end(), false) != known_.end()) return;  // still gathering
    pending_at_ = now + timing_.consensus(nodes_);
    return;
  }
  if (alive_ == view_.members) {
    pending_at_.reset();  // back to the installed view before it changed
    return;
  }
  Instant at = now + timing_.consensus(nodes_);
  // Every change during the gather pushes the new ring out: changes close together form one.
  pending_at_ = pending_at_ ? std::max(*pending_at_, at) : at;
}

std::optional<MembershipView> Membership::poll(Instant now) {
  if (!pending_at_ || now < *pending_at_) return std::nullopt;
  pending_at_.reset();
  if (formed_ && alive_ == view_.members) return std::nullopt;
  formed_ = true;
  view_.members = alive_;
  ++view_.ring;
  return view_;
}

} // namespace halab
