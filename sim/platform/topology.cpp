#include "sim/platform/topology.hpp"


#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <stdexcept>

namespace halab {

std::string Topology::pair_link_name(TopologyLink::Kind kind, const std::string& a, const std::string& b) {
  return kind == TopologyLink::Kind::wan ? wan_link_name(a, b) : metro_link_name(a, b);
}

Topology::Topology(const TopologySpec& spec) : spec_(spec) {
  auto add_vertex = [&](TopologyNode node) {
    auto v = boost::add_vertex(node, graph_);
    vertices_[node.name] = v;
  };
  for (const auto& region : spec.regions) {
    first_datacenter_[region.name] = region.datacenters.front().name;
    for (const auto& dc : region.datacenters) {
      std::string gw = gateway_name(dc.name);
      add_vertex({TopologyNode::Kind::gateway, gw, dc.name, region.name});
      for (const auto& host : dc.hosts) {
        add_vertex({TopologyNode::Kind::host, host, dc.name, region.name});
        add_link(host, gw, {TopologyLink::Kind::nic, nic_link_name(host), spec.host_link});
      }
    }
    for (std::size_t i = 0; i < region.datacenters.size(); ++i)
      for (std::size_t j = i + 1; j < region.datacenters.size(); ++j) {
        const auto& a = region.datacenters[i].name;
        const auto& b = region.datacenters[j].name;
        std::string name = pair_link_name(TopologyLink::Kind::metro, a, b);
        add_link(gateway_name(a), gateway_name(b), {TopologyLink::Kind::metro, name, spec.metro_link});
        pair_links_[{std::min(a, b), std::max(a, b)}] = name;
      }
  }
  for (std::size_t i = 0; i < spec.regions.size(); ++i)
    for (std::size_t j = i + 1; j < spec.regions.size(); ++j) {
      const auto& a = spec.regions[i];
      const auto& b = spec.regions[j];
      std::string name = pair_link_name(TopologyLink::Kind::wan, a.name, b.name);
      add_link(gateway_name(a.datacenters.front().name), gateway_name(b.datacenters.front().name),
               {TopologyLink::Kind::wan, name, spec.wan_link});
      pair_links_[{std::min(a.name, b.name), std::max(a.name, b.name)}] = name;
    }
  for (const auto& o : spec.overrides) {
    std::string name = link_name(o.link);
    LinkSpec& l = specs_.at(name);
    if (o.latency) l.latency = *o.latency;
    if (o.bandwidth_bytes_per_s) l.bandwidth_bytes_per_s = *o.bandwidth_bytes_per_s;
  }
  for (auto e : boost::make_iterator_range(boost::edges(graph_))) graph_[e].spec = specs_.at(graph_[e].name);
}

std::string Topology::link_name(const LinkRef& ref) const {
  return ref.between ? link_between(ref.between->first, ref.between->second) : nic_link_name(ref.host);
}

void Topology::add_link(const std::string& a, const std::string& b, TopologyLink link) {
  specs_[link.name] = link.spec;
  boost::add_edge(vertices_.at(a), vertices_.at(b), std::move(link), graph_);
}

std::vector<std::string> Topology::route(const std::string& from, const std::string& to) const {
  const TopologyNode& a = graph_[vertex(from)];
  const TopologyNode& b = graph_[vertex(to)];
  std::vector<std::string> links{nic_link_name(from)};
  auto metro = [&](const std::string& x, const std::string& y) {
    if (x != y) links.push_back(link_between(x, y));
  };
  if (a.region == b.region) {
    metro(a.datacenter, b.datacenter);
  } else {
    metro(a.datacenter, first_datacenter_.at(a.region));
    links.push_back(link_between(a.region, b.region));
    metro(first_datacenter_.at(b.region), b.datacenter);
  }
  links.push_back(nic_link_name(to));
  return links;
}

Duration Topology::path_latency(const std::string& from, const std::string& to) const {
  Duration total;
  for (const auto& link : route(from, to)) total = total + link_spec(link).latency;
  return total;
}

std::string Topology::link_between(const std::string& a, const std::string& b) const {
  auto it = pair_links_.find({std::min(a, b), std::max(a, b)});
  return it == pair_links_.end() ? "" : it->second;
}

} // namespace halab
