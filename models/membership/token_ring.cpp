#include "models/membership/token_ring.hpp"

#include <stdexcept>

namespace halab {
namespace {
// The ring's identity: a hash of its members (FNV-1a over their indexes).
std::uint64_t ring_id(const std::vector<bool>& members) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i]) {
      h ^= static_cast<std::uint64_t>(i) + 1;
      h *= 1099511628211ULL;
    }
  return h;
}
} // namespace

TokenRing::TokenRing(std::size_t self, Duration token_timeout, Duration hold)
    : self_(self), timeout_(token_timeout), hold_(hold) {
  if (!(token_timeout > Duration())) throw std::invalid_argument("token ring: the token timeout must be positive");
}

Duration TokenRing::default_hold(Duration token) {
  Duration hold = token * (0.8 / 4.2) - Duration::millis(10);
  return hold > Duration() ? hold : Duration();
}

TokenStep TokenRing::install(Instant now, const std::vector<bool>& members) {
  if (self_ >= members.size() || !members[self_]) throw std::invalid_argument("token ring: self is not in the ring");
  ring_ = ring_id(members);
  hold_until_.reset();
  successor_.reset();
  std::size_t first = members.size();
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i]) {
      if (first == members.size()) first = i;
      if (i > self_ && !successor_) successor_ = i;
    }
  if (!successor_ && first != self_) successor_ = first;  // wrap round
  representative_ = first == self_;
  last_token_ = now;
  if (!successor_) return {};
  if (early_ == ring_) return receive(now, ring_);
  early_.reset();
  if (!representative_) return {};
  return {successor_, false, false};
}

TokenStep TokenRing::receive(Instant now, std::uint64_t ring) {
  if (ring != ring_) {
    early_ = ring;
    return {};
  }
  early_.reset();
  if (!successor_) return {};
  last_token_ = now;
  if (representative_) {
    hold_until_ = now + hold_;
    return {std::nullopt, false, true};
  }
  return {successor_, false, true};
}

TokenStep TokenRing::on_timer(Instant now) {
  TokenStep step;
  if (hold_until_ && now >= *hold_until_) {
    hold_until_.reset();
    step.send_to = successor_;
  }
  if (successor_ && last_token_ && now >= *last_token_ + timeout_) {
    step.lost = true;
    last_token_ = now;  // it fires again a timeout later if the token still does not come
  }
  return step;
}

void TokenRing::lost_elsewhere(Instant now) {
  if (successor_) last_token_ = now;
}

TokenStep TokenRing::restart(Instant now) {
  if (!successor_ || !representative_) return {};
  last_token_ = now;
  hold_until_.reset();
  return {successor_, false, true};
}

Instant TokenRing::deadline() const {
  if (!successor_ || !last_token_) return Instant::never();
  Instant loss = *last_token_ + timeout_;
  return hold_until_ && *hold_until_ < loss ? *hold_until_ : loss;
}

} // namespace halab
