#include "sim/service/service_kind.hpp"

#include "sim/scenario/keepalived_reader.hpp"
#include "sim/scenario/memberlist_reader.hpp"
#include "sim/scenario/pacemaker_reader.hpp"
#include "sim/scenario/zookeeper_reader.hpp"

#include <fmt/format.h>

#include <array>

namespace halab {
namespace {

const std::array<ServiceKind, 4>& kinds() {
  static const std::array<ServiceKind, 4> kKinds{{
      // keepalived: priority 255 is VRRP's address owner.
      {"keepalived", 255, false, true, {"failback", "vrrp"}, {FaultSpec::Kind::stop, FaultSpec::Kind::check_fail},
       read_keepalived_settings},
      {"pacemaker", 254, true, true, {"membership", "quorum", "no_quorum_policy", "fencing", "storage", "crm"}, {},
       read_pacemaker_settings},
      // memberlist: SWIM membership (Serf's, Consul's); no floating IP, no priorities.
      {"memberlist", 100, false, false, {"memberlist"}, {}, read_memberlist_settings},
      // zookeeper: sessions against a registry (ZooKeeper's ensemble); the group is its clients.
      {"zookeeper", 100, false, false, {"zookeeper"}, {}, read_zookeeper_settings},
  }};
  return kKinds;
}

}  // namespace

std::span<const ServiceKind> service_kinds() { return kinds(); }

const ServiceKind* find_service_kind(std::string_view name) {
  for (const ServiceKind& k : kinds())
    if (k.name == name) return &k;
  return nullptr;
}

std::string service_kind_names() {
  std::string out;
  for (std::size_t i = 0; i < kinds().size(); ++i) {
    if (i) out += i + 1 == kinds().size() ? " or " : ", ";
    out += fmt::format("\"{}\"", kinds()[i].name);  // not "\"" + string: GCC 12 warns -Wrestrict wrongly
  }
  return out;
}

}  // namespace halab
