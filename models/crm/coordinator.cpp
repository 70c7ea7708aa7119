#include "models/crm/coordinator.hpp"

#include "models/placement/scheduler.hpp"

#include <algorithm>

namespace halab::crm {
namespace pl = placement;

namespace {

bool stonith_enabled(const pl::ClusterState& s) {
  auto it = s.properties.find("stonith-enabled");
  return it == s.properties.end() || pl::is_true(it->second);
}

bool has_fence_device(const pl::ClusterState& s) {
  return std::any_of(s.resources.begin(), s.resources.end(), [](const pl::Resource& r) { return r.standard == "stonith"; });
}

// A primitive's failure-timeout (own meta, then its parents', then rsc_defaults), in
// seconds; clone instances ("c:0") are looked up by their primitive.
std::optional<Duration> failure_timeout(const pl::ClusterState& s, const std::string& rsc) {
  const std::string base = pl::history_id(rsc);
  std::optional<std::string> found;
  auto visit = [&](auto& self, const pl::Resource& r, std::optional<std::string> inherited) -> bool {
    auto it = r.meta.find("failure-timeout");
    if (it != r.meta.end()) inherited = it->second;
    if (r.id == base) {
      found = inherited;
      return true;
    }
    for (const auto& c : r.children) {
      if (self(self, c, inherited)) return true;
    }
    return false;
  };
  for (const auto& r : s.resources) {
    if (visit(visit, r, std::nullopt)) break;
  }
  if (!found) {
    auto it = s.rsc_defaults.find("failure-timeout");
    if (it != s.rsc_defaults.end()) found = it->second;
  }
  if (!found) return std::nullopt;
  const auto seconds = pl::parse_interval_seconds(*found);
  if (!seconds || *seconds <= 0) return std::nullopt;
  return Duration::seconds(static_cast<double>(*seconds));
}

}  // namespace

Coordinator::Coordinator(CoordinatorConfig config)
    : config_(std::move(config)), cib_(config_.cluster), members_(config_.members),
      seen_(config_.seen.begin(), config_.seen.end()) {
  seen_.insert(members_.begin(), members_.end());
  for (pl::Node& n : cib_.nodes) n.state = pl::NodeState::offline;
}

void Coordinator::record_probe(const std::string& node, const std::vector<pl::ActiveResource>& running) {
  std::erase_if(cib_.active, [&](const pl::ActiveResource& a) { return a.node == node; });
  cib_.active.insert(cib_.active.end(), running.begin(), running.end());
  lose_operations_on([&](const std::string& n) { return n == node; });
}

std::vector<Command> Coordinator::on_status(Instant now, const std::string& node, const std::vector<pl::ActiveResource>& running) {
  std::erase_if(cib_.active, [&](const pl::ActiveResource& a) { return a.node == node; });
  cib_.active.insert(cib_.active.end(), running.begin(), running.end());
  return reschedule(now);
}

// Operations in flight on these nodes will never report (the node left, or restarted and
// was probed afresh): they are lost, and the transition with them (Pacemaker's
// fail_incompletable_actions).
template <typename Pred>
void Coordinator::lose_operations_on(Pred gone) {
  if (!run_) return;
  for (size_t a = 0; a < transition_.actions.size(); ++a) {
    const pl::Action& action = transition_.actions[a];
    if (action.task != "fence" && gone(action.node) && run_->in_flight(static_cast<int>(a))) {
      run_->completed(static_cast<int>(a), false);
    }
  }
}

std::vector<std::string> Coordinator::members() const {
  std::vector<std::string> out;
  for (const pl::Node& n : cib_.nodes) {
    if (n.state != pl::NodeState::offline) out.push_back(n.name);
  }
  return out;
}

void Coordinator::set_node(const std::string& node, pl::NodeState state) {
  for (pl::Node& n : cib_.nodes) {
    if (n.name == node) n.state = state;
  }
  if (state == pl::NodeState::offline) {
    // a node that is down (cleanly, or fenced) runs nothing, and its transient node
    // attributes — fail counts among them — go with it
    std::erase_if(cib_.active, [&](const pl::ActiveResource& a) { return a.node == node; });
    std::erase_if(cib_.failcounts, [&](const pl::FailCount& f) { return f.node == node; });
  }
}

std::vector<Command> Coordinator::on_membership(Instant now, const std::vector<std::string>& members, bool quorate) {
  const bool fencing = stonith_enabled(cib_) && has_fence_device(cib_);
  auto startup = cib_.properties.find("startup-fencing");
  const bool startup_fencing = startup == cib_.properties.end() || pl::is_true(startup->second);
  for (const pl::Node& configured : config_.cluster.nodes) {
    const bool member = std::find(members.begin(), members.end(), configured.name) != members.end();
    const bool was_member = std::find(members_.begin(), members_.end(), configured.name) != members_.end();
    // Unclean stays unclean until the node is fenced or joins again (Pacemaker: a node
    // expected up but out of the membership is unclean, whatever happened in between).
    const bool was_unclean = std::any_of(cib_.nodes.begin(), cib_.nodes.end(), [&](const pl::Node& n) {
      return n.name == configured.name && n.state == pl::NodeState::unclean;
    });
    if (member) {
      // back in the partition: its configured state (standby, maintenance) applies
      set_node(configured.name, configured.state == pl::NodeState::unclean ? pl::NodeState::online : configured.state);
    } else if ((was_member || was_unclean) && fencing) {
      set_node(configured.name, pl::NodeState::unclean);
    } else if (!seen_.count(configured.name) && fencing && startup_fencing) {
      set_node(configured.name, pl::NodeState::unclean);  // never seen: startup fencing
    } else {
      set_node(configured.name, pl::NodeState::offline);
    }
  }
  lose_operations_on([&](const std::string& n) { return std::find(members.begin(), members.end(), n) == members.end(); });
  members_ = members;
  seen_.insert(members.begin(), members.end());
  cib_.have_quorum = quorate;
  return reschedule(now);
}

std::vector<Command> Coordinator::reschedule(Instant now) {
  if (run_ && !run_->finished()) {
    // abort: nothing more is dispatched; the scheduler runs once in-flight work is done
    stale_ = true;
    run_->abort();
    return {};
  }
  stale_ = false;
  cib_.now = static_cast<long long>(now.to_seconds());
  const pl::Schedule schedule = pl::schedule(cib_);
  transition_ = pl::plan_transition(cib_, schedule);
  run_.emplace(transition_);
  ++transitions_;

  // the next re-check: the interval, or the first failure to expire
  recheck_at_ = now + config_.recheck_interval;
  for (const pl::FailCount& f : cib_.failcounts) {
    const auto timeout = failure_timeout(cib_, f.rsc);
    if (!f.last_failure || !timeout) continue;
    const Instant at = next_recheck(now, config_.recheck_interval, Instant::at_seconds(static_cast<double>(*f.last_failure)), *timeout);
    if (at > now && at < *recheck_at_) recheck_at_ = at;
  }
  return dispatch(now);
}

std::vector<Command> Coordinator::dispatch(Instant now) {
  std::vector<Command> out;
  for (bool progress = true; progress && run_;) {
    progress = false;
    for (int a : run_->ready()) {
      const pl::Action& action = transition_.actions[static_cast<size_t>(a)];
      if (action.implied) {  // a stop that fencing the node already did
        apply_success(action);
        run_->completed(a, true);
        progress = true;
      } else if (action.task == "fence") {
        out.push_back({Command::Kind::fence, a, action.node, "", ""});
      } else {
        out.push_back({Command::Kind::execute, a, action.node, action.rsc, action.task});
      }
    }
  }
  if (run_ && run_->finished() && stale_) {
    auto more = reschedule(now);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

void Coordinator::apply_success(const pl::Action& a) {
  auto it = std::find_if(cib_.active.begin(), cib_.active.end(),
                         [&](const pl::ActiveResource& x) { return x.rsc == pl::history_id(a.rsc) && x.node == a.node; });
  if (a.task == "start") {
    if (it == cib_.active.end()) cib_.active.push_back({pl::history_id(a.rsc), a.node, pl::Role::started, false});
    else it->failed = false;
  } else if (a.task == "stop") {
    if (it != cib_.active.end()) cib_.active.erase(it);
  } else if (a.task == "promote" && it != cib_.active.end()) {
    it->role = pl::Role::promoted;
  } else if (a.task == "demote" && it != cib_.active.end()) {
    it->role = pl::Role::unpromoted;
  }
}

void Coordinator::record_failure(Instant now, const std::string& node, const std::string& instance,
                                 const OperationResult& op) {
  const std::string rsc = pl::history_id(instance);
  const auto response = respond(op, op.task == "monitor" ? config_.monitor_on_fail : std::nullopt,
                                stonith_enabled(cib_) && has_fence_device(cib_));
  if (!response) return;
  auto fc = std::find_if(cib_.failcounts.begin(), cib_.failcounts.end(),
                         [&](const pl::FailCount& f) { return f.rsc == rsc && f.node == node; });
  if (fc == cib_.failcounts.end()) {
    cib_.failcounts.push_back({rsc, node, 0, std::nullopt});
    fc = cib_.failcounts.end() - 1;
  }
  fc->count = pl::add_scores(fc->count, response->failcount_increment);
  fc->last_failure = static_cast<long long>(now.to_seconds());
  auto active = std::find_if(cib_.active.begin(), cib_.active.end(),
                             [&](const pl::ActiveResource& x) { return x.rsc == rsc && x.node == node; });
  if (op.task == "start" && active == cib_.active.end()) {
    // a failed start may have left it half running: it must be stopped
    cib_.active.push_back({rsc, node, pl::Role::started, true});
  } else if (active != cib_.active.end()) {
    active->failed = true;
  }
  if (response->ban_everywhere) {
    for (const pl::Node& n : cib_.nodes) {
      cib_.locations.push_back({"fatal-error-" + rsc, rsc, n.name, -pl::kInfinity, {}, pl::Role::unknown});
    }
  }
  if (response->action == OnFail::fence) {
    set_node(node, pl::NodeState::unclean);
  } else if (response->action == OnFail::standby) {
    set_node(node, pl::NodeState::standby);
  }
}

std::vector<Command> Coordinator::on_result(Instant now, int action, int rc) {
  if (!run_ || action < 0 || action >= static_cast<int>(transition_.actions.size())) return {};
  const pl::Action a = transition_.actions[static_cast<size_t>(action)];
  std::vector<Command> out;
  if (rc == kOcfSuccess) {
    apply_success(a);
    run_->completed(action, true);
  } else {
    record_failure(now, a.node, a.rsc, {a.task, rc, kOcfSuccess});
    run_->completed(action, false);
    stale_ = true;
  }
  auto more = dispatch(now);
  out.insert(out.end(), more.begin(), more.end());
  if (idle() && stale_) {
    more = reschedule(now);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

std::vector<Command> Coordinator::on_monitor_failure(Instant now, const std::string& node, const std::string& rsc, int rc) {
  record_failure(now, node, rsc, {"monitor", rc, kOcfSuccess});
  return reschedule(now);
}

std::vector<Command> Coordinator::on_fence_result(Instant now, int action, bool succeeded) {
  if (!run_ || action < 0 || action >= static_cast<int>(transition_.actions.size())) return {};
  const pl::Action a = transition_.actions[static_cast<size_t>(action)];
  if (succeeded) {
    // fenced: down and known to be down, so losing it from the membership is no news
    set_node(a.node, pl::NodeState::offline);
    std::erase(members_, a.node);
    seen_.insert(a.node);
  }
  run_->completed(action, succeeded);
  if (!succeeded) stale_ = true;  // fencing is retried by the next transition
  auto out = dispatch(now);
  if (idle() && stale_) {
    auto more = reschedule(now);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

std::vector<Command> Coordinator::on_timer(Instant now) {
  if (!recheck_at_ || now < *recheck_at_) return {};
  recheck_at_.reset();
  return reschedule(now);
}

std::optional<std::string> Coordinator::running_on(const std::string& rsc) const {
  for (const pl::ActiveResource& a : cib_.active) {
    if (a.rsc == pl::history_id(rsc)) return a.node;
  }
  return std::nullopt;
}

}  // namespace halab::crm
