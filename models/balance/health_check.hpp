// HAProxy's active health check of one server (src/check.c: the `health` counter of
// set_server_check_status; src/server.c srv_getinter; the configuration manual's `inter`,
// `fastinter`, `downinter`, `rise`, `fall`). The counter runs from 0 to rise + fall − 1
// and the server is up while it is at least `rise`: a passed check counts up and, on
// reaching `rise`, jumps to the top; a failed check counts down and, below `rise`, drops
// to 0. A server starts up "but will fall down at first failure" (health = rise). Checks
// run every `inter` when fully up, every `downinter` (else `inter`) when down, and every
// `fastinter` (else `inter`) in between.
#pragma once

#include "models/time.hpp"

#include <optional>

namespace halab {

struct HealthCheckConfig {
  Duration inter = Duration::seconds(2);  // HAProxy's defaults
  std::optional<Duration> fastinter;
  std::optional<Duration> downinter;
  int rise = 2;
  int fall = 3;
};

class HealthCheck {
 public:
  explicit HealthCheck(HealthCheckConfig config) : config_(config), health_(config.rise) {}

  // A check's result; returns the new up/down state when it changed.
  std::optional<bool> record(bool passed);
  bool up() const { return health_ >= config_.rise; }
  int health() const { return health_; }
  // How long until the next check.
  Duration interval() const;

 private:
  int top() const { return config_.rise + config_.fall - 1; }

  HealthCheckConfig config_;
  int health_;
};

}  // namespace halab
