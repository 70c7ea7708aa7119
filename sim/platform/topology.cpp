#include "sim/platform/topology.hpp"

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/property_map/transform_value_property_map.hpp>

#include <algorithm>
#include <stdexcept>

namespace halab {

std::string Topology::pair_link_name(TopologyLink::Kind kind, const std::string& a, const std::string& b) {
  const char* prefix = kind == TopologyLink::Kind::wan ? "wan:" : "metro:";
  return prefix + std::min(a, b) + "|" + std::max(a, b);
}

Topology::Topology(const TopologySpec& spec) : spec_(spec) {
  auto add_vertex = [&](TopologyNode node) {
    auto v = boost::add_vertex(node, graph_);
    vertices_[node.name] = v;
  };
  for (const auto& region : spec.regions) {
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
}

void Topology::add_link(const std::string& a, const std::string& b, TopologyLink link) {
  boost::add_edge(vertices_.at(a), vertices_.at(b), std::move(link), graph_);
}

Duration Topology::path_latency(const std::string& from, const std::string& to) const {
  std::vector<double> distance(boost::num_vertices(graph_));
  auto weight = boost::make_transform_value_property_map(
      [](const TopologyLink& l) { return l.spec.latency.to_seconds(); }, boost::get(boost::edge_bundle, graph_));
  boost::dijkstra_shortest_paths(graph_, vertex(from),
                                 boost::weight_map(weight).distance_map(boost::make_iterator_property_map(
                                     distance.begin(), boost::get(boost::vertex_index, graph_))));
  return Duration::seconds(distance[vertex(to)]);
}

std::string Topology::link_between(const std::string& a, const std::string& b) const {
  auto it = pair_links_.find({std::min(a, b), std::max(a, b)});
  return it == pair_links_.end() ? "" : it->second;
}

} // namespace halab
