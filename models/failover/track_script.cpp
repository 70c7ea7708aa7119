#include "models/failover/track_script.hpp"

#include <stdexcept>

namespace halab {

TrackScript::TrackScript(const TrackScriptConfig& config) : config_(config), result_(config.rise - 1) {
  if (config_.fall < 1 || config_.rise < 1) throw std::invalid_argument("vrrp_script: fall and rise must be at least 1");
}

bool TrackScript::record(bool success) {
  bool was_good = good_;
  bool was_decided = decided_;
  int top = config_.rise + config_.fall - 1;
  if (success) {
    if (result_ < config_.rise - 1) {
      ++result_;
    } else {
      good_ = true;
      decided_ = true;
      result_ = top;
    }
  } else if (result_ > config_.rise) {
    --result_;
  } else {
    good_ = false;
    decided_ = true;
    result_ = 0;
  }
  return decided_ && (!was_decided || good_ != was_good);
}

int TrackScript::priority_offset() const {
  if (!decided_) return 0;
  if (config_.weight > 0) return good_ ? config_.weight : 0;
  if (config_.weight < 0) return good_ ? 0 : config_.weight;
  return 0;
}

} // namespace halab
