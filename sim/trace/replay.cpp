#include "sim/trace/replay.hpp"

#include "sim/metrics/membership_views.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {
namespace {

std::string str(const TraceEvent& e, const char* key) {
  auto it = e.find(key);
  return it != e.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::size_t RunState::ip_holders() const {
  std::map<std::string, std::size_t> holders;  // by address
  std::size_t most = 0;
  for (const auto& [host, n] : nodes)
    if (n.holds_ip && n.up) most = std::max(most, ++holders[n.ip]);
  return most;
}

void apply_event(RunState& s, const TraceEvent& e) {
  s.crm.observe(e);
  s.t = e["t"].get<double>();
  ++s.events_applied;
  const std::string ev = str(e, "ev");
  if (ev == event::run_start) {
    for (const auto& h : e.value("hosts", TraceEvent::array())) s.nodes[h.get<std::string>()];
    for (const auto& m : e.value("members", TraceEvent::array())) s.nodes[m["host"].get<std::string>()].member = true;
    for (const auto& svc : e.value("services", TraceEvent::array()))
      if (keeps_membership_only(svc.value("manager", ""))) {
        for (const auto& h : svc["members"]) s.nodes[h.get<std::string>()].gossip = true;
        for (const auto& h : svc.value("ensemble", TraceEvent::array())) s.nodes[h.get<std::string>()].ensemble = true;
      }
    for (const auto& t : e.value("tiers", TraceEvent::array())) {
      for (const auto& h : t["hosts"]) s.nodes[h.get<std::string>()].tier = t["name"].get<std::string>();
      if (!t.contains("sentinels") || t["hosts"].empty()) continue;
      const std::string first = t["hosts"][0].get<std::string>();
      for (const auto& h : t["hosts"])
        s.nodes[h.get<std::string>()].cache_role = h.get<std::string>() == first ? "master" : "replica of " + first;
      for (const auto& h : t["sentinels"]) s.nodes[h.get<std::string>()].sentinel = SentinelView{first, first};
    }
  } else if (ev == event::fault_crash) {
    NodeState& n = s.nodes[str(e, "host")];
    n.up = false;
    n.holds_ip = false;
  } else if (ev == event::fault_restart || ev == event::node_boot) {
    NodeState& n = s.nodes[ev == event::node_boot ? str(e, "node") : str(e, "host")];
    if (n.up && !n.tier_stop.empty() && n.vrrp_state != "stopped") {  // only its stopped tier process starts again
      n.tier_stop.clear();
      n.skipped_until.clear();
      n.checked_down.clear();
      return;
    }
    const NodeState before = n;
    n = NodeState();  // a fresh process
    n.member = before.member;
    n.tier = before.tier;
    n.cache_role = before.cache_role;  // a restarted Redis keeps its role until told otherwise
    n.gossip = before.gossip;
    n.ensemble = before.ensemble;
    n.held = before.held;  // the others' views, until it refutes
    if (before.sentinel) n.sentinel = SentinelView{before.sentinel->initial_master, before.sentinel->initial_master};
  } else if (ev == event::fault_hang) {
    s.nodes[str(e, "host")].hung = e["hung"].get<bool>();
  } else if (ev == event::fault_slow) {
    s.nodes[str(e, "host")].slow = e["factor"].get<double>();
  } else if (ev == event::fault_stop) {
    if (str(e, "process") != "tier") s.nodes[str(e, "host")].vrrp_state = "stopped";
  } else if (ev == event::upstream_failed) {
    s.nodes[str(e, "node")].skipped_until[str(e, "server")] = e["until_s"].get<double>();
  } else if (ev == event::check_state) {
    NodeState& n = s.nodes[str(e, "node")];
    if (e["up"].get<bool>()) n.checked_down.erase(str(e, "server"));
    else n.checked_down.insert(str(e, "server"));
  } else if (ev == event::sentinel_event) {
    std::optional<SentinelView>& v = s.nodes[str(e, "sentinel")].sentinel;
    if (!v) v.emplace();
    const std::string what = str(e, "event");
    if (what == "+sdown" || what == "-sdown") v->sdown = what == "+sdown";
    if (what == "+odown" || what == "-odown") v->odown = what == "+odown";
    v->epoch = std::max(v->epoch, e["epoch"].get<std::uint64_t>());
    v->last_event = e.contains("who") ? what + " " + str(e, "who") : what;
  } else if (ev == event::sentinel_switch) {
    std::optional<SentinelView>& v = s.nodes[str(e, "sentinel")].sentinel;
    if (!v) v.emplace();
    v->master = str(e, "to");
    v->sdown = v->odown = false;
    v->epoch = std::max(v->epoch, e["epoch"].get<std::uint64_t>());
    v->last_event = "+switch-master " + str(e, "to");
  } else if (ev == event::cache_role) {
    s.nodes[str(e, "node")].cache_role = str(e, "role") == "master" ? "master" : "replica of " + str(e, "master");
  } else if (ev == event::tier_stop) {
    s.nodes[str(e, "node")].tier_stop = "draining";
  } else if (ev == event::tier_stopped) {
    s.nodes[str(e, "node")].tier_stop = "stopped";
  } else if (ev == event::token) {
    s.token_node = str(e, "node");
    s.token_at = s.t;
  } else if (ev == event::vrrp_state) {
    NodeState& n = s.nodes[str(e, "node")];
    n.vrrp_state = str(e, "state");
    n.vrrp_priority = e.value("priority", 0);
  } else if (ev == event::vrrp_priority) {
    s.nodes[str(e, "node")].vrrp_priority = e.value("priority", 0);
  } else if (ev == event::fault_pause) {
    s.nodes[str(e, "host")].paused = true;
  } else if (ev == event::fault_resume) {
    s.nodes[str(e, "host")].paused = false;
  } else if (ev == event::fault_partition) {
    ActivePartition p;
    p.fault = e.value("fault", 0);
    p.groups = e["groups"].get<std::vector<std::vector<std::string>>>();
    p.one_way = e.value("one_way", false);
    s.partitions.push_back(std::move(p));
  } else if (ev == event::fault_heal) {
    int fault = e.value("fault", -1);
    std::erase_if(s.partitions, [fault](const ActivePartition& p) { return p.fault == fault; });
  } else if (ev == event::fault_degrade) {
    s.link_faults[str(e, "link")] = "degraded";
  } else if (ev == event::fault_link_down) {
    s.link_faults[str(e, "link")] = "down";
  } else if (ev == event::fault_restore || ev == event::fault_link_up) {
    s.link_faults.erase(str(e, "link"));
  } else if (ev == event::fault_fence_device) {
    s.fence_device_failing = e.value("failing", false);
  } else if (ev == event::detector_suspect) {
    s.nodes[str(e, "node")].suspects.insert(str(e, "peer"));
  } else if (ev == event::detector_trust) {
    s.nodes[str(e, "node")].suspects.erase(str(e, "peer"));
  } else if (ev == event::member_suspect) {
    s.nodes[str(e, "node")].held = "suspected";
  } else if (ev == event::member_dead) {
    s.nodes[str(e, "node")].held = "held dead";
  } else if (ev == event::member_dead_everywhere) {
    s.nodes[str(e, "node")].held = "dead to all";
  } else if (ev == event::member_alive) {
    s.nodes[str(e, "node")].held.clear();
  } else if (ev == event::ip_take) {
    NodeState& n = s.nodes[str(e, "node")];
    n.holds_ip = true;
    n.ip = e.value("ip", "");
  } else if (ev == event::ip_release) {
    s.nodes[str(e, "node")].holds_ip = false;
  } else if (ev == event::belief) {
    s.nodes[str(e, "node")].belief = e;
  } else if (ev == event::fence_done && e.value("success", false)) {
    NodeState& n = s.nodes[str(e, "target")];
    if (str(e, "kind") == "storage") {
      n.storage_fenced = true;
    } else {
      n.fenced = true;
      n.up = false;
      n.holds_ip = false;
    }
  } else if (ev == event::fence_self) {
    NodeState& n = s.nodes[str(e, "node")];
    n.fenced = true;
    n.up = false;
    n.holds_ip = false;
  } else if (ev == event::request) {
    if (str(e, "outcome") == "ok") ++s.requests_ok;
    else ++s.requests_failed;
  } else if (ev == event::storage_write && str(e, "result") != "accepted") {
    ++s.writes_refused;
  }
}

TraceReplay::TraceReplay(std::vector<TraceEvent> events) {
  checkpoints_.push_back(last_);
  for (auto& e : events) append(std::move(e));
}

void TraceReplay::append(TraceEvent event) {
  if (checkpoints_.empty()) checkpoints_.push_back(last_);
  apply_event(last_, event);
  if (event["ev"] == event::storage_write && event.value("result", "") == "accepted") {
    writes_.push_back({event["t"].get<double>(), event.value("node", ""), event.value("epoch", std::uint64_t{0})});
    write_events_.push_back(events_.size());
    corrupted_stale_ = true;
  }
  events_.push_back(std::move(event));
  if (events_.size() % kCheckpointEvery == 0) checkpoints_.push_back(last_);
}

std::size_t TraceReplay::count_until(double t) const {
  return static_cast<std::size_t>(std::upper_bound(events_.begin(), events_.end(), t,
                                                   [](double time, const TraceEvent& e) {
                                                     return time < e["t"].get<double>();
                                                   }) -
                                  events_.begin());
}

std::uint64_t TraceReplay::corrupted_before(std::size_t count) const {
  if (corrupted_stale_) {
    std::vector<bool> flags = conflicting_write_flags(writes_);
    corrupted_prefix_.assign(flags.size() + 1, 0);
    for (std::size_t i = 0; i < flags.size(); ++i) corrupted_prefix_[i + 1] = corrupted_prefix_[i] + flags[i];
    corrupted_stale_ = false;
  }
  auto writes = static_cast<std::size_t>(std::lower_bound(write_events_.begin(), write_events_.end(), count) -
                                         write_events_.begin());
  return corrupted_prefix_.empty() ? 0 : corrupted_prefix_[writes];
}

RunState TraceReplay::after(std::size_t count) const {
  count = std::min(count, events_.size());
  RunState s = state_after(count);
  s.corrupted_writes = corrupted_before(count);
  return s;
}

RunState TraceReplay::state_after(std::size_t count) const {
  if (count == events_.size()) return last_;
  RunState s = checkpoints_.empty() ? RunState{} : checkpoints_[std::min(count / kCheckpointEvery, checkpoints_.size() - 1)];
  for (std::size_t i = s.events_applied; i < count; ++i) apply_event(s, events_[i]);
  return s;
}

RunState TraceReplay::at(double t) const {
  RunState s = after(count_until(t));
  s.t = t;
  return s;
}

} // namespace halab
