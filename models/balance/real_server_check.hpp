// keepalived's check of one LVS real server (keepalived/check/check_tcp.c `tcp_epilog`,
// check_api.c defaults; keepalived.conf(5) `delay_loop`, `connect_timeout`, `retry`,
// `delay_before_retry`). A checker starts up and not yet run. After each check:
// - a success brings a down server back at once (no rise count) and clears the retries;
// - a failure of an up server is retried `retry` times, `delay_before_retry` apart; the
//   failure after the last retry takes it down (it is removed from the IPVS table);
// - every other next check comes `delay_loop` after this one ended.
// A check is a TCP connect (TCP_CHECK: the real server's kernel answers it, so a hung
// application still passes) or an HTTP request (HTTP_GET: the application must answer);
// either fails when nothing answers within `connect_timeout`.
#pragma once

#include "models/time.hpp"

#include <optional>

namespace halab {

struct RealServerCheckConfig {
  Duration delay_loop = Duration::seconds(60);  // keepalived's defaults
  Duration connect_timeout = Duration::seconds(5);
  int retry = 1;
  Duration delay_before_retry = Duration::seconds(1);
  bool http = false;  // HTTP_GET instead of TCP_CHECK
};

class RealServerCheck {
 public:
  explicit RealServerCheck(RealServerCheckConfig config) : config_(config) {}

  struct Result {
    std::optional<bool> changed;  // the new up/down state, when it changed
    Duration next_in;             // until the next check begins
  };
  Result record(bool success);
  bool up() const { return up_; }

 private:
  RealServerCheckConfig config_;
  bool up_ = true;
  bool has_run_ = false;
  int retry_it_ = 0;
};

}  // namespace halab
