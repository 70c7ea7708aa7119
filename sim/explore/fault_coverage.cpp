#include "sim/explore/fault_coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace halab {
namespace {

// The explorer's kind of a fault event that starts a fault, or "" for one that does not.
std::string started_kind(const std::string& ev, const TraceEvent& e) {
  if (ev == "fault.crash") return "crash";
  if (ev == "fault.partition") return e.value("one_way", false) ? "one-way-partition" : "partition";
  if (ev == "fault.link_down") return "link-cut";
  if (ev == "fault.degrade") return e.value("loss", 0.0) > 0 ? "lossy-link" : "slow-link";
  if (ev == "fault.pause") return "pause";
  if (ev == "fault.fence_device" && e.value("failing", false)) return "fence-device-failure";
  return "";
}

bool ends_a_fault(const std::string& ev, const TraceEvent& e) {
  return ev == "fault.restart" || ev == "fault.heal" || ev == "fault.restore" || ev == "fault.link_up" ||
         ev == "fault.resume" || (ev == "fault.fence_device" && !e.value("failing", true));
}

}  // namespace

std::vector<FaultHit> fault_hits(const std::vector<TraceEvent>& events) {
  std::vector<FaultHit> hits;
  // A run whose services hold no IP (a membership alone) has no holder to follow: it is not
  // "starting" for want of one, and its failover is its membership's, from a member lost by
  // some (member.suspect, member.dead) until all have lost it or it is back.
  const bool follows_ips = std::any_of(events.begin(), events.end(), [](const TraceEvent& e) { return e["ev"] == "ip.take"; });
  std::map<std::string, std::set<std::string>> holders;  // per IP
  std::set<std::string> fencing;                         // targets being fenced
  std::set<std::string> converging;                      // members lost by some, not yet by all
  std::set<std::uint64_t> active;                        // faults in effect, by index
  for (const auto& e : events) {
    const std::string& ev = e["ev"].get_ref<const std::string&>();
    if (ev == "ip.take") holders[e["ip"].get<std::string>()].insert(e["node"].get<std::string>());
    else if (ev == "ip.release") holders[e["ip"].get<std::string>()].erase(e["node"].get<std::string>());
    else if (ev == "fence.request") fencing.insert(e["target"].get<std::string>());
    else if (ev == "fence.done" || ev == "fence.abandon") fencing.erase(e["target"].get<std::string>());
    else if (ev == "member.suspect" || ev == "member.dead") converging.insert(e["node"].get<std::string>());
    else if (ev == "member.dead_everywhere" || ev == "member.alive") converging.erase(e["node"].get<std::string>());
    if (ev.rfind("fault.", 0) != 0 || !e.contains("fault")) continue;
    const auto index = e["fault"].get<std::uint64_t>();
    if (ends_a_fault(ev, e)) {
      active.erase(index);
      continue;
    }
    const std::string kind = started_kind(ev, e);
    if (kind.empty()) continue;
    bool split = false, empty = false;
    for (const auto& [ip, nodes] : holders) split = split || nodes.size() > 1, empty = empty || nodes.empty();
    const bool failover = follows_ips ? empty : !converging.empty();
    const char* state = split                             ? "split brain"
                        : !fencing.empty()                ? "fencing"
                        : failover                        ? "failover"
                        : follows_ips && holders.empty()  ? "starting"
                        : !active.empty()                 ? "another fault"
                                                          : "steady";
    hits.push_back({kind, state, e["t"].get<double>()});
    active.insert(index);
  }
  return hits;
}

std::size_t FaultCoverage::count(const std::string& kind, const std::string& state) const {
  const auto it = count_.find({kind, state});
  return it == count_.end() ? 0 : it->second;
}

std::string FaultCoverage::table(const std::vector<std::string>& kinds) const {
  std::string out = fmt::format("{:<22}", "fault \\ state");
  for (const char* state : kProtocolStates) out += fmt::format("{:>14}", state);
  out += '\n';
  std::vector<std::string> untried;
  for (const auto& kind : kinds) {
    out += fmt::format("{:<22}", kind);
    for (const char* state : kProtocolStates) {
      const std::size_t n = count(kind, state);
      out += fmt::format("{:>14}", n ? std::to_string(n) : "-");
      if (!n) untried.push_back(fmt::format("{} during {}", kind, state));
    }
    out += '\n';
  }
  out += fmt::format("Never tried ({} of {}): {}\n", untried.size(), kinds.size() * kProtocolStates.size(),
                     untried.empty() ? "none" : fmt::format("{}", fmt::join(untried, "; ")));
  return out;
}

nlohmann::json FaultCoverage::to_json(const std::vector<std::string>& kinds) const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& kind : kinds)
    for (const char* state : kProtocolStates) out[kind][state] = count(kind, state);
  return out;
}

}  // namespace halab
