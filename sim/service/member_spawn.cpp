#include "sim/service/member_spawn.hpp"

#include "sim/cluster/cluster_agent.hpp"
#include "sim/cluster/crm_agent.hpp"
#include "sim/cluster/keepalived_agent.hpp"
#include "sim/cluster/memberlist_agent.hpp"
#include "sim/cluster/zookeeper_agent.hpp"
#include "sim/service/service_run.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace halab {
namespace {

using Spawn = void (*)(RunContext&, ServiceRun&, std::size_t);

// The pacemaker manager runs one floating IP (ClusterNode), or the full CRM when the
// service has a crm section.
void spawn_pacemaker(RunContext& ctx, ServiceRun& service, std::size_t member) {
  if (service.spec.crm) spawn_crm_member(ctx, service, member);
  else spawn_pacemaker_member(ctx, service, member);
}

struct Spawner {
  std::string_view kind;
  Spawn spawn;
};

constexpr std::array<Spawner, 4> kSpawners{{
    {"keepalived", spawn_keepalived_member},
    {"pacemaker", spawn_pacemaker},
    {"memberlist", spawn_memberlist_member},
    {"zookeeper", spawn_zookeeper_member},
}};

}  // namespace

void spawn_member(RunContext& ctx, ServiceRun& service, std::size_t member) {
  for (const Spawner& s : kSpawners)
    if (s.kind == service.kind.name) return s.spawn(ctx, service, member);
  throw std::logic_error("no member process registered for service kind " + std::string(service.kind.name));
}

}  // namespace halab
