#include "sim/platform/topology.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {
TopologySpec two_regions() {
  TopologySpec t;
  t.regions = {{"eu", {{"dc1", {"a", "b"}}, {"dc2", {"c"}}}}, {"us", {{"dc3", {"d"}}}}};
  t.host_link.latency = Duration::micros(100);
  t.metro_link.latency = Duration::millis(1);
  t.wan_link.latency = Duration::millis(40);
  return t;
}
} // namespace

TEST(Topology, GraphHasHostsGatewaysAndLinks) {
  Topology topo(two_regions());
  EXPECT_EQ(boost::num_vertices(topo.graph()), 7u);  // 4 hosts + 3 gateways
  EXPECT_EQ(boost::num_edges(topo.graph()), 6u);     // 4 NICs + 1 metro + 1 WAN
  EXPECT_EQ(topo.link_between("dc2", "dc1"), "metro:dc1|dc2");
  EXPECT_EQ(topo.link_between("us", "eu"), "wan:eu|us");
  EXPECT_EQ(topo.link_between("dc1", "dc3"), "");
}

TEST(Topology, PathLatencies) {
  Topology topo(two_regions());
  EXPECT_NEAR(topo.path_latency("a", "b").to_seconds(), 200e-6, 1e-12);
  EXPECT_NEAR(topo.path_latency("a", "c").to_seconds(), 200e-6 + 1e-3, 1e-12);
  EXPECT_NEAR(topo.path_latency("c", "d").to_seconds(), 200e-6 + 1e-3 + 40e-3, 1e-12);
}

TEST(Topology, OverridesReplaceTheClassDefault) {
  TopologySpec t = two_regions();
  t.overrides.push_back({{"", std::pair<std::string, std::string>{"dc1", "dc2"}}, Duration::millis(7), std::nullopt});
  t.overrides.push_back({{"c", std::nullopt}, std::nullopt, 1e6});
  Topology topo(t);
  EXPECT_EQ(topo.link_spec("metro:dc1|dc2").latency, Duration::millis(7));
  EXPECT_DOUBLE_EQ(topo.link_spec("metro:dc1|dc2").bandwidth_bytes_per_s, t.metro_link.bandwidth_bytes_per_s);
  EXPECT_DOUBLE_EQ(topo.link_spec("nic:c").bandwidth_bytes_per_s, 1e6);
  EXPECT_NEAR(topo.path_latency("a", "c").to_seconds(), 200e-6 + 7e-3, 1e-12);
}

} // namespace halab
