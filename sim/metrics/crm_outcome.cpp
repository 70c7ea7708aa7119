#include "sim/metrics/crm_outcome.hpp"

#include "models/placement/cluster_state.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {

void CrmOutcome::node_lost(const std::string& node) {
  for (auto& [rsc, nodes] : running_) nodes.erase(node);
}

void CrmOutcome::track(const std::vector<std::string>& resources) {
  for (const std::string& r : resources) tracked_.emplace(r, Downtime{});
}

void CrmOutcome::account(double t) {
  for (auto& [rsc, d] : tracked_) {
    const auto it = running_.find(rsc);
    bool runs = false;
    if (it != running_.end())
      for (const auto& [node, promoted] : it->second) runs = runs || promoted || !promotable_.count(rsc);
    d.started = d.started || runs;
    const bool down = d.started && !runs;
    if (down == d.down) continue;
    d.down = down;
    if (down) {
      d.since_s = t;
      if (tracked_down_++ == 0) any_down_since_s = t;
    } else {
      d.total_s += t - d.since_s;
      if (--tracked_down_ == 0) any_down_s += t - any_down_since_s;
    }
  }
}

std::optional<double> CrmOutcome::resources_down_s(double end_s) const {
  if (tracked_.empty()) return std::nullopt;
  return any_down_s + (tracked_down_ > 0 ? end_s - any_down_since_s : 0.0);
}

std::map<std::string, double> CrmOutcome::resource_down_s(double end_s) const {
  std::map<std::string, double> out;
  for (const auto& [rsc, d] : tracked_) out[rsc] = d.total_s + (d.down ? end_s - d.since_s : 0.0);
  return out;
}

void CrmOutcome::observe(const TraceEvent& e) {
  const std::string& ev = e["ev"].get_ref<const std::string&>();
  if (ev == event::crm_transition) {
    ++transitions_;
    return;
  }
  if (ev == event::crm_action) {
    const std::string full = e["rsc"].get<std::string>();
    const std::string rsc = placement::history_id(full);
    const std::string node = e["node"].get<std::string>();
    const std::string task = e["task"].get<std::string>();
    seen_.insert(rsc);
    if (full != rsc) clones_.insert(rsc);
    if (e["rc"].get<int>() != 0) {
      ++failed_operations_;
      if (task == "start") running_[rsc].erase(node);  // a failed start does not serve
    } else if (task == "start") {
      running_[rsc][node] = false;
      if (std::find(start_order_.begin(), start_order_.end(), rsc) == start_order_.end()) start_order_.push_back(rsc);
    } else if (task == "stop") {
      running_[rsc].erase(node);
    } else if (task == "promote" || task == "demote") {
      promotable_.insert(rsc);
      if (running_[rsc].count(node)) running_[rsc][node] = task == "promote";
    }
  } else if (ev == event::crm_monitor) {
    ++failed_operations_;
    const std::string full = e["rsc"].get<std::string>();
    running_[placement::history_id(full)].erase(e["node"].get<std::string>());  // it died there
  } else if (ev == event::fault_crash) {
    node_lost(e["host"].get<std::string>());
  } else if (ev == event::fence_done && e["success"].get<bool>() && e["kind"] == "power") {
    node_lost(e["target"].get<std::string>());
  } else if (ev == event::fence_self) {
    node_lost(e["node"].get<std::string>());
  } else {
    return;
  }
  if (!tracked_.empty()) account(e["t"].get<double>());
}

nlohmann::ordered_json CrmOutcome::placement() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const std::string& rsc : seen_) {
    auto it = running_.find(rsc);
    std::vector<std::string> nodes;
    if (it != running_.end())
      for (const auto& [node, promoted] : it->second) nodes.push_back(node);
    if (clones_.count(rsc) || nodes.size() > 1) out[rsc] = nodes;
    else out[rsc] = nodes.empty() ? std::string("stopped") : nodes.front();
  }
  return out;
}

std::vector<std::pair<std::string, bool>> CrmOutcome::resources_on(const std::string& node) const {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& [rsc, nodes] : running_) {
    auto it = nodes.find(node);
    if (it != nodes.end()) out.emplace_back(rsc, it->second);
  }
  return out;
}

nlohmann::ordered_json CrmOutcome::promoted() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const std::string& rsc : promotable_) {
    std::vector<std::string> nodes;
    auto it = running_.find(rsc);
    if (it != running_.end())
      for (const auto& [node, promoted] : it->second)
        if (promoted) nodes.push_back(node);
    out[rsc] = nodes;
  }
  return out;
}

}  // namespace halab
