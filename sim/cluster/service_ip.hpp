// What every member agent does with the service's floating IP and its clients: take and
// release the IP (recorded as role and IP events), and answer a request.
#pragma once

#include "sim/run/run_context.hpp"

#include <string>

namespace halab {

void take_ip(RunContext& ctx, HostId host, double now, const std::string& reason, TraceEvent extra = TraceEvent::object());
void release_ip(RunContext& ctx, HostId host, double now, const std::string& reason);
void reply_to(RunContext& ctx, HostId server, const Message& request);

} // namespace halab
