// The DC (designated coordinator) duties of one node for one term of office: the join
// (every member of the view says what it runs before the scheduler runs), a
// crm::Coordinator started from the node's copy of the CIB, its commands carried out —
// operations sent to the nodes' resource managers, fencing to the fencer —, results,
// status reports and failed monitors fed back, action timeouts (operation timeout plus
// cluster-delay), and the CIB status replicated to the view after every change.
// Sources: "Pacemaker Explained" 2.1 and Pacemaker's controller (join, transition
// engine timers, fail_incompletable_actions). The join and the action timers are
// models/crm (DcJoin, ActionTimers). docs/crm.md describes the whole.
#pragma once

#include "models/crm/action_timers.hpp"
#include "models/crm/coordinator.hpp"
#include "models/crm/dc_join.hpp"
#include "sim/cluster/crm_message.hpp"
#include "sim/cluster/local_resource_manager.hpp"
#include "sim/run/run_context.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace halab {

class DcRole {
 public:
  // What the DC uses of the node it runs on.
  struct Node {
    RunContext& ctx;
    ServiceRun& svc;
    std::size_t self;
    LocalResourceManager& lrm;
    CrmMessage& replica;                      // the node's copy of the CIB, which the DC writes
    std::function<void(Instant)> on_replica;  // the copy changed
  };

  DcRole(Node node, std::uint64_t term);

  std::uint64_t term() const { return term_; }
  // The view (or quorum) changed, or the role begins: members not yet joined are asked
  // what they run; once all have answered, the scheduler runs.
  void join(Instant t, const std::vector<std::string>& view, bool quorate);
  void on_join_reply(Instant t, const std::string& node, const std::vector<placement::ActiveResource>& active);
  // A member whose process restarted unnoticed must join again; false if it had not joined.
  bool forget_join(const std::string& node);
  // A result counts only for the transition that asked for it.
  void on_result(Instant t, int transition, int action, int rc);
  // What a node runs after finishing an operation a former DC asked for.
  void on_status(Instant t, const std::string& node, const std::vector<placement::ActiveResource>& active);
  void on_monitor_failure(Instant t, const std::string& node, const LocalResourceManager::MonitorFailure& f);
  // False when the fencing was not this DC's.
  bool on_fence_result(Instant t, std::size_t target, bool succeeded);
  void run_timers(Instant t);
  Instant next_deadline() const;

 private:
  crm::Coordinator* coordinator() { return coordinator_ ? &*coordinator_ : nullptr; }
  void finish_join(Instant t);
  void ask_to_join(const std::vector<std::string>& members);
  void apply(Instant t, const std::vector<crm::Command>& commands);
  void replicate(Instant t);
  const std::string& self_name() const;

  Node node_;
  const CrmSpec& crm_;
  std::uint64_t term_;
  std::vector<std::string> view_;
  bool quorate_ = false;
  crm::DcJoin join_;
  std::optional<crm::Coordinator> coordinator_;                         // once the first join completes
  std::map<std::size_t, int> fencing_;                                  // target member -> graph action
  std::vector<std::pair<std::string, LocalResourceManager::MonitorFailure>> early_failures_;  // before the join completed
  crm::ActionTimers action_timers_;
  int traced_transitions_ = 0;
};

}  // namespace halab
