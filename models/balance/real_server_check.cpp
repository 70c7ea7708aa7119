#include "models/balance/real_server_check.hpp"

namespace halab {

RealServerCheck::Result RealServerCheck::record(bool success) {
  Result r{std::nullopt, config_.delay_loop};
  if (success || ((up_ || !has_run_) && retry_it_ >= config_.retry)) {
    retry_it_ = 0;
    if (success && (!up_ || !has_run_)) {
      if (!up_) r.changed = true;
      up_ = true;
    } else if (!success && (up_ || !has_run_)) {
      if (up_) r.changed = false;
      up_ = false;
    }
  } else if (up_) {
    r.next_in = config_.delay_before_retry;
    ++retry_it_;
  }
  has_run_ = true;
  return r;
}

}  // namespace halab
