// The designated coordinator (DC) of a Pacemaker-style cluster resource manager, as a
// sans-I/O state machine: it keeps the cluster information base (configuration and
// status: what runs where, fail counts, node states), runs the scheduler after every
// change, and carries the resulting transition out by asking nodes to execute resource
// operations (and the fencer to fence), one graph action at a time as its inputs
// complete. Sources: "Pacemaker Explained" 2.1 (the controller/DC, transitions, failure
// handling, fencing, cluster-recheck-interval) and Pacemaker's controller behaviour:
// an event during a transition aborts it, in-flight operations finish, then the
// scheduler runs again on the updated status.
#pragma once

#include "models/crm/failure_response.hpp"
#include "models/crm/transition_run.hpp"
#include "models/placement/cluster_state.hpp"
#include "models/placement/transition.hpp"
#include "models/time.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace halab::crm {

struct Command {
  enum class Kind { execute, fence };
  Kind kind = Kind::execute;
  int action = -1;      // the graph action it carries out (results name it)
  std::string node;
  std::string rsc;      // execute
  std::string task;     // execute: start, stop, promote, demote
};

struct CoordinatorConfig {
  placement::ClusterState cluster;  // configuration (nodes, resources, constraints, options)
  Duration recheck_interval = Duration::seconds(15 * 60);
  std::optional<OnFail> monitor_on_fail;  // on-fail of the recurring monitor (default restart)
  // Nodes the CIB shows as members when this DC takes over (a new DC starts from the
  // replicated CIB): one of them missing from the first membership is lost, not offline.
  std::vector<std::string> members;
  // Nodes the CIB has a status for (members once, or fenced). With startup-fencing (the
  // default) a node never seen is unclean until it joins or is fenced: nobody knows what
  // it runs.
  std::vector<std::string> seen;
};

class Coordinator {
 public:
  explicit Coordinator(CoordinatorConfig config);

  // The DC's partition: its members and whether it has quorum. Nodes that were members
  // and are not any more are unclean (fenced when stonith is enabled) or offline.
  std::vector<Command> on_membership(Instant now, const std::vector<std::string>& members, bool quorate);
  // What a node joining the DC's partition runs, as its probes found it: replaces what
  // the CIB said of that node (operations in flight there are lost). Takes effect with
  // the next on_membership.
  void record_probe(const std::string& node, const std::vector<placement::ActiveResource>& running);
  // What a node runs now, as it reports after finishing an operation another DC asked for:
  // replaces what the CIB says of it, and the scheduler runs again (after what is in
  // flight). Operations this DC has in flight there still report.
  std::vector<Command> on_status(Instant now, const std::string& node, const std::vector<placement::ActiveResource>& running);
  // An operation the DC asked for has finished with an OCF return code.
  std::vector<Command> on_result(Instant now, int action, int rc);
  // A recurring monitor found the resource failed (rc 7: not running, or another code).
  std::vector<Command> on_monitor_failure(Instant now, const std::string& node, const std::string& rsc, int rc);
  std::vector<Command> on_fence_result(Instant now, int action, bool succeeded);
  // The re-check timer (cluster-recheck-interval, or a failure-timeout expiring).
  std::vector<Command> on_timer(Instant now);
  std::optional<Instant> next_timer() const { return recheck_at_; }

  const placement::ClusterState& cib() const { return cib_; }
  const placement::Transition& transition() const { return transition_; }
  // Nodes in the DC's partition, and lost ones not yet fenced.
  std::vector<std::string> members() const;
  const std::set<std::string>& seen() const { return seen_; }
  int transitions() const { return transitions_; }
  bool idle() const { return !run_ || run_->finished(); }
  // Whether an action of the current transition has been dispatched and not completed.
  bool in_flight(int action) const {
    return run_ && action >= 0 && action < static_cast<int>(transition_.actions.size()) && run_->in_flight(action);
  }
  // Where a primitive (or clone instance) runs now, if anywhere.
  std::optional<std::string> running_on(const std::string& rsc) const;

 private:
  std::vector<Command> reschedule(Instant now);
  std::vector<Command> dispatch(Instant now);
  void apply_success(const placement::Action& a);
  void record_failure(Instant now, const std::string& node, const std::string& rsc, const OperationResult& op);
  void set_node(const std::string& node, placement::NodeState state);
  template <typename Pred>
  void lose_operations_on(Pred gone);

  CoordinatorConfig config_;
  placement::ClusterState cib_;
  placement::Transition transition_;
  std::optional<TransitionRun> run_;
  bool stale_ = false;  // something changed during the running transition
  std::vector<std::string> members_;
  std::set<std::string> seen_;
  std::optional<Instant> recheck_at_;
  int transitions_ = 0;
};

}  // namespace halab::crm
