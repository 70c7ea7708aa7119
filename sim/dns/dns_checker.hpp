// The health checks of a DNS name's records (/dns/health_check, docs/six-tiers.md): every
// `interval`, each record's floating IP is checked as a checker in front of it would find
// it — served when the host its ARP entry points at holds the IP, is up, and (with a stack)
// runs a live, unhung entry process. The result goes to the DNS model
// (models/dns/dns_round_robin), which leaves unhealthy records out of its answers; a
// status change is a `dns.health` event. The checker reads the run's state instead of
// sending probes, so a partition between it and a VIP does not count.
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

// Starts the checker (only for a scenario with /dns/health_check).
void spawn_dns_checker(RunContext& ctx);

}  // namespace halab
