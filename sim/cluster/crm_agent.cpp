#include "sim/cluster/crm_agent.hpp"

#include "models/crm/coordinator.hpp"
#include "sim/cluster/crm_message.hpp"
#include "sim/cluster/fencer.hpp"
#include "sim/cluster/local_resource_manager.hpp"
#include "sim/cluster/member_actor.hpp"
#include "sim/cluster/membership_stack.hpp"
#include "sim/cluster/service_ip.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <strings.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace pl = placement;
namespace {

// cluster-delay: what the DC allows on top of an operation's timeout for its result.
const Duration kClusterDelay = Duration::seconds(60);

// The DC role of a node, for one term.
struct DcState {
  std::uint64_t term = 0;
  std::map<std::string, std::vector<pl::ActiveResource>> joined;  // node -> what it runs (its join answer)
  std::set<std::string> probed;                                   // joined nodes the coordinator has heard of
  std::optional<crm::Coordinator> coordinator;                     // once the first join completes
  std::map<std::size_t, int> fencing;                              // target member -> graph action
  std::vector<std::pair<std::string, LocalResourceManager::MonitorFailure>> early_failures;  // before the join completed
  std::map<int, double> deadlines;                                 // action in flight -> when it times out
  int traced_transitions = 0;
};

class CrmProcess {
 public:
  CrmProcess(RunContext& ctx, std::size_t self)
      : ctx_(ctx), crm_(*ctx.scenario.cluster.crm), self_(self), host_(ctx.member_hosts[self]),
        stack_(ctx, self, now(), [this](Instant t, bool decisive) { on_membership(t, decisive); }), lrm_(ctx, self) {}

  void run() {
    for (;;) {
      auto message = ctx_.network.receive_before(host_, next_deadline_s());
      run_timers(now());
      if (message) handle(*message);
    }
  }

 private:
  static Instant now() { return Instant::at_seconds(sg4::Engine::get_clock()); }
  const std::string& name(std::size_t member) const { return ctx_.name(ctx_.member_hosts[member]); }
  crm::Coordinator* coordinator() { return dc_ && dc_->coordinator ? &*dc_->coordinator : nullptr; }

  double next_deadline_s() const {
    double deadline = std::min(stack_.next_deadline_s(), lrm_.next_deadline_s());
    if (dc_ && dc_->coordinator && dc_->coordinator->next_timer())
      deadline = std::min(deadline, dc_->coordinator->next_timer()->to_seconds());
    if (dc_)
      for (const auto& [action, at] : dc_->deadlines) deadline = std::min(deadline, at);
    return deadline;
  }

  void run_timers(Instant t) {
    stack_.run_timers(t, ctx_.vip.holds(host_), replica_.epoch);
    std::vector<LocalResourceManager::Result> results;
    std::vector<LocalResourceManager::MonitorFailure> failures;
    lrm_.run_timers(t, results, failures);
    for (const auto& r : results) report_result(t, r);
    for (const auto& f : failures) report_failure(t, f);
    if (crm::Coordinator* c = coordinator(); c && c->next_timer() && t >= *c->next_timer()) apply(t, c->on_timer(t));
    time_out_actions(t);
  }

  void send(HostId to, Message::Kind kind, CrmMessage payload) {
    const std::uint64_t bytes = payload.wire_bytes();
    ctx_.network.send(to, std::make_unique<Message>(Message{kind, host_, ctx_.incarnations[self_], false, 0,
                                                            std::make_shared<const CrmMessage>(std::move(payload))}),
                      bytes);
  }

  void handle(const Message& m) {
    const Instant t = now();
    const std::size_t peer = ctx_.member_index[m.from];
    switch (m.kind) {
      case Message::Kind::request:
        if (ctx_.vip.holds(host_)) reply_to(ctx_, host_, m);
        return;
      case Message::Kind::heartbeat:
        if (peer == RunContext::kNotAMember || peer == self_) return;
        stack_.heard(t, peer, [] {});
        noticed_incarnation(t, peer, m.incarnation);
        return;
      case Message::Kind::fence_result:
        on_fence_result(t, static_cast<std::size_t>(m.id), m.holds_ip);
        return;
      case Message::Kind::crm_join_request:
        follow(m.from, m.crm->term);
        reply_join(m.from, m.crm->term);
        return;
      case Message::Kind::crm_join_reply:
        if (dc_ && m.crm->term == dc_->term && peer != RunContext::kNotAMember) {
          dc_->joined[name(peer)] = m.crm->active;
          finish_join(t);
        }
        return;
      case Message::Kind::crm_execute:
        lrm_.execute(t, {m.crm->term, m.from, m.crm->transition, m.crm->action, m.crm->rsc, m.crm->task, 0});
        return;
      case Message::Kind::crm_result:
        on_result(t, m.crm->term, m.crm->transition, m.crm->action, m.crm->rc);
        return;
      case Message::Kind::crm_status:
        if (dc_ && peer != RunContext::kNotAMember && stack_.view().members[peer]) on_status(t, name(peer), m.crm->active);
        return;
      case Message::Kind::crm_monitor_failure:
        if (dc_ && m.crm->term == dc_->term && peer != RunContext::kNotAMember)
          on_failure(t, name(peer), {m.crm->rsc, m.crm->rc});
        return;
      case Message::Kind::crm_cib:
        // the copy of the DC this node answers to (after a merge it may hold an older term)
        if (m.crm->term == dc_term_ && (replica_term_ != dc_term_ || m.crm->epoch > replica_.epoch)) {
          replica_ = *m.crm;
          replica_term_ = m.crm->term;
          record_belief(t);
        }
        return;
      default:
        return;
    }
  }

  void reply_join(HostId dc, std::uint64_t term) {
    CrmMessage answer(term);
    answer.active = lrm_.active();
    send(dc, Message::Kind::crm_join_reply, std::move(answer));
  }

  // A peer whose process restarted faster than its loss was noticed (a quick reboot)
  // runs nothing any more, and is no longer the DC if it was: as when Pacemaker's nodes
  // see a peer's controller leave and join their process group, the partition elects
  // again, and the DC joins the peer again (its probe replaces its status).
  void noticed_incarnation(Instant t, std::size_t peer, std::uint32_t incarnation) {
    auto [it, first] = incarnations_.try_emplace(peer, incarnation);
    if (first || it->second == incarnation) return;
    it->second = incarnation;
    if (dc_ && dc_->joined.erase(name(peer))) {
      dc_->probed.erase(name(peer));
      ctx_.trace.emit(t.to_seconds(), "crm.rejoin", {{"dc", name(self_)}, {"node", name(peer)}});
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
    if (r.dc == host_) on_result(t, r.term, r.transition, r.action, r.rc);
    else send(r.dc, Message::Kind::crm_result, CrmMessage::operation(r.term, r.transition, r.action, r.rsc, r.task, r.rc));
    // An operation a former DC asked for changes what runs here: the node records it in
    // the CIB, that is, tells the DC it now answers to.
    if (r.term == dc_term_ || !dc_host_) return;
    if (*dc_host_ == host_) {
      on_status(t, name(self_), lrm_.active());
    } else {
      CrmMessage status(dc_term_);
      status.active = lrm_.active();
      send(*dc_host_, Message::Kind::crm_status, std::move(status));
    }
  }

  void on_status(Instant t, const std::string& node, const std::vector<pl::ActiveResource>& active) {
    crm::Coordinator* c = coordinator();
    if (c && dc_->probed.count(node)) apply(t, c->on_status(t, node, active));
    else if (dc_ && dc_->joined.count(node)) dc_->joined[node] = active;  // joined, not yet probed
  }

  // A result counts only for the transition that asked for it: a late one (after its
  // action timed out) is news to nobody.
  void on_result(Instant t, std::uint64_t term, int transition, int action, int rc) {
    crm::Coordinator* c = coordinator();
    if (!c || term != dc_->term || transition != c->transitions() || !c->in_flight(action)) return;
    dc_->deadlines.erase(action);
    apply(t, c->on_result(t, action, rc));
  }

  // Pacemaker's action timer: an operation whose result has not come within its timeout
  // plus cluster-delay (60 s) failed (the result was lost, e.g. in a short partition).
  void time_out_actions(Instant t) {
    crm::Coordinator* c = coordinator();
    if (!c) return;
    for (auto it = dc_->deadlines.begin(); it != dc_->deadlines.end();) {
      const auto [action, deadline] = *it;
      if (deadline > t.to_seconds()) {
        ++it;
        continue;
      }
      it = dc_->deadlines.erase(it);
      if (!c->in_flight(action)) continue;
      const pl::Action& a = c->transition().actions[static_cast<std::size_t>(action)];
      ctx_.trace.emit(t.to_seconds(), "crm.action_timeout", {{"dc", name(self_)}, {"node", a.node}, {"rsc", a.rsc}, {"task", a.task}});
      apply(t, c->on_result(t, action, crm::kOcfErrGeneric));
      return;  // the deadlines now belong to another transition, or were checked
    }
  }

  void report_failure(Instant t, const LocalResourceManager::MonitorFailure& f) {
    if (dc_) {
      on_failure(t, name(self_), f);
    } else if (dc_host_) {
      send(*dc_host_, Message::Kind::crm_monitor_failure, CrmMessage::operation(dc_term_, 0, -1, f.rsc, "monitor", f.rc));
    }
    // with no DC yet, the failure reaches the first one through this node's join answer
  }

  void on_failure(Instant t, const std::string& node, const LocalResourceManager::MonitorFailure& f) {
    if (crm::Coordinator* c = coordinator()) apply(t, c->on_monitor_failure(t, node, f.rsc, f.rc));
    else dc_->early_failures.push_back({node, f});
  }

  void on_fence_result(Instant t, std::size_t target, bool succeeded) {
    crm::Coordinator* c = coordinator();
    auto it = c ? dc_->fencing.find(target) : std::map<std::size_t, int>::iterator();
    if (!c || it == dc_->fencing.end()) {
      // someone else's fencing: the node is down and runs nothing
      if (succeeded) forget(t, name(target));
      return;
    }
    const int action = it->second;
    dc_->fencing.erase(it);
    apply(t, c->on_fence_result(t, action, succeeded));
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

  // The partition's DC, as Pacemaker's election decides it (election.c: version, then
  // "Uptime" — the controller's age —, then "Host name", the lower winning, without case).
  // Every member of the view computes the same winner; the votes are not simulated.
  void elect(Instant t) {
    const auto& members = stack_.view().members;
    auto better = [&](std::size_t a, std::size_t b) {
      if (ctx_.started_s[a] != ctx_.started_s[b]) return ctx_.started_s[a] < ctx_.started_s[b];
      return strcasecmp(name(a).c_str(), name(b).c_str()) < 0;
    };
    std::size_t winner = self_;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i] && better(i, winner)) winner = i;
    }
    if (winner != self_) {
      if (dc_) ctx_.trace.emit(t.to_seconds(), "crm.dc_resign", {{"node", name(self_)}, {"term", dc_->term}});
      dc_.reset();
      // A change of this node's membership starts an election in Pacemaker, after which
      // the DC joins everyone again: the DC hears what this node runs now (its own view
      // may not have changed: detection is not symmetric).
      CrmMessage status;
      status.active = lrm_.active();
      send(ctx_.member_hosts[winner], Message::Kind::crm_status, std::move(status));
      return;
    }
    if (!dc_) {
      dc_.emplace();
      dc_->term = ++ctx_.crm_terms;
      follow(host_, dc_->term);
      ctx_.trace.emit(t.to_seconds(), "crm.dc", {{"node", name(self_)}, {"term", dc_->term}, {"members", view_names()}});
    }
    join(t);
  }

  // Every member of the view tells the DC what it runs before the scheduler runs; a
  // node that left the view joins again when it comes back.
  void join(Instant t) {
    const std::vector<std::string> view = view_names();
    for (auto it = dc_->joined.begin(); it != dc_->joined.end();) {
      if (std::find(view.begin(), view.end(), it->first) == view.end()) {
        dc_->probed.erase(it->first);
        it = dc_->joined.erase(it);
      } else {
        ++it;
      }
    }
    if (!dc_->joined.count(name(self_))) dc_->joined[name(self_)] = lrm_.active();
    for (const std::string& node : view) {
      if (!dc_->joined.count(node)) send(ctx_.id(node), Message::Kind::crm_join_request, CrmMessage(dc_->term));
    }
    finish_join(t);
  }

  void finish_join(Instant t) {
    const std::vector<std::string> view = view_names();
    for (const std::string& node : view)
      if (!dc_->joined.count(node)) return;
    if (!dc_->coordinator) {
      // the new DC starts from the replicated CIB: fail counts, members, and what runs on
      // the nodes that are not here to say
      crm::CoordinatorConfig config;
      config.cluster = crm_.config;
      config.recheck_interval = crm_.recheck_interval;
      config.monitor_on_fail = crm::parse_on_fail(crm_.monitor_on_fail);
      for (const pl::ActiveResource& a : replica_.active)
        if (!dc_->joined.count(a.node)) config.cluster.active.push_back(a);
      config.cluster.failcounts = replica_.failcounts;
      config.members = replica_.members;
      config.seen = replica_.seen;
      dc_->coordinator.emplace(std::move(config));
    }
    for (const auto& [node, active] : dc_->joined)
      if (dc_->probed.insert(node).second) dc_->coordinator->record_probe(node, active);
    apply(t, dc_->coordinator->on_membership(t, view, stack_.quorate()));
    auto early = std::move(dc_->early_failures);
    dc_->early_failures.clear();
    for (const auto& [node, f] : early) on_failure(t, node, f);
  }

  // Carries out the DC's commands, records new transitions and replicates the CIB.
  void apply(Instant t, const std::vector<crm::Command>& commands) {
    crm::Coordinator& c = *dc_->coordinator;
    if (c.transitions() != dc_->traced_transitions) {
      dc_->traced_transitions = c.transitions();
      dc_->deadlines.clear();
      nlohmann::ordered_json actions = nlohmann::ordered_json::array();
      for (const pl::Action& a : c.transition().actions)
        actions.push_back(a.task + " " + (a.rsc.empty() ? a.node : a.rsc + " " + a.node) + (a.implied ? " (implied)" : ""));
      ctx_.trace.emit(t.to_seconds(), "crm.transition",
                      {{"dc", name(self_)}, {"term", dc_->term}, {"transition", c.transitions()}, {"actions", actions}});
    }
    for (const crm::Command& cmd : commands) {
      if (cmd.kind == crm::Command::Kind::fence) {
        const std::size_t target = ctx_.member_index[ctx_.id(cmd.node)];
        dc_->fencing[target] = cmd.action;
        start_fencing(ctx_, self_, target);
        continue;
      }
      dc_->deadlines[cmd.action] = (t + crm_.timing_of(cmd.rsc).timeout + kClusterDelay).to_seconds();
      if (cmd.node == name(self_)) {
        lrm_.execute(t, {dc_->term, host_, c.transitions(), cmd.action, cmd.rsc, cmd.task, 0});
      } else {
        send(ctx_.id(cmd.node), Message::Kind::crm_execute,
             CrmMessage::operation(dc_->term, c.transitions(), cmd.action, cmd.rsc, cmd.task));
      }
    }
    replicate(t);
  }

  void replicate(Instant t) {
    const crm::Coordinator& c = *dc_->coordinator;
    CrmMessage cib(dc_->term);
    cib.active = c.cib().active;
    cib.epoch = replica_.epoch + 1;
    cib.failcounts = c.cib().failcounts;
    cib.members = c.members();
    cib.seen.assign(c.seen().begin(), c.seen().end());
    replica_ = cib;
    replica_term_ = dc_->term;
    for (const std::string& node : view_names())
      if (node != name(self_)) send(ctx_.id(node), Message::Kind::crm_cib, cib);
    record_belief(t);
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
    ctx_.trace.emit(t.to_seconds(), "belief", belief);
  }

  RunContext& ctx_;
  const CrmSpec& crm_;
  std::size_t self_;
  HostId host_;
  MembershipStack stack_;
  LocalResourceManager lrm_;
  std::optional<DcState> dc_;
  std::optional<HostId> dc_host_;  // the DC this node answers to
  std::uint64_t dc_term_ = 0;
  CrmMessage replica_;             // this node's copy of the CIB status
  std::uint64_t replica_term_ = 0;
  std::map<std::size_t, std::uint32_t> incarnations_;  // peer -> the process incarnation last heard
  TraceEvent last_belief_;
};

}  // namespace

simgrid::s4u::ActorPtr spawn_crm_member(RunContext& ctx, std::size_t member) {
  return spawn_member_actor<CrmProcess>(ctx, member);
}

}  // namespace halab
