#include "models/cluster/cluster_node.hpp"

#include <stdexcept>

namespace halab {

ClusterNode::ClusterNode(ClusterNodeConfig config, std::size_t self, std::uint64_t known_epoch, Instant started)
    : config_(std::move(config)), self_(self), highest_epoch_(known_epoch) {
  std::size_t n = config_.priorities.size();
  if (self_ >= n) throw std::invalid_argument("cluster node: self is not a node");
  members_.assign(n, false);
  members_[self_] = true;
  peer_running_.assign(n, false);
  peer_epoch_.assign(n, 0);
  // Startup fencing: every other node's state is unknown until it joins a view.
  const bool fencing = config_.fencing != FencingMode::none;
  unclean_.assign(n, fencing);
  unclean_[self_] = false;
  fence_pending_.assign(n, false);
  left_at_.assign(n, fencing ? std::optional<Instant>(started) : std::nullopt);
  left_at_[self_].reset();
}

bool ClusterNode::outranks(std::size_t a, std::size_t b) const {
  int pa = config_.priorities[a], pb = config_.priorities[b];
  return pa != pb ? pa > pb : a < b;
}

bool ClusterNode::is_dc() const {
  for (std::size_t i = 0; i < members_.size(); ++i)
    if (members_[i]) return i == self_;
  return false;
}

std::optional<std::size_t> ClusterNode::believed_holder() const {
  if (running_) return self_;
  for (std::size_t i = 0; i < members_.size(); ++i)
    if (i != self_ && members_[i] && peer_running_[i]) return i;
  return std::nullopt;
}

std::vector<ClusterAction> ClusterNode::stop(const std::string& reason) {
  running_ = false;
  return {{ClusterAction::Kind::stop, self_, epoch_, reason}};
}

std::vector<ClusterAction> ClusterNode::on_view(Instant now, const std::vector<bool>& members, bool quorate) {
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i == self_) continue;
    if (members_[i] && !members[i]) {
      // Left the view: its state is unknown until it is fenced, unless fencing is off.
      unclean_[i] = config_.fencing != FencingMode::none;
      left_at_[i] = now;
      if (peer_running_[i]) last_holder_ = i;
      peer_running_[i] = false;
    } else if (!members_[i] && members[i]) {
      unclean_[i] = false;  // back in the view: it speaks for itself again
      left_at_[i].reset();
      if (peer_running_[i]) last_holder_ = i;
    }
  }
  members_ = members;
  members_[self_] = true;
  quorate_ = quorate;
  resyncing_ = false;
  return decide(now);
}

std::vector<ClusterAction> ClusterNode::on_peer(Instant now, std::size_t peer, bool running, std::uint64_t epoch) {
  if (peer == self_) return {};
  // Kept even for a peer outside the view: when it joins, its state is already known.
  bool changed = peer_running_[peer] != running || peer_epoch_[peer] != epoch;
  peer_running_[peer] = running;
  peer_epoch_[peer] = epoch;
  highest_epoch_ = std::max(highest_epoch_, epoch);
  if (!members_[peer]) return {};
  if (running) last_holder_ = peer;
  return changed ? decide(now) : std::vector<ClusterAction>{};
}

std::vector<ClusterAction> ClusterNode::on_fence_result(Instant now, std::size_t target, bool succeeded) {
  fence_pending_[target] = false;
  if (succeeded) {
    unclean_[target] = false;
    if (last_holder_ == target) last_holder_.reset();  // fencing stopped whatever it ran
  }
  return decide(now);
}

std::vector<ClusterAction> ClusterNode::on_write_refused(Instant, std::uint64_t highest_epoch, const std::string& why) {
  highest_epoch_ = std::max(highest_epoch_, highest_epoch);
  // Out of date: stop serving and resync; start nothing until the next membership view.
  resyncing_ = true;
  return running_ ? stop("storage refused a write: " + why) : std::vector<ClusterAction>{};
}

std::optional<Instant> ClusterNode::next_timer() const {
  std::optional<Instant> next;
  // A node that fences itself decides nothing more: its watchdog waits are moot (and an
  // expired one would otherwise stay due for ever).
  if (config_.fencing != FencingMode::watchdog || self_fenced_) return next;
  for (std::size_t i = 0; i < left_at_.size(); ++i)
    if (unclean_[i] && left_at_[i]) {
      Instant at = *left_at_[i] + config_.watchdog_wait;
      if (!next || at < *next) next = at;
    }
  return next;
}

std::vector<ClusterAction> ClusterNode::on_timer(Instant now) {
  return decide(now);
}

std::vector<ClusterAction> ClusterNode::decide(Instant now) {
  std::vector<ClusterAction> actions;
  blocked_.clear();
  if (self_fenced_) return actions;
  NoQuorumPolicy policy = config_.no_quorum_policy;
  if (must_self_fence(quorate_, policy) || (!quorate_ && config_.fencing == FencingMode::watchdog)) {
    // SBD: a node without quorum stops feeding its watchdog and is reset by it.
    self_fenced_ = true;
    if (running_) actions = stop("quorum lost: fencing itself");
    actions.push_back({ClusterAction::Kind::self_fence, self_, 0,
                       config_.fencing == FencingMode::watchdog ? "watchdog: quorum lost" : "no-quorum-policy=suicide"});
    return actions;
  }
  if (running_ && must_stop_resources(quorate_, policy)) return stop("quorum lost (no-quorum-policy=stop)");
  if (!may_start_resources(quorate_, policy)) {
    if (!running_) blocked_ = "no quorum";
    return actions;
  }

  for (std::size_t i = 0; i < unclean_.size(); ++i) {
    if (!unclean_[i]) continue;
    if (config_.fencing == FencingMode::watchdog && left_at_[i] && now >= *left_at_[i] + config_.watchdog_wait) {
      // With a watchdog the wait itself is the fencing: the lost node has reset by now.
      unclean_[i] = false;
      if (last_holder_ == i) last_holder_.reset();
    } else if (config_.fencing == FencingMode::device && is_dc() && !fence_pending_[i]) {
      // Only the coordinator fences.
      fence_pending_[i] = true;
      actions.push_back({ClusterAction::Kind::fence, i, 0, "node left the membership while its state is unknown"});
    }
  }

  // Multiple active in one view: the older copy stops.
  if (running_)
    for (std::size_t i = 0; i < members_.size(); ++i)
      if (i != self_ && members_[i] && peer_running_[i] &&
          (peer_epoch_[i] > epoch_ || (peer_epoch_[i] == epoch_ && outranks(i, self_)))) {
        auto stopped = stop("also active on a newer copy; stopping the older");
        actions.insert(actions.end(), stopped.begin(), stopped.end());
        return actions;
      }
  if (running_ || believed_holder()) return actions;

  if (resyncing_) {
    blocked_ = "resyncing after a refused write";
    return actions;
  }
  if (last_holder_ && unclean_[*last_holder_]) {
    blocked_ = "waiting for the last holder to be fenced";
    return actions;
  }
  // Any other unclean node may run it too, unknown to this partition: it started after
  // losing contact, or this node (re)started without ever seeing it.
  for (std::size_t i = 0; i < unclean_.size(); ++i)
    if (unclean_[i]) {
      blocked_ = "waiting for an unclean node to be fenced";
      return actions;
    }
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < members_.size(); ++i)
    if (members_[i] && (!best || outranks(i, *best))) best = i;
  if (best != self_) return actions;
  running_ = true;
  epoch_ = highest_epoch_ + 1;
  highest_epoch_ = epoch_;
  last_holder_ = self_;
  actions.push_back({ClusterAction::Kind::start, self_, epoch_, "highest-priority node of a quorate view"});
  return actions;
}

} // namespace halab
