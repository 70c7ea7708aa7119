#include "sim/metrics/crm_outcome.hpp"

#include "models/placement/cluster_state.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {

void CrmOutcome::node_lost(const std::string& node) {
  for (auto& [rsc, nodes] : running_) nodes.erase(node);
}

void CrmOutcome::observe(const TraceEvent& e) {
  const std::string& ev = e["ev"].get_ref<const std::string&>();
  if (ev == event::crm_transition) {
    ++transitions_;
  } else if (ev == event::crm_action) {
    const std::string full = e["rsc"].get<std::string>();
    const std::string rsc = placement::history_id(full);
    const std::string node = e["node"].get<std::string>();
    const std::string task = e["task"].get<std::string>();
    seen_.insert(rsc);
    if (full != rsc) clones_.insert(rsc);
    if (e["rc"].get<int>() != 0) {
      ++failed_operations_;
      if (task == "start") running_[rsc].erase(node);  // a failed start does not serve
      return;
    }
    if (task == "start") {
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
  }
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
