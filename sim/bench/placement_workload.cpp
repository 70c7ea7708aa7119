#include "sim/bench/placement_workload.hpp"

#include "models/rng.hpp"

#include <fmt/format.h>

namespace halab {

std::string placement_workload_cib(int nodes, int primitives, std::uint64_t seed) {
  Rng rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng.next_u64() % static_cast<std::uint64_t>(n)); };
  const char* scores[] = {"-INFINITY", "-100", "10", "50", "100", "200", "INFINITY"};
  std::string node_xml, resources, constraints, status;
  std::vector<std::string> lrm(static_cast<size_t>(nodes));
  for (int r = 0; r < primitives; ++r) {
    resources += fmt::format("<primitive id=\"r{}\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>", r);
    constraints += fmt::format("<rsc_location id=\"l{0}\" rsc=\"r{0}\" node=\"n{1}\" score=\"{2}\"/>", r, below(nodes), scores[below(7)]);
    if (r % 4 == 3) {
      constraints += fmt::format("<rsc_colocation id=\"c{0}\" rsc=\"r{0}\" with-rsc=\"r{1}\" score=\"{2}\"/>", r, below(r), scores[below(7)]);
    }
    if (below(3) == 0) {
      const int n = below(nodes);
      lrm[static_cast<size_t>(n)] += fmt::format(
          "<lrm_resource id=\"r{0}\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><lrm_rsc_op id=\"r{0}_last_0\" "
          "operation_key=\"r{0}_start_0\" operation=\"start\" crm-debug-origin=\"x\" crm_feature_set=\"3.16.1\" "
          "transition-key=\"1:1:0:00000000-0000-0000-0000-000000000000\" "
          "transition-magic=\"0:0;1:1:0:00000000-0000-0000-0000-000000000000\" exit-reason=\"\" on_node=\"n{1}\" "
          "call-id=\"{2}\" rc-code=\"0\" op-status=\"0\" interval=\"0\" last-rc-change=\"1\" exec-time=\"1\" queue-time=\"0\" "
          "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>",
          r, n, r + 10);
    }
  }
  for (int n = 0; n < nodes; ++n) {
    node_xml += fmt::format("<node id=\"{0}\" uname=\"n{1}\"/>", n + 1, n);
    status += fmt::format(
        "<node_state id=\"{0}\" uname=\"n{1}\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">"
        "<lrm id=\"{0}\"><lrm_resources>{2}</lrm_resources></lrm></node_state>",
        n + 1, n, lrm[static_cast<size_t>(n)]);
  }
  return fmt::format(
      "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" "
      "have-quorum=\"1\" execution-date=\"1000\"><configuration><crm_config><cluster_property_set id=\"o\">"
      "<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
      "<nodes>{}</nodes><resources>{}</resources><constraints>{}</constraints>"
      "<rsc_defaults><meta_attributes id=\"d\"><nvpair id=\"d1\" name=\"resource-stickiness\" value=\"100\"/>"
      "</meta_attributes></rsc_defaults></configuration><status>{}</status></cib>\n",
      node_xml, resources, constraints, status);
}

}  // namespace halab
