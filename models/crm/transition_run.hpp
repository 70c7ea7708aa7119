// Carrying out one transition graph, as Pacemaker's transitioner does: an action is
// dispatched once every action ordered before it has completed; a failed action aborts
// the transition (nothing more is dispatched, what is in flight still finishes), after
// which the scheduler runs again on the new state. Source: "Pacemaker Explained" 2.1
// and Pacemaker's controller (pcmk_graph_consumer.c: graph actions fire when their
// inputs are confirmed; a failed action aborts the graph).
#pragma once

#include "models/placement/transition.hpp"

#include <vector>

namespace halab::crm {

class TransitionRun {
 public:
  explicit TransitionRun(const placement::Transition& transition);

  // Actions that may start now; each is returned once.
  std::vector<int> ready();
  // An action finished; `succeeded` false aborts the transition.
  void completed(int action, bool succeeded);
  // Something changed: dispatch nothing more (what is in flight still finishes).
  void abort() { aborted_ = true; }

  bool aborted() const { return aborted_; }
  bool in_flight(int action) const { return state_[static_cast<size_t>(action)] == State::dispatched; }
  // Everything ran, or the transition was aborted and nothing is in flight any more.
  bool finished() const;
  int in_flight() const { return in_flight_; }

 private:
  enum class State { waiting, dispatched, done, failed };
  std::vector<State> state_;
  std::vector<std::vector<int>> before_;  // per action: the actions that must complete first
  int in_flight_ = 0;
  bool aborted_ = false;
};

}  // namespace halab::crm
