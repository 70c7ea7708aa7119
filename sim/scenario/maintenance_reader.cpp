// The /maintenance section of a scenario (docs/scenario-reference.md, "maintenance"):
// planned windows in which hosts' daemons are stopped gracefully — a keepalived member
// resigns (a planned switchover), a tier process drains — and started again, once or
// rolling through the hosts in every period.
#include "sim/scenario/scenario_reader.hpp"

#include "sim/service/service_kind.hpp"

#include <fmt/format.h>

namespace halab {

using Need = Fields::Need;

void ScenarioReader::read_maintenance(const Fields& f, Scenario& s) {
  const auto* windows = f.get("maintenance", Need::optional);
  if (!windows) return;
  if (!windows->is_array()) {
    diag_.expected("/maintenance", "an array of maintenance windows", windows);
    return;
  }
  for (std::size_t i = 0; i < windows->size(); ++i) {
    const std::string ptr = pointer_join("/maintenance", i);
    Fields wf((*windows)[i], ptr, diag_, {"hosts", "at", "every", "start", "duration", "process"});
    if (!wf.is_object()) continue;
    const std::size_t errors = diag_.errors().size();
    MaintenanceSpec m;
    const auto* process = wf.get("process", Need::optional);
    if (process && (!process->is_string() || (*process != "member" && *process != "tier")))
      diag_.expected(wf.pointer("process"), "\"member\" or \"tier\"", process);
    if (auto hosts = wf.strings("hosts", Need::required)) {
      if (hosts->empty()) diag_.expected(wf.pointer("hosts"), "a non-empty array of hosts", wf.get("hosts", Need::optional));
      for (std::size_t h = 0; h < hosts->size(); ++h) {
        const std::string& host = (*hosts)[h];
        const std::string hptr = pointer_join(wf.pointer("hosts"), h);
        const auto member = members_.find(host);
        const ServiceSpec* svc = member == members_.end() ? nullptr : s.service_named(member->second);
        const bool keepalived = svc && svc->cluster.kind && svc->cluster.kind->name == "keepalived";
        const bool tier = tier_hosts_.count(host) && !director_hosts_.count(host);
        if (!keepalived && !tier) {
          diag_.expected(hptr, "a keepalived member or a host of a /stack tier (not an LVS director): a host whose daemon "
                               "stops gracefully",
                         &(*wf.get("hosts", Need::optional))[h]);
        } else if (keepalived && tier && !process) {
          diag_.expected(wf.pointer("process"), "\"member\" or \"tier\": \"" + host + "\" runs both a cluster member and a tier",
                         nullptr);
        } else if (process && process->is_string() && ((*process == "tier" && !tier) || (*process == "member" && !keepalived))) {
          diag_.error(hptr, "\"" + host + "\" runs no " + (*process == "tier" ? "tier of /stack" : "keepalived member"));
        }
        m.hosts.push_back(host);
        m.tier_process.push_back(process && process->is_string() ? *process == "tier" : !keepalived);
      }
    }
    if (auto d = wf.duration("duration", Need::required)) {
      if (*d <= Duration::seconds(0)) diag_.expected(wf.pointer("duration"), "a positive duration", wf.get("duration", Need::optional));
      m.duration = *d;
    }
    const bool periodic = wf.get("every", Need::optional) != nullptr;
    if (periodic && wf.get("at", Need::optional))
      diag_.error(wf.pointer("at"), "a window is either once (\"at\") or periodic (\"every\", \"start\"), not both");
    if (periodic) {
      m.every = wf.duration("every", Need::required);
      const auto start = wf.duration("start", Need::optional);
      if (m.every) m.start = Instant() + start.value_or(*m.every);
      if (m.every && *m.every < m.duration * static_cast<double>(std::max<std::size_t>(1, m.hosts.size())))
        diag_.error(wf.pointer("every"), fmt::format("the period must hold each host's window in turn: at least {} × {:g} s",
                                                     m.hosts.size(), m.duration.to_seconds()));
    } else if (wf.get("start", Need::optional)) {
      diag_.error(wf.pointer("start"), "\"start\" belongs to a periodic window (\"every\")");
    } else if (auto at = wf.duration("at", Need::required)) {
      m.start = Instant() + *at;
    }
    check_time(wf.pointer(periodic ? "start" : "at"), m.start, s);
    if (diag_.errors().size() == errors) s.maintenance.push_back(std::move(m));
  }
}

}  // namespace halab
