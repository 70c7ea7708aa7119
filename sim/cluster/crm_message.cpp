#include "sim/cluster/crm_message.hpp"

#include "sim/run/run_context.hpp"

#include <memory>

namespace halab {

void send_crm(RunContext& ctx, ServiceRun& svc, std::size_t from_member, HostId to, msg::Crm::Kind kind, CrmMessage payload) {
  const std::uint64_t bytes = payload.wire_bytes();
  ctx.network.send(to,
                   make_message(svc.member_hosts[from_member], svc.incarnations[from_member],
                                msg::Crm{kind, std::make_shared<const CrmMessage>(std::move(payload))}),
                   bytes, Network::Order::fifo);
}

}  // namespace halab
