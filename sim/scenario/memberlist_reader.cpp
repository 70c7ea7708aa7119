#include "sim/scenario/memberlist_reader.hpp"

namespace halab {

void read_memberlist_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup&) {
  // SWIM has its own probe and suspicion timing: the generic keys would be ignored.
  if (cluster.get("heartbeat_interval", Fields::optional))
    cluster.diagnostics().error(cluster.pointer("heartbeat_interval"),
                                "not a setting of the memberlist manager (its probe interval is /cluster/memberlist/probe_interval)");
  if (cluster.get("detector", Fields::optional))
    cluster.diagnostics().error(cluster.pointer("detector"),
                                "not a setting of the memberlist manager (SWIM's probes and suspicion are its detector)");
  if (const auto* members = cluster.get("members", Fields::optional); members && members->is_array())
    for (std::size_t i = 0; i < members->size(); ++i)
      if ((*members)[i].is_object() && (*members)[i].contains("priority"))
        cluster.diagnostics().error(pointer_join(pointer_join(cluster.pointer("members"), i), "priority"),
                                    "memberlist members have no priority (they keep membership; nothing is placed)");
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

}  // namespace halab
