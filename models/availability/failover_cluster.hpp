// Steady-state availability of a cluster that fails its workloads over between nodes:
//  - standby layouts: N nodes each run a workload and M standbys take over failed ones.
//    Active/passive is 1+1; N+M shares M standbys (a repaired node becomes a standby);
//    N-to-1 is N+1 whose workload returns to its repaired node (failback, an outage of
//    its own);
//  - all-active (N-to-N, active/active): every node carries load; a failed node's share
//    moves to the others; the system needs N of its N+M nodes up.
// Every failover takes its detection plus switchover time (the workload is down
// meanwhile) when the automation handles it (probability `coverage`), else an operator's
// manual recovery time.
//
// Source: Markov availability models with imperfect coverage and switching delays,
// K. S. Trivedi, "Probability and Statistics with Reliability, Queuing, and Computer
// Science Applications" (2nd ed., 2002), ch. 8; M. Rausand, A. Høyland, "System
// Reliability Theory" (2nd ed., 2004), §8.8–8.9 (standby with switching, k-out-of-n with
// repair). The chain's state is (failed workload nodes a, failed standbys s, mode), the
// mode being serving, switching, manual or failing back. Nodes fail at λ = 1/MTTF each;
// failed nodes are repaired at min(a + s, crews)·μ, μ = 1/MTTR, the repaired node chosen
// at random among the failed (exact with as many crews as nodes; with fewer it stands for
// first-come-first-served). A workload is placed while a ≤ M − s (standby) or a ≤ M
// (all-active); the system is up while every workload is placed and no switch, manual
// recovery or failback is under way. Failures and repairs during a switch change a and s
// but not the mode; a failure that leaves a workload without a node ends the switch into
// the capacity-down state, left by repairs: the repair that brings back the last missing
// workload starts a restoration of its own mean, by default the detection and switchover
// time (a restarted keepalived router waits its master-down interval before it serves); a
// cluster manager's is its own (a Pacemaker node joining the survivors or starting alone:
// the join, the fencing of the nodes it could not see, the starts). Detection, switchover,
// restoration, manual and failback
// times enter by their means, as exponential sojourns: the long-run share of time in a
// state depends on its mean sojourn only, up to the (second-order) chance of another
// failure or repair during it. With instant, fully covered failover and no failback the
// chain lumps to k-out-of-n (N of N+M) — a test holds it to that.
#pragma once

#include "models/availability/k_of_n.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>

namespace halab {

struct FailoverClusterSpec {
  enum class Layout { standby, all_active };
  Layout layout = Layout::standby;
  int workloads = 1;        // N: standby — nodes each running a workload; all-active — nodes the load needs up
  int spares = 1;           // M: standby nodes, or nodes beyond the N needed
  int crews = 1;            // repairs at once
  double mttf_s = 0;        // per node
  double mttr_s = 0;        // a node's repair
  double detect_s = 0;      // from a failure to the decision to fail over (mean)
  double switchover_s = 0;  // from the decision to the workload served elsewhere (mean)
  double coverage = 1;      // the share of failovers the automation handles
  double manual_s = 0;      // an uncovered failure: until an operator restores service (mean)
  double failback_s = 0;    // a repaired node takes its workload back, down meanwhile (0: no failback)
  // After a spell with too few nodes: from the repair that ends it until every workload
  // serves again (mean); none: detect_s + switchover_s.
  std::optional<double> restore_s;
};

// The largest chain solved (its states are counted before it is built): the solver is
// exact and dense, O(states³).
inline constexpr std::size_t kFailoverClusterMaxStates = 1500;

struct ChainTooLarge : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Throws std::invalid_argument on a count below 1 (spares below 0), a non-positive MTTF,
// MTTR or (when used) manual time, a negative or infinite delay, or a coverage outside
// [0, 1]; ChainTooLarge on a chain above kFailoverClusterMaxStates states.
Availability failover_cluster(const FailoverClusterSpec& spec);

}  // namespace halab
