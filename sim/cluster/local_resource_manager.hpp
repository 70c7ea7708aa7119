// A node's local resource manager (Pacemaker's executor): it runs resource agent
// operations for the DC with OCF semantics — each takes the lab's duration for that
// operation; one still running at its timeout fails — keeps what runs on the node with
// its role, and runs each running resource's recurring monitor. Injected "agent-fail"
// faults decide what the agent returns. The resource carrying the service IP takes and
// releases the IP when it starts and stops. Not an actor: the node's CRM process drives
// it and carries its results to the DC.
#pragma once

#include "models/placement/cluster_state.hpp"
#include "sim/run/run_context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace halab {

class LocalResourceManager {
 public:
  struct Result {
    std::uint64_t term = 0;  // of the DC that asked
    HostId dc = 0;
    int transition = 0;      // the DC's transition and its action
    int action = -1;
    std::string rsc, task;
    int rc = 0;
  };
  struct MonitorFailure {
    std::string rsc;
    int rc = 0;
  };

  LocalResourceManager(RunContext& ctx, ServiceRun& svc, std::size_t self);

  void execute(Instant now, const Result& request);
  double next_deadline_s() const;
  // Operations that finish, and monitors that fail, by `now`.
  void run_timers(Instant now, std::vector<Result>& results, std::vector<MonitorFailure>& failures);
  // What runs here (with a failed monitor marked failed): a node's answer when it joins a DC.
  std::vector<placement::ActiveResource> active() const;

 private:
  struct Running {
    std::string rsc;
    placement::Role role = placement::Role::started;
    double next_monitor_s = 0;
    bool failed = false;  // its monitor failed: it waits for the DC's recovery
  };
  struct Pending {
    double done_s = 0;
    double started_s = 0;
    Result op;
  };

  std::optional<int> injected_rc(const std::string& rsc, const std::string& task, Instant at) const;
  void complete(const Pending& p, std::vector<Result>& results);
  std::vector<Running>::iterator find(const std::string& rsc);

  RunContext& ctx_;
  ServiceRun& svc_;
  std::size_t self_;
  HostId host_;
  const CrmSpec& crm_;
  std::vector<Running> running_;
  std::vector<Pending> pending_;  // in the order they were asked for
};

}  // namespace halab
