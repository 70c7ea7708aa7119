#include "models/crm/transition_run.hpp"

#include <algorithm>

namespace halab::crm {

TransitionRun::TransitionRun(const placement::Transition& transition)
    : state_(transition.actions.size(), State::waiting), before_(transition.actions.size()) {
  for (const auto& [from, to] : transition.edges) before_[static_cast<size_t>(to)].push_back(from);
}

std::vector<int> TransitionRun::ready() {
  std::vector<int> out;
  if (aborted_) return out;
  for (size_t a = 0; a < state_.size(); ++a) {
    if (state_[a] != State::waiting) continue;
    const bool inputs_done = std::all_of(before_[a].begin(), before_[a].end(),
                                         [&](int b) { return state_[static_cast<size_t>(b)] == State::done; });
    if (!inputs_done) continue;
    state_[a] = State::dispatched;
    ++in_flight_;
    out.push_back(static_cast<int>(a));
  }
  return out;
}

void TransitionRun::completed(int action, bool succeeded) {
  State& s = state_[static_cast<size_t>(action)];
  if (s != State::dispatched) return;
  s = succeeded ? State::done : State::failed;
  --in_flight_;
  if (!succeeded) aborted_ = true;
}

bool TransitionRun::finished() const {
  if (in_flight_ > 0) return false;
  if (aborted_) return true;
  return std::all_of(state_.begin(), state_.end(), [](State s) { return s == State::done; });
}

}  // namespace halab::crm
