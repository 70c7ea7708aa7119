// What the CRM did, from the trace alone: where each resource runs at the end (what the
// nodes' resource managers report, not what the DC believes), which clone instances are
// promoted, the order in which resources first started, how many transitions the DCs
// computed and how many operations failed (recurring monitors included). Crashes and power fencing empty a node.
// And how long the cluster's workloads were down: each tracked resource (run.start's
// `resources`: the configuration's primitives, fence devices left out) is down while it runs
// on no live node (a clone: no instance anywhere; a promotable clone, once promoted: no
// promoted instance), from its first successful start on;
// resources_down_s is the time at least one of them was — the time the cluster did not run
// everything it runs when all is well.
#pragma once

#include "sim/trace/trace.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace halab {

class CrmOutcome {
 public:
  void observe(const TraceEvent& e);
  // From run.start: the resources whose down time is measured.
  void track(const std::vector<std::string>& resources);

  // {primitive: node or "stopped" (a list if it runs on several), clone: [nodes]}
  nlohmann::ordered_json placement() const;
  nlohmann::ordered_json promoted() const;  // {clone: [nodes]}, promotable clones only
  const std::vector<std::string>& start_order() const { return start_order_; }
  std::uint64_t transitions() const { return transitions_; }
  std::uint64_t failed_operations() const { return failed_operations_; }
  // What runs on `node` now, by resource id, with whether it is promoted.
  std::vector<std::pair<std::string, bool>> resources_on(const std::string& node) const;
  // Down time up to `end_s` (the run's end): none without tracked resources.
  std::optional<double> resources_down_s(double end_s) const;
  std::map<std::string, double> resource_down_s(double end_s) const;  // per tracked resource

 private:
  void node_lost(const std::string& node);
  void account(double t);  // after a change of what runs where

  struct Downtime {
    bool started = false;  // has run somewhere
    bool down = false;
    double since_s = 0;    // while down
    double total_s = 0;    // closed spells
  };
  std::map<std::string, Downtime> tracked_;
  std::size_t tracked_down_ = 0;  // how many are down now
  double any_down_since_s = 0;    // while some is
  double any_down_s = 0;          // closed spells

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
