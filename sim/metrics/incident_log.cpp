#include "sim/metrics/incident_log.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {
namespace {

// The scenario's fault kind for a trace event, and whether the event ends the fault.
std::optional<std::pair<std::string, bool>> fault_kind(const std::string& ev, const TraceEvent& e) {
  static const std::map<std::string, std::pair<std::string, bool>> kinds{
      {event::fault_crash, {"crash", false}},         {event::fault_restart, {"crash", true}},
      {event::fault_stop, {"stop", false}},           {event::fault_pause, {"pause", false}},
      {event::fault_resume, {"pause", true}},         {event::fault_partition, {"partition", false}},
      {event::fault_heal, {"partition", true}},       {event::fault_link_down, {"link-down", false}},
      {event::fault_link_up, {"link-down", true}},    {event::fault_degrade, {"degrade", false}},
      {event::fault_restore, {"degrade", true}},      {event::fault_agent_fail, {"agent-fail", false}},
      {event::fault_agent_recover, {"agent-fail", true}}};
  if (ev == event::fault_check) return std::pair<std::string, bool>{"check-fail", !e.value("failing", false)};
  auto it = kinds.find(ev);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

} // namespace

void IncidentLog::observe(const TraceEvent& e) {
  const std::string& ev = e["ev"].get_ref<const std::string&>();
  const double t = e["t"].get<double>();
  if (ev == event::run_start) {
    routes_.read(e);
    return;
  }
  if (ev == event::detector_suspect) {
    suspected_[e["peer"].get<std::string>()].push_back(t);
    return;
  }
  if (ev == event::fence_done && e["success"].get<bool>()) {
    fenced_[e["target"].get<std::string>()].push_back(t);
    return;
  }
  if (ev == event::fence_self) {
    fenced_[e["node"].get<std::string>()].push_back(t);
    return;
  }
  if (ev == event::belief && e.contains("members")) {
    const std::string node = e["node"].get<std::string>();
    std::set<std::string> members;
    for (const auto& m : e["members"]) members.insert(m.get<std::string>());
    for (const auto& peer : view_[node])
      if (!members.count(peer)) left_view_[{node, peer}].push_back(t);
    view_[node] = std::move(members);
    return;
  }
  auto kind = fault_kind(ev, e);
  if (!kind) return;
  Fault f;
  f.index = e.value("fault", -1);
  f.at_s = t;
  f.kind = kind->first;
  f.ends = kind->second;
  if (f.ends && started_.count(f.index)) {
    Fault& begun = faults_[started_[f.index]];
    begun.ended_at_s = std::min(begun.ended_at_s, t);
    f.kind = begun.kind;  // a restart ends a crash or a stop
    f.host = begun.host;
    f.link = begun.link;
    f.groups = begun.groups;
  }
  if (e.contains("host")) f.host = e["host"].get<std::string>();
  if (e.contains("link")) f.link = e["link"].get<std::string>();
  if (e.contains("groups")) f.groups = e["groups"].get<std::vector<std::vector<std::string>>>();
  if (!f.ends) started_[f.index] = faults_.size();
  faults_.push_back(std::move(f));
}

std::string IncidentLog::describe(const Fault& f) {
  std::string what = f.kind + (f.host.empty() ? std::string() : " " + f.host) + (f.link.empty() ? std::string() : " " + f.link);
  return f.ends ? "end of " + what : what;
}

bool IncidentLog::involves(const Fault& f, const std::string& a, const std::string& b) const {
  if (!f.host.empty()) return f.host == a;  // a host's own fault: crash, stop, pause, check, agent
  if (!f.link.empty()) return routes_.on_route(f.link, a, b);
  if (f.groups.empty()) return false;
  auto group_of = [&f](const std::string& h) {
    for (std::size_t g = 0; g < f.groups.size(); ++g)
      if (std::find(f.groups[g].begin(), f.groups[g].end(), h) != f.groups[g].end()) return static_cast<int>(g);
    return -1;
  };
  int ga = group_of(a), gb = group_of(b);
  return ga >= 0 && gb >= 0 && ga != gb;
}

std::optional<IncidentCause> IncidentLog::cause(double t, const std::optional<std::string>& from, double from_since,
                                                const std::string& to) const {
  // The old holder's own trouble first (a cut that follows its crash does not explain the
  // failover), then anything between the two; then, for a failback, the end of the new
  // holder's trouble.
  if (from) {
    // A pause that was over before the move did not cause it (a frozen holder loses the IP
    // while frozen): a crash may (its restart can come before the detection).
    const auto may_cause = [&](const Fault& f) {
      return f.at_s <= t && f.at_s >= from_since && !f.ends && !(f.kind == "pause" && f.ended_at_s < t);
    };
    for (auto it = faults_.rbegin(); it != faults_.rend(); ++it)
      if (may_cause(*it) && it->host == *from)
        return IncidentCause{it->index, it->at_s, describe(*it), it->kind, it->host, it->ends};
    for (auto it = faults_.rbegin(); it != faults_.rend(); ++it)
      if (may_cause(*it) && involves(*it, *from, to))
        return IncidentCause{it->index, it->at_s, describe(*it), it->kind, it->host, it->ends};
  }
  for (auto it = faults_.rbegin(); it != faults_.rend(); ++it)
    if (it->at_s <= t && it->ends && (involves(*it, to, from.value_or("")) || (from && involves(*it, *from, to))))
      return IncidentCause{it->index, it->at_s, describe(*it), it->kind, it->host, it->ends};
  return std::nullopt;
}

std::optional<IncidentCause> IncidentLog::latest_before(double stopped_at) const {
  for (auto it = faults_.rbegin(); it != faults_.rend(); ++it)
    if (it->at_s <= stopped_at && !it->ends) return IncidentCause{it->index, it->at_s, describe(*it), it->kind, it->host, it->ends};
  return std::nullopt;
}

std::optional<double> IncidentLog::first_at_or_after(const std::vector<double>& times, double from, double until) {
  auto it = std::lower_bound(times.begin(), times.end(), from);
  if (it == times.end() || *it > until) return std::nullopt;
  return *it;
}

IncidentPhases IncidentLog::phases(const IncidentCause& cause, double moved_at, const std::optional<std::string>& from,
                                   const std::string& to) const {
  IncidentPhases p;
  if (!from) return p;
  if (auto it = suspected_.find(*from); it != suspected_.end())
    p.detected_at_s = first_at_or_after(it->second, cause.at_s, moved_at);
  if (auto it = left_view_.find({to, *from}); it != left_view_.end())
    p.decided_at_s = first_at_or_after(it->second, cause.at_s, moved_at);
  if (auto it = fenced_.find(*from); it != fenced_.end()) p.fenced_at_s = first_at_or_after(it->second, cause.at_s, moved_at);
  return p;
}

} // namespace halab
