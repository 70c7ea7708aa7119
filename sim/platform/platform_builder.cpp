#include "sim/platform/platform_builder.hpp"

#include <simgrid/kernel/routing/NetPoint.hpp>
#include <simgrid/s4u/NetZone.hpp>

namespace halab {
namespace sg4 = simgrid::s4u;
using simgrid::kernel::routing::NetPoint;

Platform::Platform(const Topology& topology) {
  const TopologySpec& spec = topology.spec();
  sg4::NetZone* world = sg4::create_full_zone("world");
  std::vector<sg4::NetZone*> region_zones;
  std::map<std::string, NetPoint*> gateways;      // datacenter -> gateway router
  std::map<std::string, sg4::NetZone*> dc_zones;  // datacenter -> zone

  auto make_link = [&](sg4::NetZone* zone, const std::string& name) {
    const LinkSpec& l = topology.link_spec(name);
    sg4::Link* link = zone->create_link(name, l.bandwidth_bytes_per_s)->set_latency(l.latency.to_seconds());
    links_[name] = {link};
    return link;
  };

  for (const auto& region : spec.regions) {
    sg4::NetZone* rz = sg4::create_full_zone(region.name);
    rz->set_parent(world);
    region_zones.push_back(rz);
    for (const auto& dc : region.datacenters) {
      sg4::NetZone* dz = sg4::create_star_zone(dc.name);
      dz->set_parent(rz);
      dc_zones[dc.name] = dz;
      NetPoint* gw = dz->create_router(Topology::gateway_name(dc.name));
      gateways[dc.name] = gw;
      dz->add_route(gw, nullptr, nullptr, nullptr, {}, true);
      for (const auto& name : dc.hosts) {
        sg4::Host* h = dz->create_host(name, 1e9);
        hosts_[name] = h;
        std::string link_name = Topology::nic_link_name(name);
        const LinkSpec& l = topology.link_spec(link_name);
        sg4::SplitDuplexLink* nic = dz->create_split_duplex_link(link_name, l.bandwidth_bytes_per_s);
        nic->set_latency(l.latency.to_seconds());
        links_[link_name] = {nic->get_link_up(), nic->get_link_down()};
        dz->add_route(h->get_netpoint(), nullptr, nullptr, nullptr,
                      {sg4::LinkInRoute(nic, sg4::LinkInRoute::Direction::UP)}, true);
      }
    }
    for (std::size_t i = 0; i < region.datacenters.size(); ++i)
      for (std::size_t j = i + 1; j < region.datacenters.size(); ++j) {
        const auto& a = region.datacenters[i].name;
        const auto& b = region.datacenters[j].name;
        sg4::Link* metro = make_link(rz, topology.link_between(a, b));
        rz->add_route(dc_zones[a]->get_netpoint(), dc_zones[b]->get_netpoint(), gateways[a], gateways[b],
                      {sg4::LinkInRoute(metro)}, true);
      }
  }
  for (std::size_t i = 0; i < spec.regions.size(); ++i)
    for (std::size_t j = i + 1; j < spec.regions.size(); ++j) {
      const auto& a = spec.regions[i];
      const auto& b = spec.regions[j];
      sg4::Link* wan = make_link(world, topology.link_between(a.name, b.name));
      world->add_route(region_zones[i]->get_netpoint(), region_zones[j]->get_netpoint(),
                       gateways[a.datacenters.front().name], gateways[b.datacenters.front().name],
                       {sg4::LinkInRoute(wan)}, true);
    }
  world->seal();
}

} // namespace halab
