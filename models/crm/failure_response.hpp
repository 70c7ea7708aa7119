// How a Pacemaker cluster answers a resource agent operation that did not return what
// was expected. Sources: the OCF resource agent API return codes and Pacemaker's
// interpretation of them ("Pacemaker Administration"/"Pacemaker Explained" 2.1, "How
// Pacemaker interprets OCF return codes": soft errors restart the resource or move it,
// hard errors move it and keep it off this node, fatal errors stop it everywhere), and
// "Pacemaker Explained" 2.1 "Resource Operations" (on-fail: ignore, block, demote, stop,
// restart, standby, fence; the default is restart, except for stop: fence when
// stonith-enabled, else block) and "Cluster Options" (start-failure-is-fatal: a failed
// start sets the fail count to INFINITY; cluster-recheck-interval; failure-timeout).
#pragma once

#include "models/placement/score.hpp"
#include "models/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace halab::crm {

// OCF exit codes.
inline constexpr int kOcfSuccess = 0;
inline constexpr int kOcfErrGeneric = 1;
inline constexpr int kOcfErrArgs = 2;
inline constexpr int kOcfErrUnimplemented = 3;
inline constexpr int kOcfErrPerm = 4;
inline constexpr int kOcfErrInstalled = 5;
inline constexpr int kOcfErrConfigured = 6;
inline constexpr int kOcfNotRunning = 7;
inline constexpr int kOcfRunningPromoted = 8;
inline constexpr int kOcfFailedPromoted = 9;

enum class FailureType { soft, hard, fatal };
// The recovery type of an unexpected return code.
FailureType classify(int rc);

enum class OnFail { ignore, block, demote, stop, restart, standby, fence };
std::optional<OnFail> parse_on_fail(std::string_view text);
const char* on_fail_name(OnFail on_fail);
OnFail default_on_fail(std::string_view task, bool stonith_enabled);

struct FailureResponse {
  placement::Score failcount_increment = 1;  // INFINITY: never again on this node
  bool ban_node = false;                     // hard error: keep the resource off this node
  bool ban_everywhere = false;               // fatal error: stop it on every node
  OnFail action = OnFail::restart;           // what happens to the resource (or node)
};

struct OperationResult {
  std::string task;      // start, stop, monitor, promote, demote
  int rc = kOcfSuccess;
  int expected_rc = kOcfSuccess;
};

// Nothing when the operation returned what was expected.
std::optional<FailureResponse> respond(const OperationResult& op, std::optional<OnFail> on_fail,
                                       bool stonith_enabled, bool start_failure_is_fatal = true);

// The next time the scheduler must run again without any event: the
// cluster-recheck-interval after the last run, or earlier when a failure expires
// (failed_at + failure-timeout; zero failure-timeout never expires).
Instant next_recheck(Instant last_run, Duration recheck_interval, std::optional<Instant> earliest_failure,
                     Duration failure_timeout);

}  // namespace halab::crm
