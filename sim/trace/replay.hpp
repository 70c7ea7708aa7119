// The state of a run at any simulated time, rebuilt from its trace alone: which hosts are up,
// paused or fenced, who holds the floating IP, what each node believes, which partitions and
// link faults are active, the running request counts, and what the CRM runs where. For viewers (the GUI scrubs with
// it) and tests; a pure function of the events, with checkpoints so that jumping to any time
// in a long trace costs at most one checkpoint interval of replay.
#pragma once

#include "models/storage/write_conflicts.hpp"
#include "sim/metrics/crm_outcome.hpp"
#include "sim/trace/trace.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace halab {

// What a Redis Sentinel believes (sentinel.event, sentinel.switch): the master it knows,
// whether it holds it subjectively / objectively down, its epoch and its last decision.
struct SentinelView {
  std::string initial_master{};  // the tier's first host: where every Sentinel starts
  std::string master{};
  bool sdown = false;
  bool odown = false;
  std::uint64_t epoch = 0;
  std::string last_event{};
};

struct NodeState {
  bool member = false;
  bool up = true;
  bool paused = false;
  bool fenced = false;        // powered off or reset by fencing, until it boots again
  bool storage_fenced = false;
  bool holds_ip = false;
  std::string ip;                       // the floating IP it holds ("" in traces not naming it)
  std::set<std::string> suspects;       // peers its detectors declared dead
  std::optional<TraceEvent> belief;     // its latest `belief` event (pacemaker manager)
  std::string vrrp_state;               // keepalived: initialize, backup, master or fault
  int vrrp_priority = 0;                // keepalived: its effective priority
  std::string tier;                     // the request-path tier it runs, if any
  bool hung = false;                    // its tier process answers nothing (a hang fault)
  double slow = 1;                      // its tier process works this many times slower
  std::string tier_stop;                // its tier process stopped gracefully: "draining", then "stopped"
  // Its tier process's view of the servers it calls: skipped by passive checks until a
  // time (upstream.failed), or marked down by its active checks (check.state).
  std::map<std::string, double> skipped_until;
  std::set<std::string> checked_down;
  std::optional<SentinelView> sentinel;  // a Redis Sentinel runs here
  std::string cache_role;                // a Redis instance: "master", or "replica of <master>"
  // memberlist, zookeeper's clients: it keeps membership only, and what the others make of
  // it (member.* events; it outlives its process): "" (alive to all), "suspected", "held
  // dead" (by some), "dead to all".
  bool gossip = false;
  std::string held;
  bool ensemble = false;  // zookeeper: a server of the registry (not of the group)
};

struct ActivePartition {
  int fault = 0;
  std::vector<std::vector<std::string>> groups;
  bool one_way = false;
};

struct RunState {
  double t = 0;
  std::size_t events_applied = 0;
  std::map<std::string, NodeState> nodes;
  std::vector<ActivePartition> partitions;
  std::map<std::string, std::string> link_faults;  // link -> "degraded" or "down"
  bool fence_device_failing = false;
  std::uint64_t requests_ok = 0;
  std::uint64_t requests_failed = 0;
  std::uint64_t writes_refused = 0;
  // Writes so far that belong to overlapping writer sessions (judged on the whole trace known).
  std::uint64_t corrupted_writes = 0;
  CrmOutcome crm;  // the cluster resource manager: what runs where now
  // Corosync timing: the node Totem's token last reached, and when.
  std::string token_node;
  double token_at = 0;

  // The most live holders any one floating IP has.
  std::size_t ip_holders() const;
};

class TraceReplay {
public:
  TraceReplay() = default;
  explicit TraceReplay(std::vector<TraceEvent> events);

  // Adds one more event (streaming); events must come in time order.
  void append(TraceEvent event);
  // The state after every event with time <= t.
  RunState at(double t) const;
  // The state after the first `count` events.
  RunState after(std::size_t count) const;

  const std::vector<TraceEvent>& events() const { return events_; }
  double end_time() const { return events_.empty() ? 0.0 : events_.back()["t"].get<double>(); }
  // Whether the run writes to shared storage at all.
  bool has_storage() const { return !writes_.empty() || last_.writes_refused > 0; }
  // Index of the first event with time > t.
  std::size_t count_until(double t) const;

private:
  static constexpr std::size_t kCheckpointEvery = 1024;

  std::uint64_t corrupted_before(std::size_t count) const;
  RunState state_after(std::size_t count) const;

  std::vector<TraceEvent> events_;
  std::vector<RunState> checkpoints_;  // state after 0, k, 2k, ... events
  RunState last_;                      // state after all events
  std::vector<WriteRecord> writes_;    // accepted writes, and the index of their events
  std::vector<std::size_t> write_events_;
  // Cumulative conflicting writes, recomputed when writes were added since.
  mutable std::vector<std::uint64_t> corrupted_prefix_;
  mutable bool corrupted_stale_ = false;
};

// Applies one event to a state (the replay rule, exposed for tests).
void apply_event(RunState& state, const TraceEvent& event);

} // namespace halab
