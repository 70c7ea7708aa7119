#include "models/membership/membership.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halab {

Duration MembershipTiming::token_timeout(std::size_t nodes) const {
  std::size_t extra = nodes > 2 ? nodes - 2 : 0;
  return token + token_coefficient * static_cast<double>(extra);
}

Duration MembershipTiming::consensus(std::size_t nodes) const {
  return kind == Kind::corosync ? token_timeout(nodes) * consensus_factor : Duration();
}

Duration MembershipTiming::join_delay() const {
  return kind == Kind::corosync ? join : Duration();
}

std::size_t MembershipView::size() const {
  return static_cast<std::size_t>(std::count(members.begin(), members.end(), true));
}

namespace {
// A fixed pseudo-random key per node (splitmix64's finaliser): the digest of a set is the
// XOR of its members' keys, so it changes in O(1) when one member comes or goes.
std::uint64_t node_key(std::size_t node) {
  std::uint64_t z = static_cast<std::uint64_t>(node) + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
}  // namespace

Membership::Membership(std::size_t nodes, std::size_t self, MembershipTiming timing, Duration agreement_grace)
    : self_(self), timing_(timing), nodes_(nodes), alive_(nodes, false), known_(nodes, false),
      grace_(agreement_grace), agreement_(std::isfinite(agreement_grace.to_seconds())), peer_digest_(nodes, 0), disagrees_(nodes), excluded_(nodes, false),
      candidate_(nodes, false) {
  if (self >= nodes) throw std::invalid_argument("membership: self is not a node");
  alive_[self] = true;
  known_[self] = true;
  candidate_[self] = true;
  digest_ = node_key(self);
  view_.members = alive_;
}

void Membership::heard(Instant now, std::size_t peer) {
  if (peer == self_ || alive_[peer]) return;
  known_[peer] = true;
  alive_[peer] = true;
  digest_ ^= node_key(peer);
  for (std::size_t p = 0; p < nodes_; ++p) compare(now, p);
  next_exclusion_changed();
  schedule(now);
}

void Membership::lost(Instant now, std::size_t peer) {
  if (peer == self_) return;
  bool was_known = known_[peer];
  known_[peer] = true;
  if (!alive_[peer] && was_known) return;
  if (alive_[peer]) digest_ ^= node_key(peer);
  alive_[peer] = false;
  for (std::size_t p = 0; p < nodes_; ++p) compare(now, p);
  next_exclusion_changed();
  schedule(now);
}

void Membership::peer_digest(Instant now, std::size_t peer, std::uint64_t digest) {
  if (peer == self_ || peer_digest_[peer] == digest) return;
  peer_digest_[peer] = digest;
  bool was_candidate = candidate(peer);
  bool was_disagreeing = disagrees_[peer].has_value();
  compare(now, peer);
  if (disagrees_[peer].has_value() != was_disagreeing) next_exclusion_changed();
  if (candidate(peer) != was_candidate) schedule(now);
}

void Membership::compare(Instant now, std::size_t peer) {
  if (peer == self_ || !agreement_) return;
  if (peer_digest_[peer] == digest_ || !alive_[peer]) {
    // Agreement (or silence, which the detector handles) ends any exclusion.
    disagrees_[peer].reset();
    excluded_[peer] = false;
  } else if (!disagrees_[peer]) {
    disagrees_[peer] = now;
  }
}

void Membership::next_exclusion_changed() {
  next_exclusion_.reset();
  for (std::size_t p = 0; p < nodes_; ++p)
    if (disagrees_[p] && !excluded_[p]) {
      Instant at = *disagrees_[p] + grace_;
      if (!next_exclusion_ || at < *next_exclusion_) next_exclusion_ = at;
    }
}

void Membership::exclude_disagreeing(Instant now) {
  if (!next_exclusion_ || now < *next_exclusion_) return;
  for (std::size_t p = 0; p < nodes_; ++p)
    if (disagrees_[p] && !excluded_[p] && now >= *disagrees_[p] + grace_) excluded_[p] = true;
  next_exclusion_changed();
  schedule(now);
}

// A member of the installed view stays while it is heard and has not disagreed for the
// whole grace; a node outside it joins once it is heard and agrees.
bool Membership::candidate(std::size_t peer) const {
  if (peer == self_) return true;
  return alive_[peer] && !excluded_[peer] && (view_.members[peer] || !disagrees_[peer]);
}

std::optional<Instant> Membership::next_timer() const {
  if (!next_exclusion_) return pending_at_;
  if (!pending_at_) return next_exclusion_;
  return std::min(*pending_at_, *next_exclusion_);
}

// Totem commits a ring as soon as the joins of everyone in it agree; it waits for the
// consensus timer only when someone does not agree: a member that was lost, or a node it
// hears whose join differs (such a node is marked failed when the timer fires).
void Membership::schedule(Instant now) {
  bool waits = false;  // a member leaves, or a node this one hears is left out
  for (std::size_t p = 0; p < nodes_; ++p) {
    candidate_[p] = candidate(p);
    waits = waits || ((view_.members[p] || alive_[p]) && !candidate_[p]);
  }
  Instant at = now + (waits ? timing_.consensus(nodes_) : timing_.join_delay());
  if (!formed_) {
    if (std::find(known_.begin(), known_.end(), false) == known_.end()) pending_at_ = at;  // else gathering
    return;
  }
  if (candidate_ == view_.members) {
    pending_at_.reset();  // back to the installed view before it changed
    return;
  }
  // While someone disagrees, every change pushes the new ring out (changes close together
  // form one); once all agree, the ring forms one join timeout later.
  pending_at_ = waits && pending_at_ ? std::max(*pending_at_, at) : at;
}

std::optional<MembershipView> Membership::poll(Instant now) {
  exclude_disagreeing(now);
  if (!pending_at_ || now < *pending_at_) return std::nullopt;
  pending_at_.reset();
  if (formed_ && candidate_ == view_.members) return std::nullopt;
  formed_ = true;
  view_.members = candidate_;
  ++view_.ring;
  return view_;
}

} // namespace halab
