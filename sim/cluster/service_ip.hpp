// What every member agent does with the service's floating IP and its clients: take and
// release the IP (recorded as role and IP events), and answer a request.
#pragma once

#include "sim/run/run_context.hpp"

#include <string>

namespace halab {

// Binds the IP and, with `announce`, moves the ARP entry to the host at once; without it,
// the entry moves when announce_ip is called (the first gratuitous ARP that gets through).
void take_ip(RunContext& ctx, ServiceRun& svc, HostId host, double now, const std::string& reason, TraceEvent extra = TraceEvent::object(),
             bool announce = true);
void announce_ip(RunContext& ctx, ServiceRun& svc, HostId host, double now);
void release_ip(RunContext& ctx, ServiceRun& svc, HostId host, double now, const std::string& reason);
void reply_to(RunContext& ctx, HostId server, HostId client, const msg::Request& request);

} // namespace halab
