#include "models/failover/vrrp_router.hpp"

#include "models/detect/vrrp_timing.hpp"

#include <algorithm>
#include <stdexcept>

namespace halab {
namespace {
constexpr int kOwner = 255;
}

const char* to_string(VrrpState state) {
  switch (state) {
    case VrrpState::initialize: return "initialize";
    case VrrpState::backup: return "backup";
    case VrrpState::master: return "master";
    case VrrpState::fault: return "fault";
  }
  return "?";
}

VrrpRouter::VrrpRouter(VrrpConfig config, std::unique_ptr<FailureDetector> watch)
    : config_(config), watch_(std::move(watch)), effective_priority_(config.priority) {
  if (config_.priority < 1 || config_.priority > kOwner) throw std::invalid_argument("vrrp: priority must be 1..255");
  if (config_.version != 2 && config_.version != 3) throw std::invalid_argument("vrrp: version must be 2 or 3");
  if (!(config_.advertisement_interval > Duration())) throw std::invalid_argument("vrrp: the interval must be positive");
}

Duration VrrpRouter::skew_time() const {
  int p = config_.priority == kOwner ? kOwner : effective_priority_;
  return vrrp_skew_time(config_.advertisement_interval, p, config_.version);
}

Duration VrrpRouter::master_down_interval() const {
  return config_.advertisement_interval * 3.0 + skew_time();
}

Instant VrrpRouter::deadline() const {
  if (state_ == VrrpState::backup) return down_at_;
  if (state_ == VrrpState::master) return advert_at_;
  return Instant::never();
}

void VrrpRouter::set_priority_offset(int offset) {
  if (config_.priority == kOwner) return;  // keepalived: the owner's priority never changes
  effective_priority_ = std::clamp(config_.priority + offset, 1, kOwner - 1);
}

double VrrpRouter::suspicion(Instant now) const {
  if (watch_) return watch_->suspicion(now);
  return (now - down_set_at_).to_seconds() / master_down_interval().to_seconds();
}

void VrrpRouter::reset_down_timer(Instant now) {
  down_set_at_ = now;
  discarded_ = false;
  if (watch_) {
    watch_->heartbeat(now);
    down_at_ = watch_->suspect_at();
  } else {
    down_at_ = now + master_down_interval();
  }
}

VrrpStep VrrpRouter::become_master(Instant now, std::string reason) {
  state_ = VrrpState::master;
  discarded_ = false;
  down_at_ = Instant::never();
  advert_at_ = now + config_.advertisement_interval;
  preempt_at_.reset();
  master_ = config_.address;
  return {effective_priority_, VrrpState::master, std::move(reason)};
}

VrrpStep VrrpRouter::become_backup(Instant now, std::string reason) {
  state_ = VrrpState::backup;
  advert_at_ = Instant::never();
  preempt_at_.reset();
  reset_down_timer(now);
  return {std::nullopt, VrrpState::backup, std::move(reason)};
}

VrrpStep VrrpRouter::startup(Instant now) {
  if (state_ != VrrpState::initialize) return {};
  if (fault_) {
    state_ = VrrpState::fault;
    return {std::nullopt, VrrpState::fault, "start-up with a failing tracked script"};
  }
  if (config_.priority == kOwner) return become_master(now, "address owner (priority 255)");  // §6.4.1
  state_ = VrrpState::backup;
  down_set_at_ = now;
  down_at_ = watch_ ? watch_->suspect_at() : now + master_down_interval();
  return {std::nullopt, VrrpState::backup, "start-up"};
}

VrrpStep VrrpRouter::settle(Instant now, std::uint32_t master, Instant next_advert) {
  if (state_ != VrrpState::initialize) return {};
  if (master == config_.address) {
    VrrpStep step = become_master(now, "settled at the start of the run");
    advert_at_ = next_advert;
    step.advert.reset();
    return step;
  }
  state_ = VrrpState::backup;
  master_ = master;
  Instant last_advert = next_advert + config_.advertisement_interval * -1.0;
  reset_down_timer(watch_ ? std::max(now, last_advert) : last_advert);  // a watch only counts from its start
  return {std::nullopt, VrrpState::backup, "settled at the start of the run"};
}

VrrpStep VrrpRouter::shutdown(Instant) {
  VrrpState was = state_;
  state_ = VrrpState::initialize;
  down_at_ = advert_at_ = Instant::never();
  preempt_at_.reset();
  master_.reset();
  if (was == VrrpState::master) return {0, VrrpState::initialize, "shutdown: resign with priority 0"};  // §6.4.3
  if (was == VrrpState::initialize) return {};
  return {std::nullopt, VrrpState::initialize, "shutdown"};
}

VrrpStep VrrpRouter::on_advert(Instant now, int priority, std::uint32_t sender) {
  if (sender == config_.address) return {};
  if (state_ == VrrpState::backup) {
    if (priority == 0) {  // §6.4.2: the Master resigned
      down_at_ = now + skew_time();
      return {};
    }
    bool delaying = config_.preempt_delay > Duration() && (!preempt_at_ || *preempt_at_ > now);
    if (!config_.preempt || priority >= effective_priority_ || delaying) {
      reset_down_timer(now);
      master_ = sender;
      if (config_.preempt && config_.preempt_delay > Duration()) {
        if (priority >= effective_priority_) preempt_at_.reset();
        else if (!preempt_at_) preempt_at_ = now + config_.preempt_delay;
      }
    } else {
      discarded_ = true;  // a lower-priority advert while preempting: the timer runs on
    }
    return {};
  }
  if (state_ != VrrpState::master) return {};
  if (priority == 0) return {effective_priority_, std::nullopt, "answer a resigning router"};
  if (priority > effective_priority_ || (priority == effective_priority_ && sender > config_.address)) {
    master_ = sender;
    return become_backup(now, "advert of higher priority " + std::to_string(priority));
  }
  return {effective_priority_, std::nullopt, "answer a lower-priority master (" + std::to_string(priority) + ")", true};
}

VrrpStep VrrpRouter::on_timer(Instant now) {
  if (state_ == VrrpState::backup && now >= down_at_)
    return become_master(now, discarded_ ? "preempt a lower-priority Master" : "Master_Down_Timer expired");
  if (state_ == VrrpState::master && now >= advert_at_) {
    while (advert_at_ <= now) advert_at_ = advert_at_ + config_.advertisement_interval;
    return {effective_priority_, std::nullopt, "Adver_Timer"};
  }
  return {};
}

VrrpStep VrrpRouter::set_fault(Instant now, bool fault) {
  if (fault == fault_) return {};
  fault_ = fault;
  if (state_ == VrrpState::initialize) return {};
  if (!fault) return become_backup(now, "tracked script recovered");
  VrrpState was = state_;
  state_ = VrrpState::fault;
  down_at_ = advert_at_ = Instant::never();
  preempt_at_.reset();
  std::optional<int> advert;
  if (was == VrrpState::master) advert = 0;  // keepalived vrrp_state_leave_master: priority 0
  return {advert, VrrpState::fault, "tracked script failed"};
}

} // namespace halab
