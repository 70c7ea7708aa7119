// The name of every kind of trace event, shared by what writes the trace (the processes and actors),
// what checks it (event_schema), and what reads it (replay, metrics, the GUI), so that a
// writer and a reader cannot drift apart. docs/trace-schema.md describes each.
#pragma once

namespace halab::event {

inline constexpr const char* run_start = "run.start";
inline constexpr const char* run_end = "run.end";
inline constexpr const char* run_warning = "run.warning";

inline constexpr const char* fault_crash = "fault.crash";
inline constexpr const char* fault_restart = "fault.restart";
inline constexpr const char* fault_stop = "fault.stop";
inline constexpr const char* fault_check = "fault.check";
inline constexpr const char* fault_partition = "fault.partition";
inline constexpr const char* fault_heal = "fault.heal";
inline constexpr const char* fault_degrade = "fault.degrade";
inline constexpr const char* fault_restore = "fault.restore";
inline constexpr const char* fault_link_down = "fault.link_down";
inline constexpr const char* fault_link_up = "fault.link_up";
inline constexpr const char* fault_pause = "fault.pause";
inline constexpr const char* fault_resume = "fault.resume";
inline constexpr const char* fault_fence_device = "fault.fence_device";
inline constexpr const char* fault_agent_fail = "fault.agent_fail";
inline constexpr const char* fault_agent_recover = "fault.agent_recover";
inline constexpr const char* fault_hang = "fault.hang";
inline constexpr const char* fault_slow = "fault.slow";
inline constexpr const char* fault_site = "fault.site";
inline constexpr const char* fault_disk_full = "fault.disk_full";
inline constexpr const char* fault_replication = "fault.replication";

inline constexpr const char* detector_suspect = "detector.suspect";
inline constexpr const char* detector_trust = "detector.trust";

inline constexpr const char* member_suspect = "member.suspect";
inline constexpr const char* member_dead = "member.dead";
inline constexpr const char* member_dead_everywhere = "member.dead_everywhere";
inline constexpr const char* member_alive = "member.alive";

inline constexpr const char* token = "token";
inline constexpr const char* token_lost = "token.lost";

inline constexpr const char* vrrp_state = "vrrp.state";
inline constexpr const char* vrrp_priority = "vrrp.priority";

inline constexpr const char* role = "role";

inline constexpr const char* ip_take = "ip.take";
inline constexpr const char* ip_arp = "ip.arp";
inline constexpr const char* ip_release = "ip.release";

inline constexpr const char* belief = "belief";

inline constexpr const char* storage_write = "storage.write";

inline constexpr const char* fence_request = "fence.request";
inline constexpr const char* fence_fire = "fence.fire";
inline constexpr const char* fence_abandon = "fence.abandon";
inline constexpr const char* fence_done = "fence.done";
inline constexpr const char* fence_self = "fence.self";

inline constexpr const char* node_boot = "node.boot";

inline constexpr const char* crm_rejoin = "crm.rejoin";
inline constexpr const char* crm_action_timeout = "crm.action_timeout";
inline constexpr const char* crm_dc = "crm.dc";
inline constexpr const char* crm_dc_resign = "crm.dc_resign";
inline constexpr const char* crm_transition = "crm.transition";
inline constexpr const char* crm_action = "crm.action";
inline constexpr const char* crm_monitor = "crm.monitor";

inline constexpr const char* request = "request";
inline constexpr const char* dns_resolve = "dns.resolve";
inline constexpr const char* dns_health = "dns.health";

inline constexpr const char* tier_stats = "tier.stats";
inline constexpr const char* director_stats = "director.stats";
inline constexpr const char* breaker_state = "breaker.state";
inline constexpr const char* check_state = "check.state";
inline constexpr const char* registry_change = "registry.change";
inline constexpr const char* db_promote = "db.promote";
inline constexpr const char* db_replication = "db.replication";
inline constexpr const char* db_drop = "db.drop";
inline constexpr const char* db_restore = "db.restore";
inline constexpr const char* sentinel_event = "sentinel.event";
inline constexpr const char* sentinel_switch = "sentinel.switch";
inline constexpr const char* cache_role = "cache.role";
inline constexpr const char* upstream_failed = "upstream.failed";  // passive checks skip a server
inline constexpr const char* tier_stop = "tier.stop";        // a graceful stop began: the port closes, work drains
inline constexpr const char* tier_stopped = "tier.stopped";  // the last job in flight was answered

}  // namespace halab::event
