// What the CRM's DC and nodes tell each other (the payload of the crm_* messages):
// joining a DC (what a node's local resource manager runs), an operation to execute and
// its result, a failed recurring monitor, and the DC's replicated CIB status.
#pragma once

#include "models/placement/cluster_state.hpp"
#include "sim/net/message.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace halab {

struct CrmMessage {
  explicit CrmMessage(std::uint64_t dc_term = 0) : term(dc_term) {}
  // An operation to execute, its result, or a failed monitor (action -1, task "monitor").
  static CrmMessage operation(std::uint64_t term, int transition, int action, std::string rsc, std::string task,
                              int rc = 0) {
    CrmMessage m(term);
    m.transition = transition;
    m.action = action;
    m.rsc = std::move(rsc);
    m.task = std::move(task);
    m.rc = rc;
    return m;
  }

  std::uint64_t term = 0;  // the DC's term (each election of a DC starts a new one)
  int transition = 0;      // execute, result: the DC's transition (the action is its)
  int action = -1;         // execute, result: the graph action
  std::string rsc;         // execute, result, monitor failure
  std::string task;        // execute, result
  int rc = 0;              // result, monitor failure: the OCF return code
  std::vector<placement::ActiveResource> active;  // join reply, status: what the node runs; cib: what runs where
  // cib: the replicated status
  std::uint64_t epoch = 0;
  std::vector<placement::FailCount> failcounts;
  std::vector<std::string> members;  // nodes that are members or lost but not yet fenced
  std::vector<std::string> seen;     // nodes the CIB has a status for

  std::uint64_t wire_bytes() const { return 256 + 64 * (active.size() + failcounts.size() + members.size() + seen.size()); }
};

struct RunContext;
struct ServiceRun;

// Sends `payload` from a member's process to host `to` over the run's network, in order
// (Pacemaker's daemons talk over corosync's CPG, which delivers a sender's messages in the
// order sent: a large CIB update is never overtaken by the command sent after it).
void send_crm(RunContext& ctx, ServiceRun& svc, std::size_t from_member, HostId to, msg::Crm::Kind kind, CrmMessage payload);

}  // namespace halab
