// A keepalived `vrrp_script` tracked by a VRRP instance (keepalived.conf(5), vrrp_script;
// the counting is keepalived/vrrp/vrrp_scheduler.c, vrrp_script_child_thread): the script
// runs every `interval`; it turns failed after `fall` consecutive failures and good again
// after `rise` consecutive successes. At start-up one result decides (keepalived starts the
// count at rise − 1). While it counts, its `weight` moves the instance's priority: a
// positive weight is added while the script succeeds, a negative one while it fails; a
// weight of 0 puts the instance in the Fault state while the script fails.
#pragma once

#include "models/time.hpp"

#include <string>

namespace halab {

struct TrackScriptConfig {
  std::string name;
  Duration interval = Duration::seconds(1);
  int fall = 1;
  int rise = 1;
  int weight = 0;  // -254..254
};

class TrackScript {
public:
  explicit TrackScript(const TrackScriptConfig& config);

  // One run of the script; true if its status (good or failed) changed.
  bool record(bool success);
  bool good() const { return good_; }
  bool decided() const { return decided_; }
  // What it adds to the instance's priority now.
  int priority_offset() const;
  // Whether it holds the instance in the Fault state now.
  bool faults() const { return decided_ && !good_ && config_.weight == 0; }
  const TrackScriptConfig& config() const { return config_; }

private:
  TrackScriptConfig config_;
  int result_;  // keepalived's counter: good while >= rise, in [0, rise + fall - 1]
  bool good_ = false;
  bool decided_ = false;
};

} // namespace halab
