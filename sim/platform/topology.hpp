// The scenario's physical topology as a Boost.Graph graph, before it becomes a SimGrid
// platform: hosts joined to their datacenter's gateway by a NIC link, datacenter gateways of
// one region joined pairwise by metro links, and regions joined pairwise by WAN links
// between their first datacenters' gateways. The SimGrid platform is built from this graph
// (platform_builder), and path latencies computed here cross-check SimGrid's routes.
#pragma once

#include "sim/platform/link_names.hpp"
#include "sim/scenario/scenario.hpp"

#include <boost/graph/adjacency_list.hpp>

#include <map>
#include <string>
#include <vector>

namespace halab {

struct TopologyNode {
  enum class Kind { host, gateway };
  Kind kind = Kind::host;
  std::string name;
  std::string datacenter;
  std::string region;
};

struct TopologyLink {
  enum class Kind { nic, metro, wan };
  Kind kind = Kind::nic;
  std::string name;
  LinkSpec spec;
};

using TopologyGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, TopologyNode, TopologyLink>;

class Topology {
public:
  explicit Topology(const TopologySpec& spec);

  const TopologyGraph& graph() const { return graph_; }
  const TopologySpec& spec() const { return spec_; }
  TopologyGraph::vertex_descriptor vertex(const std::string& name) const { return vertices_.at(name); }
  // Gateway router of a datacenter.
  static std::string gateway_name(const std::string& datacenter) { return datacenter + "-gw"; }
  // Name of the link a degrade fault refers to: "nic:HOST", "metro:A|B", "wan:A|B" (A < B).
  static std::string nic_link_name(const std::string& host) { return halab::nic_link_name(host); }
  static std::string pair_link_name(TopologyLink::Kind kind, const std::string& a, const std::string& b);

  // The links a message from one host to another crosses, by the same static, hierarchical
  // rule SimGrid routes by (not the shortest path): NIC, metro link to the region's first
  // datacenter when leaving the region, WAN link, metro link from the other region's first
  // datacenter, NIC.
  std::vector<std::string> route(const std::string& from, const std::string& to) const;
  // One-way propagation latency along route().
  Duration path_latency(const std::string& from, const std::string& to) const;
  // Name of the link joining two datacenters or two regions, if any.
  std::string link_between(const std::string& a, const std::string& b) const;
  // Name of the link a scenario refers to (a host's NIC or a pair).
  std::string link_name(const LinkRef& ref) const;
  // Latency and bandwidth of a link, its class's default or the scenario's override.
  const LinkSpec& link_spec(const std::string& name) const { return specs_.at(name); }

private:
  void add_link(const std::string& a, const std::string& b, TopologyLink link);

  TopologySpec spec_;
  TopologyGraph graph_;
  std::map<std::string, TopologyGraph::vertex_descriptor> vertices_;
  std::map<std::pair<std::string, std::string>, std::string> pair_links_;
  std::map<std::string, LinkSpec> specs_;
  std::map<std::string, std::string> first_datacenter_;  // region -> its first datacenter
};

} // namespace halab
