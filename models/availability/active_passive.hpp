// Steady-state availability of an active/passive pair: a hot standby takes over after
// the active fails — automatically, after detection and switchover, with probability
// `coverage`, else by hand — and failed nodes are repaired by one crew.
//
// Source: the Markov model of a two-unit standby system with imperfect coverage and a
// switchover delay, as in K. S. Trivedi, "Probability and Statistics with Reliability,
// Queuing, and Computer Science Applications" (2nd ed., 2002), ch. 8 (availability models
// with coverage), and M. Rausand, A. Høyland, "System Reliability Theory" (2nd ed., 2004),
// §8.9 (standby with switching). States and rates (λ = 1/MTTF per node, both nodes
// running; μ = 1/MTTR, one repair at a time):
//   both up ──λ·c──> switching (down) ──1/(detect + switchover)──> one up
//   both up ──λ·(1−c)──> manual (down) ──1/manual──> one up
//   both up ──λ (the standby)──> one up ──μ──> both up
//   one up, switching or manual ──λ──> both down ──μ──> one up
// The detection, switchover and manual times enter by their means: the long-run share of
// time in each state of a semi-Markov process depends only on the mean sojourns, so a
// fixed switchover time gives the same availability as an exponential one with its mean
// (up to the negligible chance of a second failure during it). A repair starts when the
// switch ends; the service restarts on a node as soon as it is repaired from "both down".
#pragma once

#include "models/availability/k_of_n.hpp"

namespace halab {

struct ActivePassiveSpec {
  double mttf_s = 0;        // per node
  double mttr_s = 0;        // a node's repair
  double detect_s = 0;      // from the failure to the decision to fail over (mean)
  double switchover_s = 0;  // from the decision to the standby serving (mean)
  double coverage = 1;      // the share of failures the automation handles
  double manual_s = 0;      // an uncovered failure: until an operator restores service (mean)
};

// Throws std::invalid_argument on a non-positive MTTF, MTTR or (when used) manual time, a
// negative detection or switchover time, or a coverage outside [0, 1].
Availability active_passive(const ActivePassiveSpec& spec);

}  // namespace halab
