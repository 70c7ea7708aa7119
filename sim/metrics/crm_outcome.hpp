// What the CRM did, from the trace alone: where each resource runs at the end (what the
// nodes' resource managers report, not what the DC believes), which clone instances are
// promoted, the order in which resources first started, how many transitions the DCs
// computed and how many operations failed (recurring monitors included). Crashes and power fencing empty a node.
#pragma once

#include "sim/trace/trace.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace halab {

class CrmOutcome {
 public:
  void observe(const TraceEvent& e);

  // {primitive: node or "stopped" (a list if it runs on several), clone: [nodes]}
  nlohmann::ordered_json placement() const;
  nlohmann::ordered_json promoted() const;  // {clone: [nodes]}, promotable clones only
  const std::vector<std::string>& start_order() const { return start_order_; }
  std::uint64_t transitions() const { return transitions_; }
  std::uint64_t failed_operations() const { return failed_operations_; }
  // What runs on `node` now, by resource id, with whether it is promoted.
  std::vector<std::pair<std::string, bool>> resources_on(const std::string& node) const;

 private:
  void node_lost(const std::string& node);

  // resource (clone instances by their primitive) -> node -> promoted
  std::map<std::string, std::map<std::string, bool>> running_;
  std::set<std::string> seen_;    // every resource ever operated on
  std::set<std::string> clones_;  // of those, clone primitives (instances "id:N")
  std::set<std::string> promotable_;
  std::vector<std::string> start_order_;
  std::uint64_t transitions_ = 0;
  std::uint64_t failed_operations_ = 0;
};

}  // namespace halab
