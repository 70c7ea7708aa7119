#include "sim/scenario/pacemaker_reader.hpp"

#include "sim/scenario/crm_reader.hpp"
#include "sim/scenario/units.hpp"

#include "models/membership/token_ring.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace halab {
namespace {

using Need = Fields::Need;

void positive(const Fields& f, std::string_view key, Duration& out) { f.positive_duration(key, Need::optional, out); }

void read_membership(const Fields& f, MembershipTiming& t) {
  if (!f.is_object()) return;
  if (auto timing = f.string("timing", Need::optional)) {
    if (*timing == "plain") t.kind = MembershipTiming::Kind::plain;
    else if (*timing == "corosync") t.kind = MembershipTiming::Kind::corosync;
    else f.diagnostics().expected(f.pointer("timing"), "\"plain\" or \"corosync\"", f.get("timing", Need::optional));
  }
  positive(f, "token", t.token);
  positive(f, "join", t.join);
  if (auto c = f.duration("token_coefficient", Need::optional)) t.token_coefficient = *c;
  t.consensus_factor = f.number("consensus_factor", Need::optional, 1.0, 100.0).value_or(t.consensus_factor);
}

void read_qnetd(const Fields& f, QuorumDeviceSpec& d, const std::function<int(const std::string&)>& member_index) {
  if (auto algorithm = f.string("algorithm", Need::optional)) {
    if (*algorithm == "ffsplit") d.qnetd.algorithm = QnetdConfig::Algorithm::ffsplit;
    else if (*algorithm == "lms") d.qnetd.algorithm = QnetdConfig::Algorithm::lms;
    else f.diagnostics().expected(f.pointer("algorithm"), "\"ffsplit\" or \"lms\"", f.get("algorithm", Need::optional));
  }
  if (auto tb = f.string("tie_breaker", Need::optional)) {
    if (*tb == "lowest") d.qnetd.tie_breaker = QnetdConfig::TieBreaker::lowest;
    else if (*tb == "highest") d.qnetd.tie_breaker = QnetdConfig::TieBreaker::highest;
    else if (int m = member_index(*tb); m >= 0) {
      d.qnetd.tie_breaker = QnetdConfig::TieBreaker::node;
      d.qnetd.tie_breaker_node = static_cast<std::size_t>(m);
    } else {
      f.diagnostics().expected(f.pointer("tie_breaker"), "\"lowest\", \"highest\" or a cluster member", f.get("tie_breaker", Need::optional));
    }
  } else if (f.get("tie_breaker", Need::optional)) {
    f.diagnostics().expected(f.pointer("tie_breaker"), "\"lowest\", \"highest\" or a cluster member", f.get("tie_breaker", Need::optional));
  }
  if (member_index(d.host) >= 0)
    f.diagnostics().expected(f.pointer("host"), "a host outside the cluster (qnetd arbitrates from a third site)", f.get("host", Need::optional));
  // corosync-qdevice(8): the client's heartbeat is 0.8 × quorum.device.timeout, within
  // [1 s, 2 min] (qdevice-net-instance.c); qnetd drops a client silent for 1.5 heartbeats.
  positive(f, "timeout", d.timeout);
  positive(f, "sync_timeout", d.sync_timeout);
  d.qnetd.dpd_s = 1.5 * std::clamp(0.8 * d.timeout.to_seconds(), 1.0, 120.0);
  // corosync-qdevice(8): ffsplit needs exactly 1 vote; lms's default is nodes − 1, filled in
  // once the members are known.
  if (d.qnetd.algorithm == QnetdConfig::Algorithm::ffsplit && f.get("votes", Need::optional) && d.votes != 1)
    f.diagnostics().expected(f.pointer("votes"), "1 (ffsplit gives exactly one vote)", f.get("votes", Need::optional));
}

void read_device(const Fields& f, QuorumSpec& q, const std::function<int(const std::string&)>& member_index,
                 const std::function<bool(const std::string&)>& known_host) {
  if (!f.is_object()) return;
  QuorumDeviceSpec d;
  auto kind = f.string("kind", Need::required);
  if (kind == "ping" || kind == "qnetd") {
    d.kind = kind == "ping" ? QuorumDeviceSpec::Kind::ping : QuorumDeviceSpec::Kind::qnetd;
    if (auto host = f.string("host", Need::required)) {
      d.host = *host;
      if (!known_host(*host)) f.diagnostics().expected(f.pointer("host"), "a host named in /topology", f.get("host", Need::optional));
    }
    if (d.kind == QuorumDeviceSpec::Kind::ping)
      for (const char* key : {"algorithm", "tie_breaker", "timeout", "sync_timeout"})
        if (f.get(key, Need::optional)) f.diagnostics().error(f.pointer(key), "not a setting of a ping device");
  } else if (kind == "disk") {
    d.kind = QuorumDeviceSpec::Kind::disk;
    positive(f, "timeout", d.disk_timeout);
    if (f.get("host", Need::optional)) f.diagnostics().error(f.pointer("host"), "not a setting of a quorum disk");
  } else if (kind) {
    f.diagnostics().expected(f.pointer("kind"), "\"ping\", \"disk\" or \"qnetd\"", f.get("kind", Need::optional));
  }
  d.votes = static_cast<unsigned>(f.integer("votes", Need::optional, 1, 1000).value_or(0));
  if (d.kind == QuorumDeviceSpec::Kind::qnetd) read_qnetd(f, d, member_index);
  else if (d.kind == QuorumDeviceSpec::Kind::disk)
    for (const char* key : {"algorithm", "tie_breaker", "sync_timeout"})
      if (f.get(key, Need::optional)) f.diagnostics().error(f.pointer(key), "not a setting of a quorum disk");
  q.device = d;
  q.votequorum.device_votes = d.votes;
}

void read_quorum(const Fields& f, QuorumSpec& q, const std::function<int(const std::string&)>& member_index,
                 const std::function<bool(const std::string&)>& known_host) {
  if (!f.is_object()) return;
  q.enabled = true;
  VoteQuorumConfig& c = q.votequorum;
  c.expected_votes = static_cast<unsigned>(f.integer("expected_votes", Need::optional, 1, 100000).value_or(0));
  c.two_node = f.boolean("two_node", Need::optional).value_or(false);
  c.wait_for_all = f.boolean("wait_for_all", Need::optional);
  c.last_man_standing = f.boolean("last_man_standing", Need::optional).value_or(false);
  positive(f, "last_man_standing_window", c.last_man_standing_window);
  c.auto_tie_breaker = f.boolean("auto_tie_breaker", Need::optional).value_or(false);
  if (const auto* node = f.get("auto_tie_breaker_node", Need::optional)) {
    if (*node == "lowest") c.tie_breaker = VoteQuorumConfig::TieBreaker::lowest;
    else if (*node == "highest") c.tie_breaker = VoteQuorumConfig::TieBreaker::highest;
    else if (auto names = f.strings("auto_tie_breaker_node", Need::optional)) {
      c.tie_breaker = VoteQuorumConfig::TieBreaker::list;
      for (std::size_t i = 0; i < names->size(); ++i) {
        int m = member_index((*names)[i]);
        if (m < 0) f.diagnostics().expected(pointer_join(f.pointer("auto_tie_breaker_node"), i), "a cluster member", &(*node)[i]);
        else c.tie_breaker_list.push_back(static_cast<std::size_t>(m));
      }
    }
  }
  if (const auto* d = f.get("device", Need::optional))
    read_device(Fields(*d, f.pointer("device"), f.diagnostics(), {"kind", "host", "votes", "timeout", "sync_timeout", "algorithm", "tie_breaker"}),
                q, member_index, known_host);
}

void read_fence_device(const Fields& f, FenceDeviceConfig& d, const std::function<int(const std::string&)>& member_index) {
  if (!f.is_object()) return;
  if (auto kind = f.string("kind", Need::optional)) {
    if (*kind == "power") d.kind = FenceDeviceConfig::Kind::power;
    else if (*kind == "storage") d.kind = FenceDeviceConfig::Kind::storage;
    else f.diagnostics().expected(f.pointer("kind"), "\"power\" or \"storage\"", f.get("kind", Need::optional));
  }
  if (auto action = f.string("action", Need::optional)) {
    if (*action == "reboot") d.action = FenceDeviceConfig::Action::reboot;
    else if (*action == "off") d.action = FenceDeviceConfig::Action::off;
    else f.diagnostics().expected(f.pointer("action"), "\"reboot\" or \"off\"", f.get("action", Need::optional));
  }
  if (auto lo = f.duration("latency_min", Need::optional)) d.latency_min = *lo;
  if (auto hi = f.duration("latency_max", Need::optional)) d.latency_max = *hi;
  if (d.latency_max < d.latency_min)
    f.diagnostics().expected(f.pointer("latency_max"), "a latency no smaller than latency_min", f.get("latency_max", Need::optional));
  positive(f, "timeout", d.timeout);
  d.failure_probability = f.number("failure_probability", Need::optional, 0.0, 1.0).value_or(0.0);
  if (const auto* base = f.get("delay_base", Need::optional)) {
    if (base->is_object()) {
      for (const auto& [name, value] : base->items()) {
        int m = member_index(name);
        std::string ptr = pointer_join(f.pointer("delay_base"), name);
        auto delay = value.is_string() ? parse_duration(value.get<std::string>()) : std::nullopt;
        if (m < 0) f.diagnostics().expected(ptr, "a cluster member's name as key", &value);
        else if (!delay) f.diagnostics().expected(ptr, "a duration like \"5s\"", &value);
        else d.delay_base_for[static_cast<std::size_t>(m)] = *delay;
      }
    } else if (auto all = f.duration("delay_base", Need::optional)) {
      d.delay_base = *all;
    }
  }
  if (auto max = f.duration("delay_max", Need::optional)) d.delay_max = *max;
  positive(f, "reboot_time", d.reboot_time);
}

void read_settings(const Fields& cluster, ClusterSpec& spec, const std::function<int(const std::string&)>& member_index,
                   const std::function<bool(const std::string&)>& known_host) {
  Diagnostics& diag = cluster.diagnostics();
  if (const auto* m = cluster.get("membership", Need::optional))
    read_membership(Fields(*m, cluster.pointer("membership"), diag,
                           {"timing", "token", "token_coefficient", "consensus_factor", "join"}),
                    spec.membership);
  if (const auto* q = cluster.get("quorum", Need::optional))
    read_quorum(Fields(*q, cluster.pointer("quorum"), diag,
                       {"expected_votes", "two_node", "wait_for_all", "last_man_standing", "last_man_standing_window",
                        "auto_tie_breaker", "auto_tie_breaker_node", "device"}),
                spec.quorum, member_index, known_host);
  if (auto policy = cluster.string("no_quorum_policy", Need::optional)) {
    if (auto p = parse_no_quorum_policy(*policy)) spec.no_quorum_policy = *p;
    else diag.expected(cluster.pointer("no_quorum_policy"), "\"stop\", \"freeze\", \"ignore\" or \"suicide\"",
                       cluster.get("no_quorum_policy", Need::optional));
  }
  if (const auto* fv = cluster.get("fencing", Need::optional)) {
    Fields f(*fv, cluster.pointer("fencing"), diag, {"mode", "device", "watchdog_timeout", "stonith_watchdog_timeout"});
    if (f.is_object()) {
      auto mode = f.string("mode", Need::required);
      if (mode == "none") spec.fencing.mode = FencingMode::none;
      else if (mode == "device") spec.fencing.mode = FencingMode::device;
      else if (mode == "watchdog") spec.fencing.mode = FencingMode::watchdog;
      else if (mode) diag.expected(f.pointer("mode"), "\"none\", \"device\" or \"watchdog\"", f.get("mode", Need::optional));
      const auto* device = f.get("device", Need::optional);
      if (device)
        read_fence_device(Fields(*device, f.pointer("device"), diag,
                                 {"kind", "action", "latency_min", "latency_max", "timeout", "failure_probability",
                                  "delay_base", "delay_max", "reboot_time"}),
                          spec.fencing.device, member_index);
      if (spec.fencing.mode == FencingMode::device && !device)
        diag.expected(f.pointer("device"), "a fence device for mode \"device\"", nullptr);
      positive(f, "watchdog_timeout", spec.fencing.watchdog_timeout);
      Duration wait;
      f.positive_duration("stonith_watchdog_timeout", Need::optional, wait);
      if (f.get("stonith_watchdog_timeout", Need::optional) && wait > Duration()) {
        // pacemaker-controld(7): it "must be larger than SBD_WATCHDOG_TIMEOUT", and Pacemaker
        // refuses to start where it is not.
        if (wait <= spec.fencing.watchdog_timeout)
          diag.expected(f.pointer("stonith_watchdog_timeout"), "a duration larger than watchdog_timeout (Pacemaker refuses to start otherwise)",
                        f.get("stonith_watchdog_timeout", Need::optional));
        else spec.fencing.stonith_watchdog_timeout = wait;
      }
    }
  }
  if (const auto* sv = cluster.get("storage", Need::optional)) {
    // The CRM's resources do not write to the shared storage: refused rather than ignored,
    // so that no run reports "0 corrupted writes" for writes it never made.
    if (cluster.get("crm", Need::optional))
      diag.error(cluster.pointer("storage"), "not modelled under a \"crm\" section: its resources do not write to shared storage");
    Fields f(*sv, cluster.pointer("storage"), diag, {"epochs", "write_interval"});
    spec.storage.enabled = f.is_object();
    spec.storage.epochs = f.boolean("epochs", Need::optional).value_or(false);
    f.interval("write_interval", Need::optional, spec.storage.write_interval);
  }
  spec.quorum.votequorum.votes = spec.votes;
  if (auto& d = spec.quorum.device) {
    d->qnetd.nodes = spec.members.size();
    // A device's votes: as given, else 1, else (qnetd's lms) nodes − 1.
    if (d->votes == 0)
      d->votes = d->kind == QuorumDeviceSpec::Kind::qnetd && spec.members.size() > 1 ? d->qnetd.votes() : 1;
    spec.quorum.votequorum.device_votes = d->votes;
  }
  if (spec.quorum.enabled && spec.quorum.votequorum.two_node && spec.votes.size() > 2)
    diag.warn(cluster.pointer("quorum") + "/two_node",
              "two_node on a " + std::to_string(spec.votes.size()) +
                  "-node cluster: votequorum(5) disables it while more than 2 nodes are members, and gives a "
                  "quorum of 1 once at most 2 are");
  // The token ring tells who failed by who has fallen silent for 1.5 heartbeats: with
  // heartbeats too slow for the token, a crash is seen one token timeout late or more.
  const MembershipTiming& m = spec.membership;
  if (m.kind == MembershipTiming::Kind::corosync && spec.members.size() > 1 &&
      spec.heartbeat_interval * 1.5 >= m.token_timeout(spec.members.size()) - TokenRing::default_hold(m.token))
    diag.warn(cluster.pointer("heartbeat_interval"),
              "1.5 heartbeat intervals are not shorter than the token timeout less one rotation: when the token is "
              "lost a crashed member may not yet look silent, and its loss comes one or more token timeouts late");
  if (spec.quorum.enabled)
    if (std::string problem = spec.quorum.votequorum.problem(); !problem.empty())
      diag.error(cluster.pointer("quorum"), "invalid votequorum options: " + problem);
}

// A cluster that a real corosync ring would not serve gets a warning, not a silent run:
// beyond the size vendors support (Red Hat and SUSE: 32 nodes) or Totem's hard limit
// (PROCESSOR_COUNT_MAX, 384 processors, corosync/totem/totem.h), and one whose losses
// take longer to reach a new view than the run lasts.
void warn_beyond_corosync(const Fields& cluster, const ClusterSpec& spec, Duration run) {
  const std::size_t nodes = spec.members.size();
  const MembershipTiming& m = spec.membership;
  if (nodes > 32)
    cluster.diagnostics().warn(
        cluster.pointer("members"),
        fmt::format("{} members on one corosync ring: {}; the token timeout grows with every node ({} here), so "
                    "fleets this size use a membership made for it (gossip, a registry's sessions)",
                    nodes,
                    nodes > 384 ? "beyond Totem's limit of 384 processors (PROCESSOR_COUNT_MAX), a real corosync cannot form this ring"
                                : "vendors support Pacemaker clusters of at most 32 nodes",
                    duration_text(m.token_timeout(nodes).to_seconds())));
  warn_if_no_loss_shows(cluster.diagnostics(), cluster.pointer("membership"), m.token_timeout(nodes) + m.consensus(nodes),
                        run,
                        fmt::format("a lost member leaves the view only after the token timeout and the consensus "
                                    "timeout ({} + {})",
                                    duration_text(m.token_timeout(nodes).to_seconds()),
                                    duration_text(m.consensus(nodes).to_seconds())));
}

} // namespace

void read_pacemaker_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup) {
  read_settings(cluster, spec, lookup.member_index, lookup.known_host);
  read_crm_settings(cluster, spec);
  // Under corosync timing the token timeout is the detector.
  if (spec.membership.kind != MembershipTiming::Kind::corosync) {
    read_detector(cluster, Need::required, spec.detector);
    return;
  }
  if (cluster.get("detector", Need::optional))
    cluster.diagnostics().error(cluster.pointer("detector"), "corosync timing sets the detector (its token timeout)");
  spec.detector.kind = DetectorSpec::Kind::fixed_timeout;
  spec.detector.timeout = spec.membership.token_timeout(spec.members.size());
  warn_beyond_corosync(cluster, spec, lookup.run);
}

} // namespace halab
