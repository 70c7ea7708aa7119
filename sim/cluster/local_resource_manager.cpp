#include "sim/cluster/local_resource_manager.hpp"

#include "models/crm/failure_response.hpp"
#include "sim/cluster/service_ip.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>
#include <limits>

namespace halab {
namespace pl = placement;

LocalResourceManager::LocalResourceManager(RunContext& ctx, ServiceRun& svc, std::size_t self)
    : ctx_(ctx), svc_(svc), self_(self), host_(svc.member_hosts[self]), crm_(*svc.spec.crm) {}

std::vector<LocalResourceManager::Running>::iterator LocalResourceManager::find(const std::string& rsc) {
  return std::find_if(running_.begin(), running_.end(), [&](const Running& r) { return r.rsc == pl::history_id(rsc); });
}

// The return code an injected fault makes the agent give for `task` at `at`, if any.
std::optional<int> LocalResourceManager::injected_rc(const std::string& rsc, const std::string& task, Instant at) const {
  const std::string base = pl::history_id(rsc);  // a clone instance fails as its primitive
  for (const FaultSpec& f : ctx_.scenario.faults) {
    if (f.kind != FaultSpec::Kind::agent_fail || f.resource != base || f.operation != task) continue;
    if (f.host != ctx_.name(host_) || at < f.at || (f.until && at >= *f.until)) continue;
    return f.rc;
  }
  return std::nullopt;
}

void LocalResourceManager::execute(Instant now, const Result& request) {
  const AgentTiming& timing = crm_.timing_of(request.rsc);
  Duration takes = timing.of(request.task);
  Pending p{(now + std::min(takes, timing.timeout)).to_seconds(), now.to_seconds(), request};
  p.op.rc = takes >= timing.timeout ? crm::kOcfErrGeneric : crm::kOcfSuccess;  // timed out
  pending_.push_back(p);
}

double LocalResourceManager::next_deadline_s() const {
  double deadline = std::numeric_limits<double>::infinity();
  for (const Pending& p : pending_) deadline = std::min(deadline, p.done_s);
  for (const Running& r : running_) {
    if (!r.failed) deadline = std::min(deadline, r.next_monitor_s);
  }
  return deadline;
}

void LocalResourceManager::run_timers(Instant now, std::vector<Result>& results, std::vector<MonitorFailure>& failures) {
  // operations in the order they finish (ties: the order they were asked for)
  std::stable_sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) { return a.done_s < b.done_s; });
  while (!pending_.empty() && pending_.front().done_s <= now.to_seconds()) {
    Pending p = pending_.front();
    pending_.erase(pending_.begin());
    complete(p, results);
  }
  for (Running& r : running_) {
    if (r.failed || r.next_monitor_s > now.to_seconds()) continue;
    const Duration interval = crm_.timing_of(r.rsc).monitor_interval;
    r.next_monitor_s += interval.to_seconds();
    if (auto rc = injected_rc(r.rsc, "monitor", now)) {
      r.failed = true;
      svc_.emit(ctx_.trace, now.to_seconds(), event::crm_monitor, {{"node", ctx_.name(host_)}, {"rsc", r.rsc}, {"rc", *rc}});
      failures.push_back({r.rsc, *rc});
    }
  }
}

void LocalResourceManager::complete(const Pending& p, std::vector<Result>& results) {
  const double t = p.done_s;
  Result r = p.op;
  if (r.rc == crm::kOcfSuccess) {
    if (auto rc = injected_rc(r.rsc, r.task, Instant::at_seconds(t))) r.rc = *rc;
  }
  const bool ok = r.rc == crm::kOcfSuccess;
  auto it = find(r.rsc);
  const bool vip = r.rsc == crm_.vip_resource;
  if (r.task == "start") {
    if (it == running_.end()) {
      running_.push_back({pl::history_id(r.rsc), pl::Role::started, 0, false});
      it = running_.end() - 1;
    }
    it->failed = !ok;  // a failed start leaves it to be stopped
    it->role = pl::Role::started;
    it->next_monitor_s = t + crm_.timing_of(r.rsc).monitor_interval.to_seconds();
    // a resource that dies at once (a failing monitor) never serves
    if (ok && vip && !injected_rc(r.rsc, "monitor", Instant::at_seconds(t)) && !svc_.vip.holds(host_))
      take_ip(ctx_, svc_, host_, t, "crm start " + r.rsc);
  } else if (r.task == "stop" && ok) {
    if (it != running_.end()) running_.erase(it);
    if (vip && svc_.vip.holds(host_)) release_ip(ctx_, svc_, host_, t, "crm stop " + r.rsc);
  } else if ((r.task == "promote" || r.task == "demote") && ok && it != running_.end()) {
    it->role = r.task == "promote" ? pl::Role::promoted : pl::Role::unpromoted;
  } else if (!ok && it != running_.end()) {
    it->failed = true;
  }
  svc_.emit(ctx_.trace, t, event::crm_action,
                  {{"node", ctx_.name(host_)}, {"rsc", r.rsc}, {"task", r.task}, {"rc", r.rc}, {"began_s", p.started_s}});
  results.push_back(r);
}

std::vector<pl::ActiveResource> LocalResourceManager::active() const {
  std::vector<pl::ActiveResource> out;
  for (const Running& r : running_) out.push_back({r.rsc, ctx_.name(host_), r.role, r.failed});
  return out;
}

}  // namespace halab
