#include "models/crm/dc_join.hpp"

#include <algorithm>

namespace halab::crm {

std::vector<std::string> DcJoin::set_view(Instant t, std::vector<std::string> view, const std::string& self,
                                          Answer self_active) {
  view_ = std::move(view);
  // a node that left the view joins again when it comes back
  for (auto it = joined_.begin(); it != joined_.end();) {
    if (std::find(view_.begin(), view_.end(), it->first) == view_.end()) {
      probed_.erase(it->first);
      it = joined_.erase(it);
    } else {
      ++it;
    }
  }
  if (!joined_.count(self)) joined_[self] = std::move(self_active);
  return unanswered(t);
}

std::vector<std::string> DcJoin::unanswered(Instant t) {
  ask_again_at_.reset();
  std::vector<std::string> out;
  for (const std::string& member : view_)
    if (!joined_.count(member)) out.push_back(member);
  if (!out.empty()) ask_again_at_ = t + retry_;
  return out;
}

void DcJoin::answered(const std::string& node, Answer active) {
  joined_[node] = std::move(active);
  if (complete()) ask_again_at_.reset();
}

bool DcJoin::forget(const std::string& node) {
  probed_.erase(node);
  return joined_.erase(node) > 0;
}

void DcJoin::update_unprobed(const std::string& node, const Answer& active) {
  if (probed_.count(node)) return;
  if (auto it = joined_.find(node); it != joined_.end()) it->second = active;
}

bool DcJoin::complete() const {
  return std::all_of(view_.begin(), view_.end(), [&](const std::string& m) { return joined_.count(m) > 0; });
}

std::vector<std::pair<std::string, DcJoin::Answer>> DcJoin::take_probes() {
  std::vector<std::pair<std::string, Answer>> out;
  for (const auto& [member, active] : joined_)
    if (probed_.insert(member).second) out.emplace_back(member, active);
  return out;
}

std::vector<std::string> DcJoin::on_timer(Instant t) {
  if (!ask_again_at_ || t < *ask_again_at_) return {};
  return unanswered(t);
}

}  // namespace halab::crm
