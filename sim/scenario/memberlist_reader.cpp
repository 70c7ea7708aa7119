#include "sim/scenario/memberlist_reader.hpp"

#include "sim/scenario/units.hpp"

#include <fmt/format.h>

namespace halab {
namespace {

void read_tuning(const Fields& cluster, ClusterSpec& spec) {
  const auto* m = cluster.get("memberlist", Fields::optional);
  if (!m) return;
  Fields f(*m, cluster.pointer("memberlist"), cluster.diagnostics(),
           {"probe_interval", "probe_timeout", "indirect_checks", "gossip_interval", "gossip_nodes", "gossip_to_the_dead_time",
            "retransmit_mult", "suspicion_mult", "suspicion_max_timeout_mult", "awareness_max_multiplier"});
  if (!f.is_object()) return;
  SwimConfig& c = spec.memberlist;
  f.interval("probe_interval", Fields::optional, c.probe_interval);
  f.interval("probe_timeout", Fields::optional, c.probe_timeout);
  f.interval("gossip_interval", Fields::optional, c.gossip_interval);
  f.positive_duration("gossip_to_the_dead_time", Fields::optional, c.gossip_to_the_dead);
  auto count = [&f](std::string_view key, std::int64_t min, std::int64_t max, int& out) {
    out = static_cast<int>(f.integer(key, Fields::optional, min, max).value_or(out));
  };
  count("indirect_checks", 0, 16, c.indirect_checks);
  count("gossip_nodes", 1, 16, c.gossip_nodes);
  count("retransmit_mult", 1, 100, c.retransmit_mult);
  // k = SuspicionMult − 2 confirmations are tracked, at most SwimSuspicion's.
  count("suspicion_mult", 1, SwimSuspicion::kMaxConfirmations + 2, c.suspicion_mult);
  count("suspicion_max_timeout_mult", 1, 100, c.suspicion_max_timeout_mult);
  count("awareness_max_multiplier", 1, 100, c.awareness_max_multiplier);
  // memberlist's probe: the ack is awaited for the probe timeout, then ping-req until the
  // probe interval ends, so the timeout must leave room before the next probe.
  if (c.probe_timeout >= c.probe_interval)
    f.diagnostics().error(f.pointer("probe_timeout"), "must be shorter than probe_interval (the indirect probes run in the rest of it)");
}

}  // namespace

void read_memberlist_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup& lookup) {
  // SWIM has its own probe and suspicion timing: the generic keys would be ignored.
  refuse_failover_keys(cluster, "memberlist", "its probe interval is /cluster/memberlist/probe_interval",
                       "SWIM's probes and suspicion are its detector");
  read_tuning(cluster, spec);
  // A run too short for any loss to be declared gets a warning, not a silent run: a member
  // is declared dead no sooner than a probe interval and the shortest suspicion after it.
  const SwimConfig& c = spec.memberlist;
  const Duration suspicion = c.suspicion_min(spec.members.size());
  warn_if_no_loss_shows(cluster.diagnostics(), cluster.pointer("memberlist"), c.probe_interval + suspicion, lookup.run,
                        fmt::format("a lost member is declared dead no sooner than a probe interval and the suspicion "
                                    "timeout ({} + {} at {} members)",
                                    duration_text(c.probe_interval.to_seconds()), duration_text(suspicion.to_seconds()),
                                    spec.members.size()));
}

}  // namespace halab
