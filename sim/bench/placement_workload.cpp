#include "sim/bench/placement_workload.hpp"

#include "models/rng.hpp"

#include <fmt/format.h>

namespace halab {

namespace {

std::string lrm_resource(int r, int node, const char* operation, int rc, int call_id) {
  return fmt::format(
      "<lrm_resource id=\"r{0}\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><lrm_rsc_op id=\"r{0}_last_0\" "
      "operation_key=\"r{0}_{2}_0\" operation=\"{2}\" crm-debug-origin=\"x\" crm_feature_set=\"3.16.1\" "
      "transition-key=\"1:1:0:00000000-0000-0000-0000-000000000000\" "
      "transition-magic=\"0:{3};1:1:0:00000000-0000-0000-0000-000000000000\" exit-reason=\"\" on_node=\"n{1}\" "
      "call-id=\"{4}\" rc-code=\"{3}\" op-status=\"0\" interval=\"0\" last-rc-change=\"1\" exec-time=\"1\" queue-time=\"0\" "
      "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>",
      r, node, operation, rc, call_id);
}

}  // namespace

std::string placement_workload_cib(int nodes, int primitives, std::uint64_t seed, History history) {
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
    const int running_on = below(3) == 0 ? below(nodes) : -1;
    for (int n = 0; n < nodes; ++n) {
      if (n == running_on) lrm[static_cast<size_t>(n)] += lrm_resource(r, n, "start", 0, r + 10);
      else if (history == History::probed) lrm[static_cast<size_t>(n)] += lrm_resource(r, n, "monitor", 7, r + 10);
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
