#include "sim/cluster/membership_stack.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>
#include <memory>

namespace halab {

// How long a peer may report hearing a different set of nodes than this one before it is
// left out of the view: a silent peer's detection time, plus two heartbeats for the others'
// detectors to fire (their phases differ by up to one interval) and their next heartbeat
// to say so.
Duration MembershipStack::agreement_grace(const ClusterSpec& cluster) {
  return cluster.detector.timeout + cluster.heartbeat_interval * 2.0;
}

MembershipStack::MembershipStack(RunContext& ctx, ServiceRun& svc, std::size_t self, Instant now, OnChange on_change)
    : ctx_(ctx), svc_(svc), self_(self), host_(svc.member_hosts[self]),
      monitor_(svc.spec, self, now, ctx.heartbeat_phase(host_)),
      membership_(svc.spec.members.size(), self, svc.spec.membership,
                  agreement_grace(svc.spec)),
      quorum_(svc.spec.quorum.enabled
                  ? std::optional<VoteQuorum>(VoteQuorum(svc.spec.quorum.votequorum, self))
                  : std::nullopt),
      on_change_(std::move(on_change)),
      last_heartbeat_(svc.spec.members.size(), now.to_seconds()),
      announced_(svc.spec.members.size(), false), delivered_(membership_.view()) {
  const ClusterSpec& c = svc.spec;
  if (c.membership.kind == MembershipTiming::Kind::corosync)
    ring_.emplace(self, c.membership.token_timeout(c.members.size()), TokenRing::default_hold(c.membership.token));
}

void MembershipStack::suspect(Instant t, std::size_t peer, double suspicion) {
  svc_.emit(ctx_.trace, t.to_seconds(), event::detector_suspect,
                  {{"node", ctx_.name(host_)}, {"peer", ctx_.name(svc_.member_hosts[peer])}, {"suspicion", suspicion}});
  announced_[peer] = true;
  membership_.lost(t, peer);
}

template <class RingMessage>
void MembershipStack::send_ring_message(std::size_t to) {
  ctx_.network.send(svc_.member_hosts[to], make_message(host_, svc_.incarnations[self_], RingMessage{ring_->ring()}),
                    kHeartbeatBytes);
}

void MembershipStack::pass_token(const TokenStep& step) {
  if (step.send_to) send_ring_message<msg::Token>(*step.send_to);
}

bool MembershipStack::on_ring_message(Instant t, const Message& m) {
  if (const auto* token = m.as<msg::Token>()) on_token(t, token->ring);
  else if (const auto* lost = m.as<msg::TokenLost>()) on_token_lost(t, lost->ring);
  else return false;
  return true;
}

void MembershipStack::on_token(Instant t, std::uint64_t ring) {
  if (!ring_) return;
  TokenStep step = ring_->receive(t, ring);
  if (step.accepted) svc_.emit(ctx_.trace, t.to_seconds(), event::token, {{"node", ctx_.name(host_)}});
  pass_token(step);
}

void MembershipStack::on_token_lost(Instant t, std::uint64_t ring) {
  if (!ring_ || ring != ring_->ring()) return;
  ring_->lost_elsewhere(t);
  token_lost(t, false);
}

// The token is lost: a processor failed. Which one is decided as Totem's gather does, by
// who still speaks: a view member not heard from for one and a half heartbeat intervals is
// lost; the others stay. The node that timed out tells the ring (Totem's join). A member
// already lost (an earlier join of this gather) is not declared again, and while one is
// pending leaving the view the old ring gets no new token.
void MembershipStack::token_lost(Instant t, bool here) {
  const ClusterSpec& c = svc_.spec;
  const double stale = 1.5 * c.heartbeat_interval.to_seconds();
  svc_.emit(ctx_.trace, t.to_seconds(), event::token_lost, {{"node", ctx_.name(host_)}, {"timeout", here}});
  const double timeout = c.membership.token_timeout(c.members.size()).to_seconds();
  bool lost_someone = false;
  for (std::size_t p = 0; p < c.members.size(); ++p) {
    if (p == self_ || !membership_.view().members[p]) continue;
    if (membership_.alive()[p] && t.to_seconds() - last_heartbeat_[p] > stale)
      suspect(t, p, (t.to_seconds() - last_heartbeat_[p]) / timeout);
    if (!membership_.alive()[p]) lost_someone = true;
    else if (here) send_ring_message<msg::TokenLost>(p);
  }
  if (!lost_someone) pass_token(ring_->restart(t));  // nobody is gone: the ring carries on
}

Instant MembershipStack::next_deadline() const {
  Instant deadline = Instant::at_seconds(monitor_.next_deadline_s());
  if (ring_) deadline = std::min(deadline, ring_->deadline());
  if (auto t = membership_.next_timer()) deadline = std::min(deadline, *t);
  if (quorum_) {
    if (auto t = quorum_->next_timer()) deadline = std::min(deadline, *t);
  }
  if (sync_until_) deadline = std::min(deadline, *sync_until_);
  return deadline;
}

void MembershipStack::run_timers(Instant t, bool holds_ip, std::uint64_t epoch) {
  const ClusterSpec& cluster = svc_.spec;
  if (monitor_.heartbeat_due(t)) {
    for (std::size_t m = 0; m < cluster.members.size(); ++m)
      if (m != self_)
        ctx_.network.send(svc_.member_hosts[m],
                          make_message(host_, svc_.incarnations[self_],
                                       msg::Heartbeat{holds_ip, epoch, membership_.digest()}),
                          kHeartbeatBytes);
    if (svc_.quorum_disk) svc_.quorum_disk->write(t, self_);
    // The device's vote can change without any change of membership; a ring that waits for
    // it asks again.
    if (quorum_ && (formed_ || sync_until_) && cluster.quorum.device) {
      std::optional<bool> vote = device_vote(t);
      if (sync_until_ ? vote.has_value() : vote.value_or(false) != device_vote_) update_view(t);
    }
  }
  if (ring_ && t >= ring_->deadline()) {
    TokenStep step = ring_->on_timer(t);
    pass_token(step);
    if (step.lost) token_lost(t, true);
  }
  for (std::size_t peer : monitor_.newly_suspected(t)) {
    // Under corosync timing the token, not a heartbeat detector, loses a view member.
    if (ring_ && membership_.view().members[peer]) continue;
    suspect(t, peer, monitor_.suspicion(peer, t));
  }
  if (membership_.poll(t) || (sync_until_ && t >= *sync_until_)) update_view(t);
  if (formed_ && quorum_ && quorum_->next_timer() && t >= *quorum_->next_timer()) {
    bool before = quorum_->quorate();
    quorum_->tick(t);  // last_man_standing may lower expected_votes
    on_change_(t, quorum_->quorate() != before);
  }
}

void MembershipStack::heard(Instant t, std::size_t peer) {
  last_heartbeat_[peer] = t.to_seconds();
  monitor_.heard(t, peer);
  if (!announced_[peer]) return;
  announced_[peer] = false;
  svc_.emit(ctx_.trace, t.to_seconds(), event::detector_trust,
                  {{"node", ctx_.name(host_)}, {"peer", ctx_.name(svc_.member_hosts[peer])}});
}

void MembershipStack::admit(Instant t, std::size_t peer, std::uint64_t heard_digest) {
  membership_.peer_digest(t, peer, heard_digest);
  membership_.heard(t, peer);
  if (membership_.poll(t)) update_view(t);
}

std::optional<bool> MembershipStack::device_vote(Instant t) {
  const auto& device = svc_.spec.quorum.device;
  if (!device) return false;
  if (device->kind == QuorumDeviceSpec::Kind::ping) return ctx_.network.reachable(host_, ctx_.id(device->host));
  if (device->kind == QuorumDeviceSpec::Kind::qnetd) {
    // This node's qdevice reports its view, if it reaches qnetd (qnetd keeps the view a
    // client last reported); qnetd decides among its clients: those connected now (a live
    // process that reaches the qnetd host both ways), and those it has not yet found dead.
    const HostId server = ctx_.id(device->host);
    std::vector<bool> connected(svc_.member_hosts.size(), false);
    for (std::size_t m = 0; m < connected.size(); ++m)
      connected[m] = svc_.running(m) && ctx_.network.reachable(svc_.member_hosts[m], server) &&
                     ctx_.network.reachable(server, svc_.member_hosts[m]);
    if (connected[self_]) svc_.qnetd_views[self_] = membership_.view().members;
    bool vote = svc_.qnetd->decide(t.to_seconds(), connected, svc_.qnetd_views, self_)[self_];
    if (connected[self_] && !svc_.qnetd->answered(self_, svc_.qnetd_views)) return std::nullopt;
    return vote;
  }
  auto master = svc_.quorum_disk->master(t);
  return master && membership_.view().members[*master];
}

void MembershipStack::update_view(Instant t) {
  if (ring_ && membership_.view().ring != installed_ring_) {
    installed_ring_ = membership_.view().ring;
    TokenStep step = ring_->install(t, membership_.view().members);
    if (step.accepted) svc_.emit(ctx_.trace, t.to_seconds(), event::token, {{"node", ctx_.name(host_)}});
    pass_token(step);
  }
  if (quorum_) {
    std::optional<bool> vote = device_vote(t);
    if (!vote) {  // corosync's sync waits for the qdevice's vote on this ring
      if (!sync_until_ || sync_ring_ != membership_.view().ring)
        sync_until_ = t + svc_.spec.quorum.device->sync_timeout;
      sync_ring_ = membership_.view().ring;
      if (t < *sync_until_) return;
    }
    sync_until_.reset();
    device_vote_ = vote.value_or(false);
    quorum_->update(t, membership_.view().members, device_vote_);
  }
  formed_ = true;
  delivered_ = membership_.view();
  on_change_(t, true);
}

void MembershipStack::describe_view(TraceEvent& belief) const {
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < delivered_.members.size(); ++i)
    if (delivered_.members[i]) members.push_back(ctx_.name(svc_.member_hosts[i]));
  belief["ring"] = delivered_.ring;
  belief["members"] = members;
}


void MembershipStack::describe_quorum(TraceEvent& belief) const {
  if (!quorum_) return;
  belief["votes"] = quorum_->total_votes();
  belief["expected_votes"] = quorum_->expected_votes();
  belief["quorum"] = quorum_->quorum();
  belief["quorum_reason"] = quorum_->reason();
}

}  // namespace halab
