#include "models/crm/failure_response.hpp"

#include <algorithm>

namespace halab::crm {

FailureType classify(int rc) {
  switch (rc) {
    case kOcfErrArgs:
    case kOcfErrUnimplemented:
    case kOcfErrPerm:
    case kOcfErrInstalled: return FailureType::hard;
    case kOcfErrConfigured: return FailureType::fatal;
    default: return FailureType::soft;  // 0, 7, 8 when unexpected; 1, 9; custom codes
  }
}

std::optional<OnFail> parse_on_fail(std::string_view text) {
  if (text == "ignore") return OnFail::ignore;
  if (text == "block") return OnFail::block;
  if (text == "demote") return OnFail::demote;
  if (text == "stop") return OnFail::stop;
  if (text == "restart") return OnFail::restart;
  if (text == "standby") return OnFail::standby;
  if (text == "fence") return OnFail::fence;
  return std::nullopt;
}

const char* on_fail_name(OnFail on_fail) {
  switch (on_fail) {
    case OnFail::ignore: return "ignore";
    case OnFail::block: return "block";
    case OnFail::demote: return "demote";
    case OnFail::stop: return "stop";
    case OnFail::restart: return "restart";
    case OnFail::standby: return "standby";
    case OnFail::fence: return "fence";
  }
  return "restart";
}

OnFail default_on_fail(std::string_view task, bool stonith_enabled) {
  if (task == "stop") return stonith_enabled ? OnFail::fence : OnFail::block;
  return OnFail::restart;
}

std::optional<FailureResponse> respond(const OperationResult& op, std::optional<OnFail> on_fail,
                                       bool stonith_enabled, bool start_failure_is_fatal) {
  if (op.rc == op.expected_rc) return std::nullopt;
  FailureResponse r;
  r.action = on_fail.value_or(default_on_fail(op.task, stonith_enabled));
  if (op.task == "stop" && r.action != OnFail::fence && r.action != OnFail::block && r.action != OnFail::ignore) {
    // a resource that may still be running cannot be restarted elsewhere
    r.action = stonith_enabled ? OnFail::fence : OnFail::block;
  }
  if (r.action == OnFail::fence && !stonith_enabled) r.action = OnFail::block;
  switch (classify(op.rc)) {
    case FailureType::soft: break;
    case FailureType::hard: r.ban_node = true; break;
    case FailureType::fatal: r.ban_everywhere = true; break;
  }
  if ((op.task == "start" && start_failure_is_fatal) || r.ban_node) r.failcount_increment = placement::kInfinity;
  return r;
}

Instant next_recheck(Instant last_run, Duration recheck_interval, std::optional<Instant> earliest_failure,
                     Duration failure_timeout) {
  Instant next = last_run + recheck_interval;
  if (earliest_failure && failure_timeout > Duration()) next = std::min(next, *earliest_failure + failure_timeout);
  return next;
}

}  // namespace halab::crm
