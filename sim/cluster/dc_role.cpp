#include "sim/cluster/dc_role.hpp"

#include "sim/cluster/fencer.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {
namespace pl = placement;

DcRole::DcRole(Node node, std::uint64_t term) : node_(std::move(node)), crm_(*node_.svc.spec.crm), term_(term), join_(node_.svc.spec.heartbeat_interval) {}

const std::string& DcRole::self_name() const { return node_.ctx.name(node_.svc.member_hosts[node_.self]); }

void DcRole::join(Instant t, const std::vector<std::string>& view, bool quorate) {
  view_ = view;
  quorate_ = quorate;
  ask_to_join(join_.set_view(t, view, self_name(), node_.lrm.active()));
  finish_join(t);
}

void DcRole::ask_to_join(const std::vector<std::string>& members) {
  for (const std::string& member : members)
    send_crm(node_.ctx, node_.svc, node_.self, node_.ctx.id(member), msg::Crm::Kind::join_request, CrmMessage(term_));
}

void DcRole::on_join_reply(Instant t, const std::string& node, const std::vector<pl::ActiveResource>& active) {
  join_.answered(node, active);
  finish_join(t);
}

bool DcRole::forget_join(const std::string& node) { return join_.forget(node); }

void DcRole::finish_join(Instant t) {
  if (!join_.complete()) return;
  const CrmMessage& replica = node_.replica;
  if (!coordinator_) {
    // the new DC starts from the replicated CIB: fail counts, members, nodes seen, and
    // what runs on the nodes that are not here to say
    crm::CoordinatorConfig config;
    config.cluster = crm_.config;
    config.recheck_interval = crm_.recheck_interval;
    config.monitor_on_fail = crm::parse_on_fail(crm_.monitor_on_fail);
    for (const pl::ActiveResource& a : replica.active)
      if (!join_.joined(a.node)) config.cluster.active.push_back(a);
    config.cluster.failcounts = replica.failcounts;
    config.members = replica.members;
    config.seen = replica.seen;
    coordinator_.emplace(std::move(config));
  }
  for (const auto& [member, active] : join_.take_probes()) coordinator_->record_probe(member, active);
  apply(t, coordinator_->on_membership(t, view_, quorate_));
  auto early = std::move(early_failures_);
  early_failures_.clear();
  for (const auto& [member, f] : early) on_monitor_failure(t, member, f);
}

void DcRole::on_result(Instant t, int transition, int action, int rc) {
  crm::Coordinator* c = coordinator();
  if (!c || transition != c->transitions() || !c->in_flight(action)) return;
  action_timers_.done(action);
  apply(t, c->on_result(t, action, rc));
}

void DcRole::on_status(Instant t, const std::string& node, const std::vector<pl::ActiveResource>& active) {
  crm::Coordinator* c = coordinator();
  if (c && join_.probed(node)) apply(t, c->on_status(t, node, active));
  else join_.update_unprobed(node, active);
}

void DcRole::on_monitor_failure(Instant t, const std::string& node, const LocalResourceManager::MonitorFailure& f) {
  if (crm::Coordinator* c = coordinator()) apply(t, c->on_monitor_failure(t, node, f.rsc, f.rc));
  else early_failures_.push_back({node, f});
}

bool DcRole::on_fence_result(Instant t, std::size_t target, bool succeeded) {
  crm::Coordinator* c = coordinator();
  if (!c) return false;
  auto it = fencing_.find(target);
  if (it == fencing_.end()) return false;
  const int action = it->second;
  fencing_.erase(it);
  apply(t, c->on_fence_result(t, action, succeeded));
  return true;
}

Instant DcRole::next_deadline() const {
  Instant deadline = join_.next_timer().value_or(Instant::never());
  if (coordinator_ && coordinator_->next_timer()) deadline = std::min(deadline, *coordinator_->next_timer());
  return std::min(deadline, action_timers_.next().value_or(Instant::never()));
}

// Join requests not answered yet, the re-check timer, and the action timers (an operation
// whose result has not come in time failed).
void DcRole::run_timers(Instant t) {
  ask_to_join(join_.on_timer(t));
  crm::Coordinator* c = coordinator();
  if (!c) return;
  if (c->next_timer() && t >= *c->next_timer()) apply(t, c->on_timer(t));
  while (auto action = action_timers_.take_expired(t)) {
    if (!c->in_flight(*action)) continue;
    const pl::Action& a = c->transition().actions[static_cast<std::size_t>(*action)];
    node_.svc.emit(node_.ctx.trace, t.to_seconds(), event::crm_action_timeout,
                         {{"dc", self_name()}, {"node", a.node}, {"rsc", a.rsc}, {"task", a.task}});
    apply(t, c->on_result(t, *action, crm::kOcfErrGeneric));
    return;  // the deadlines now belong to another transition, or were checked
  }
}

// Carries out the coordinator's commands, records new transitions and replicates the CIB.
void DcRole::apply(Instant t, const std::vector<crm::Command>& commands) {
  crm::Coordinator& c = *coordinator_;
  RunContext& ctx = node_.ctx;
  ServiceRun& svc = node_.svc;
  if (c.transitions() != traced_transitions_) {
    traced_transitions_ = c.transitions();
    action_timers_.clear();
    nlohmann::ordered_json actions = nlohmann::ordered_json::array();
    for (const pl::Action& a : c.transition().actions)
      actions.push_back(a.task + " " + (a.rsc.empty() ? a.node : a.rsc + " " + a.node) + (a.implied ? " (implied)" : ""));
    svc.emit(ctx.trace, t.to_seconds(), event::crm_transition,
                   {{"dc", self_name()}, {"term", term_}, {"transition", c.transitions()}, {"actions", actions}});
  }
  for (const crm::Command& cmd : commands) {
    if (cmd.kind == crm::Command::Kind::fence) {
      const std::size_t target = svc.member_index[ctx.id(cmd.node)];
      fencing_[target] = cmd.action;
      start_fencing(ctx, svc, node_.self, target);
      continue;
    }
    action_timers_.start(cmd.action, t, crm_.timing_of(cmd.rsc).timeout);
    if (cmd.node == self_name()) {
      node_.lrm.execute(t, {term_, svc.member_hosts[node_.self], c.transitions(), cmd.action, cmd.rsc, cmd.task, 0});
    } else {
      send_crm(ctx, svc, node_.self, ctx.id(cmd.node), msg::Crm::Kind::execute,
               CrmMessage::operation(term_, c.transitions(), cmd.action, cmd.rsc, cmd.task));
    }
  }
  replicate(t);
}

void DcRole::replicate(Instant t) {
  const crm::Coordinator& c = *coordinator_;
  CrmMessage cib(term_);
  cib.active = c.cib().active;
  cib.epoch = node_.replica.epoch + 1;
  cib.failcounts = c.cib().failcounts;
  cib.members = c.members();
  cib.seen.assign(c.seen().begin(), c.seen().end());
  node_.replica = cib;
  for (const std::string& member : view_)
    if (member != self_name()) send_crm(node_.ctx, node_.svc, node_.self, node_.ctx.id(member), msg::Crm::Kind::cib, cib);
  node_.on_replica(t);
}

}  // namespace halab
