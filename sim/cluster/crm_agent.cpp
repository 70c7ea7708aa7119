#include "sim/cluster/crm_agent.hpp"

#include "models/crm/dc_election.hpp"
#include "sim/cluster/crm_message.hpp"
#include "sim/cluster/dc_role.hpp"
#include "sim/cluster/local_resource_manager.hpp"
#include "sim/cluster/membership_stack.hpp"
#include "sim/cluster/service_ip.hpp"
#include "sim/service/member_process.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Engine.hpp>


#include <algorithm>
#include <map>
#include <optional>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace pl = placement;
namespace {

class CrmProcess {
 public:
  CrmProcess(RunContext& ctx, ServiceRun& svc, std::size_t self)
      : ctx_(ctx), svc_(svc), crm_(*svc.spec.crm), self_(self), host_(svc.member_hosts[self]),
        stack_(ctx, svc, self, now(), [this](Instant t, bool decisive) { on_membership(t, decisive); }),
        lrm_(ctx, svc, self) {}

  void start(Instant) {}

  Instant next_deadline() const {
    Instant deadline = std::min(stack_.next_deadline(), Instant::at_seconds(lrm_.next_deadline_s()));
    if (dc_) deadline = std::min(deadline, dc_->next_deadline());
    return deadline;
  }

  void on_timers(Instant t) {
    stack_.run_timers(t, svc_.vip.holds(host_), replica_.epoch);
    std::vector<LocalResourceManager::Result> results;
    std::vector<LocalResourceManager::MonitorFailure> failures;
    lrm_.run_timers(t, results, failures);
    for (const auto& r : results) report_result(t, r);
    for (const auto& f : failures) report_failure(t, f);
    if (dc_) dc_->run_timers(t);
  }

  bool on_message(Instant t, const Message& m) {
    if (stack_.on_ring_message(t, m)) return true;
    if (const auto* request = m.as<msg::Request>()) {
      if (svc_.vip.holds(host_)) reply_to(ctx_, host_, m.from, *request);
    } else if (const auto* hb = m.as<msg::Heartbeat>()) {
      const std::size_t peer = svc_.member_index[m.from];
      if (peer == ServiceRun::kNotAMember || peer == self_) return true;
      stack_.heard(t, peer);
      stack_.admit(t, peer, hb->heard_digest);
      noticed_incarnation(t, peer, m.incarnation);
    } else if (const auto* fenced = m.as<msg::FenceResult>()) {
      // someone else's fencing: the node is down and runs nothing
      if ((!dc_ || !dc_->on_fence_result(t, fenced->target, fenced->succeeded)) && fenced->succeeded)
        forget(t, name(fenced->target));
    } else if (const auto* crm = m.as<msg::Crm>()) {
      on_crm(t, m.from, crm->kind, *crm->body);
    }
    return true;
  }

 private:
  static Instant now() { return Instant::at_seconds(sg4::Engine::get_clock()); }
  const std::string& name(std::size_t member) const { return ctx_.name(svc_.member_hosts[member]); }

  void send(HostId to, msg::Crm::Kind kind, CrmMessage payload) { send_crm(ctx_, svc_, self_, to, kind, std::move(payload)); }

  void on_crm(Instant t, HostId from, msg::Crm::Kind kind, const CrmMessage& c) {
    using K = msg::Crm::Kind;
    const std::size_t peer = svc_.member_index[from];
    const bool member = peer != ServiceRun::kNotAMember;
    switch (kind) {
      case K::join_request: {
        follow(from, c.term);
        CrmMessage answer(c.term);
        answer.active = lrm_.active();
        send(from, K::join_reply, std::move(answer));
        return;
      }
      case K::join_reply:
        if (dc_ && c.term == dc_->term() && member) dc_->on_join_reply(t, name(peer), c.active);
        return;
      case K::execute:
        lrm_.execute(t, {c.term, from, c.transition, c.action, c.rsc, c.task, 0});
        return;
      case K::result:
        if (dc_ && c.term == dc_->term()) dc_->on_result(t, c.transition, c.action, c.rc);
        return;
      case K::status:
        if (dc_ && member && stack_.view().members[peer]) dc_->on_status(t, name(peer), c.active);
        return;
      case K::monitor_failure:
        if (dc_ && c.term == dc_->term() && member) dc_->on_monitor_failure(t, name(peer), {c.rsc, c.rc});
        return;
      case K::cib:
        // the copy of the DC this node answers to (after a merge it may hold an older term)
        if (c.term == dc_term_ && (replica_.term != dc_term_ || c.epoch > replica_.epoch)) {
          replica_ = c;
          record_belief(t);
        }
        return;
    }
  }

  // A peer whose process restarted faster than its loss was noticed (a quick reboot)
  // runs nothing any more, and is no longer the DC if it was: as when Pacemaker's nodes
  // see a peer's controller leave and join their process group, the partition elects
  // again, and the DC joins the peer again (its probe replaces its status).
  void noticed_incarnation(Instant t, std::size_t peer, std::uint32_t incarnation) {
    auto [it, first] = incarnations_.try_emplace(peer, incarnation);
    if (first || it->second == incarnation) return;
    it->second = incarnation;
    if (dc_ && dc_->forget_join(name(peer))) {
      svc_.emit(ctx_.trace, t.to_seconds(), event::crm_rejoin, {{"dc", name(self_)}, {"node", name(peer)}});
    }
    if (stack_.formed()) elect(t);
  }

  // The DC this node answers to: the one that joined it last (after a partition heals,
  // the surviving DC may hold an older term than the one that resigned).
  void follow(HostId dc, std::uint64_t term) {
    dc_term_ = term;
    dc_host_ = dc;
  }

  void report_result(Instant t, const LocalResourceManager::Result& r) {
    if (r.dc != host_) send(r.dc, msg::Crm::Kind::result, CrmMessage::operation(r.term, r.transition, r.action, r.rsc, r.task, r.rc));
    else if (dc_ && dc_->term() == r.term) dc_->on_result(t, r.transition, r.action, r.rc);
    // An operation a former DC asked for changes what runs here: the node records it in
    // the CIB, that is, tells the DC it now answers to.
    if (r.term == dc_term_ || !dc_host_) return;
    if (*dc_host_ == host_) {
      if (dc_) dc_->on_status(t, name(self_), lrm_.active());
    } else {
      CrmMessage status(dc_term_);
      status.active = lrm_.active();
      send(*dc_host_, msg::Crm::Kind::status, std::move(status));
    }
  }

  void report_failure(Instant t, const LocalResourceManager::MonitorFailure& f) {
    if (dc_) dc_->on_monitor_failure(t, name(self_), f);
    else if (dc_host_) send(*dc_host_, msg::Crm::Kind::monitor_failure, CrmMessage::operation(dc_term_, 0, -1, f.rsc, "monitor", f.rc));
    // with no DC yet, the failure reaches the first one through this node's join answer
  }

  void forget(Instant t, const std::string& node) {
    std::erase(replica_.members, node);
    if (std::find(replica_.seen.begin(), replica_.seen.end(), node) == replica_.seen.end()) replica_.seen.push_back(node);
    std::erase_if(replica_.active, [&](const pl::ActiveResource& a) { return a.node == node; });
    std::erase_if(replica_.failcounts, [&](const pl::FailCount& f) { return f.node == node; });
    record_belief(t);
  }

  std::vector<std::string> view_names() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < stack_.view().members.size(); ++i)
      if (stack_.view().members[i]) out.push_back(name(i));
    return out;
  }

  void on_membership(Instant t, bool decisive) {
    if (decisive && stack_.formed()) elect(t);
    record_belief(t);
  }

  // The partition's DC, as Pacemaker's election decides it (models/crm/dc_election).
  void elect(Instant t) {
    std::vector<DcCandidate> nodes;
    for (std::size_t i = 0; i < svc_.member_hosts.size(); ++i) nodes.push_back({name(i), svc_.started_s[i]});
    std::size_t winner = elect_dc(nodes, stack_.view().members).value_or(self_);
    if (winner != self_) {
      if (dc_) svc_.emit(ctx_.trace, t.to_seconds(), event::crm_dc_resign, {{"node", name(self_)}, {"term", dc_->term()}});
      dc_.reset();
      // A change of this node's membership starts an election in Pacemaker, after which
      // the DC joins everyone again: the DC hears what this node runs now (its own view
      // may not have changed: detection is not symmetric).
      CrmMessage status;
      status.active = lrm_.active();
      send(svc_.member_hosts[winner], msg::Crm::Kind::status, std::move(status));
      return;
    }
    if (!dc_) {
      dc_.emplace(DcRole::Node{ctx_, svc_, self_, lrm_, replica_, [this](Instant at) { record_belief(at); }}, ++svc_.crm_terms);
      follow(host_, dc_->term());
      svc_.emit(ctx_.trace, t.to_seconds(), event::crm_dc, {{"node", name(self_)}, {"term", dc_->term()}, {"members", view_names()}});
    }
    dc_->join(t, view_names(), stack_.quorate());
  }

  // What this node believes, recorded when it changes: its view and quorum, whether it
  // is the DC, and where its copy of the CIB says the service IP's resource runs.
  void record_belief(Instant t) {
    nlohmann::ordered_json holder = nullptr;
    for (const pl::ActiveResource& a : replica_.active)
      if (a.rsc == crm_.vip_resource && !a.failed) holder = a.node;
    TraceEvent belief{{"node", name(self_)}};
    stack_.describe_view(belief);
    belief["quorate"] = stack_.quorate();
    belief["dc"] = dc_.has_value();
    belief["holder"] = holder;
    belief["epoch"] = replica_.epoch;
    belief["blocked"] = "";
    stack_.describe_quorum(belief);
    if (belief == last_belief_) return;
    last_belief_ = belief;
    svc_.emit(ctx_.trace, t.to_seconds(), event::belief, belief);
  }

  RunContext& ctx_;
  ServiceRun& svc_;
  const CrmSpec& crm_;
  std::size_t self_;
  HostId host_;
  MembershipStack stack_;
  LocalResourceManager lrm_;
  std::optional<DcRole> dc_;
  std::optional<HostId> dc_host_;  // the DC this node answers to
  std::uint64_t dc_term_ = 0;
  CrmMessage replica_;             // this node's copy of the CIB status (of replica_.term)
  std::map<std::size_t, std::uint32_t> incarnations_;  // peer -> the process incarnation last heard
  TraceEvent last_belief_;
};

}  // namespace

void spawn_crm_member(RunContext& ctx, ServiceRun& service, std::size_t member) {
  spawn_member_process<CrmProcess>(ctx, service, member);
}

}  // namespace halab
