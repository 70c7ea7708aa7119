#include "sim/cluster/keepalived_agent.hpp"

#include "models/detect/fixed_timeout_detector.hpp"
#include "models/detect/phi_accrual_detector.hpp"
#include "models/failover/garp_schedule.hpp"
#include "models/failover/vrrp_router.hpp"
#include "sim/cluster/service_ip.hpp"
#include "sim/platform/topology.hpp"
#include "sim/service/member_process.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <memory>

namespace halab {
namespace sg4 = simgrid::s4u;
namespace {

// A member's primary address: members are numbered in the order the scenario lists them
// (10.0.0.1, 10.0.0.2, …), so on equal priority the later one wins.
std::uint32_t address_of(std::size_t member) { return static_cast<std::uint32_t>(member + 1); }

std::unique_ptr<FailureDetector> watch_for(const DetectorSpec& spec, Instant start) {
  if (spec.kind == DetectorSpec::Kind::phi_accrual) return std::make_unique<PhiAccrualDetector>(spec.phi, start);
  if (spec.kind == DetectorSpec::Kind::fixed_timeout) return std::make_unique<FixedTimeoutDetector>(spec.timeout, start);
  return nullptr;  // RFC 5798's Master_Down_Timer
}

// The state of one incarnation of a member's keepalived; it dies with the process.
class KeepalivedProcess {
public:
  KeepalivedProcess(RunContext& ctx, ServiceRun& svc, std::size_t self)
      : ctx_(ctx), svc_(svc), self_(self), host_(svc.member_hosts[self]), start_(Instant::at_seconds(sg4::Engine::get_clock())),
        router_(config(svc.spec, self), watch_for(svc.spec.detector, start_)), garp_(svc.spec.vrrp.garp),
        nic_(ctx.platform.links(Topology::nic_link_name(ctx.name(host_)))) {
    for (const auto& s : svc.spec.vrrp.scripts) scripts_.emplace_back(s);
    next_check_.assign(scripts_.size(), start_);
  }

  void start(Instant now) {
    if (svc_.incarnations[self_] == 0) {
      settle();
    } else {
      apply(now, router_.startup(now));
    }
    run_checks(now);
  }

  Instant next_deadline() const { return std::min({router_.deadline(), next_check(), garp_.next()}); }

  void on_timers(Instant now) {
    send_garps(now);
    run_checks(now);
    if (now < router_.deadline()) return;
    if (router_.state() == VrrpState::backup) master_down(now);
    apply(now, router_.on_timer(now));
  }

  bool on_message(Instant now, const Message& message) {
    if (message.as<msg::Stop>()) {
      stop(now);
      return false;
    }
    if (const auto* request = message.as<msg::Request>()) {
      // Packets for an IP this host does not hold are dropped: the client times out.
      if (router_.state() == VrrpState::master) reply_to(ctx_, host_, message.from, *request);
      return true;
    }
    if (const auto* advert = message.as<msg::VrrpAdvert>()) on_advert(now, message.from, *advert);
    return true;
  }

private:
  // A run begins with the cluster settled: the best-ranked member (highest priority, then
  // highest address) is Master, its adverts at a phase drawn from the seed, and the others
  // are Backups that heard its last one. A restarted process goes through Initialize.
  void settle() {
    const ClusterSpec& c = svc_.spec;
    std::size_t master = 0;
    for (std::size_t m = 1; m < c.members.size(); ++m)
      if (c.members[m].priority >= c.members[master].priority) master = m;
    Instant next_advert = start_ + c.heartbeat_interval * ctx_.heartbeat_phase(svc_.member_hosts[master]);
    settling_ = true;  // the ARP entry already points at a settled Master
    apply(start_, router_.settle(start_, address_of(master), next_advert));
    settling_ = false;
  }

  static VrrpConfig config(const ClusterSpec& c, std::size_t self) {
    VrrpConfig v;
    v.priority = c.members[self].priority;
    v.address = address_of(self);
    v.advertisement_interval = c.heartbeat_interval;
    v.version = c.vrrp.version;
    v.preempt = c.failback;
    v.preempt_delay = c.vrrp.preempt_delay;
    return v;
  }

  void on_advert(Instant now, HostId from, const msg::VrrpAdvert& advert) {
    std::size_t peer = svc_.member_index[from];
    if (peer == ServiceRun::kNotAMember || peer == self_) return;
    if (suspected_ == peer) {
      svc_.emit(ctx_.trace, now.to_seconds(), event::detector_trust, {{"node", my_name()}, {"peer", member_name(peer)}});
      suspected_ = ServiceRun::kNotAMember;
    }
    apply(now, router_.on_advert(now, advert.priority, address_of(peer)));
  }

  // keepalived runs each script every interval; a check-fail fault makes it fail, and so
  // does the host's tier process for a script that checks it.
  void run_checks(Instant now) {
    bool changed = false;
    for (std::size_t i = 0; i < scripts_.size(); ++i) {
      if (now < next_check_[i]) continue;
      while (next_check_[i] <= now) next_check_[i] = next_check_[i] + scripts_[i].config().interval;
      changed = scripts_[i].record(!svc_.check_failing[self_][i] && tier_passes(svc_.spec.vrrp.script_checks[i])) || changed;
    }
    if (!changed) return;
    int offset = 0;
    bool fault = false;
    for (const auto& s : scripts_) {
      offset += s.priority_offset();
      fault = fault || s.faults();
    }
    router_.set_priority_offset(offset);
    svc_.emit(ctx_.trace, now.to_seconds(), event::vrrp_priority, {{"node", my_name()}, {"priority", router_.effective_priority()}});
    apply(now, router_.set_fault(now, fault));
  }

  Instant next_check() const {
    Instant next = Instant::never();
    for (Instant t : next_check_) next = std::min(next, t);
    return next;
  }

  // The Backup's Master_Down_Timer fired: it believes the Master it heard is dead.
  void master_down(Instant now) {
    // Not if it never heard one (start-up), nor when it preempts a live lower-priority one.
    if (last_master_ == ServiceRun::kNotAMember || router_.preempting()) return;
    svc_.emit(ctx_.trace, now.to_seconds(), event::detector_suspect,
                    {{"node", my_name()}, {"peer", member_name(last_master_)}, {"suspicion", router_.suspicion(now)}});
    suspected_ = last_master_;
  }

  void apply(Instant now, const VrrpStep& step) {
    double t = now.to_seconds();
    if (step.advert) advertise(*step.advert);
    if (step.entered) {
      svc_.emit(ctx_.trace, t, event::vrrp_state, {{"node", my_name()}, {"state", to_string(*step.entered)},
                                        {"priority", router_.effective_priority()}, {"reason", step.reason}});
      if (*step.entered == VrrpState::master) {
        take_ip(ctx_, svc_, host_, t, step.reason, TraceEvent::object(), settling_);
        if (!settling_) {
          garp_.start(now);
          send_garps(now);
        }
      } else {
        garp_.stop();
        if (svc_.vip.holds(host_)) release_ip(ctx_, svc_, host_, t, step.reason);
      }
    }
    if (step.heard_lower && !settling_) {
      garp_.refresh(now);
      send_garps(now);
    }
    if (auto m = router_.master(); m && *m != address_of(self_)) last_master_ = *m - 1;
  }

  // Gratuitous ARPs due now: the first that gets out of this host's NIC moves the ARP entry.
  void send_garps(Instant now) {
    for (int n = garp_.take_due(now); n > 0; --n)
      if (svc_.vip.arp_owner() != host_ && ctx_.network.frame_gets_through(nic_)) announce_ip(ctx_, svc_, host_, now.to_seconds());
  }

  void advertise(int priority) {
    for (std::size_t m = 0; m < svc_.member_hosts.size(); ++m) {
      if (m == self_) continue;
      ctx_.network.send(svc_.member_hosts[m], make_message(host_, svc_.incarnations[self_], msg::VrrpAdvert{priority}),
                        kHeartbeatBytes);
    }
  }

  void stop(Instant now) {
    apply(now, router_.shutdown(now));
    // The daemon has exited; the host is up but nothing listens: packets to it are dropped.
    ctx_.network.set_closed(host_, true);
  }

  const std::string& my_name() const { return ctx_.name(host_); }
  const std::string& member_name(std::size_t m) const { return ctx_.name(svc_.member_hosts[m]); }

  RunContext& ctx_;
  ServiceRun& svc_;
  std::size_t self_;
  HostId host_;
  Instant start_;
  VrrpRouter router_;
  GarpSchedule garp_;
  std::vector<simgrid::s4u::Link*> nic_;  // this host's NIC: where its GARPs leave
  bool settling_ = false;
  std::vector<TrackScript> scripts_;

  bool tier_passes(ScriptCheck check) const {
    if (check == ScriptCheck::faults_only) return true;
    const TierRun* tier = ctx_.tier_on(host_);
    const std::size_t i = tier->instance_on(host_);
    return tier->running(i) && (check == ScriptCheck::process || !tier->hung[i]);
  }
  std::vector<Instant> next_check_;
  std::size_t last_master_ = ServiceRun::kNotAMember;  // whose adverts it last accepted
  std::size_t suspected_ = ServiceRun::kNotAMember;    // whom its down timer declared dead
};

} // namespace

void spawn_keepalived_member(RunContext& ctx, ServiceRun& service, std::size_t member) {
  spawn_member_process<KeepalivedProcess>(ctx, service, member);
}

} // namespace halab
