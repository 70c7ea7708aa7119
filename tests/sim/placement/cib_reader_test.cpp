#include "sim/placement/state_reader.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

const std::string kConfiguration =
    "<configuration><crm_config/><nodes><node id=\"1\" uname=\"a\"/><node id=\"2\" uname=\"b\"/></nodes>"
    "<resources><primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources>"
    "<constraints/></configuration>";

std::string node_state(const std::string& id, const std::string& uname, const std::string& ops) {
  return "<node_state id=\"" + id + "\" uname=\"" + uname +
         "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"" + id +
         "\"><lrm_resources><lrm_resource id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" + ops +
         "</lrm_resource></lrm_resources></lrm></node_state>";
}

std::string op(const std::string& task, int call_id, int rc) {
  return "<lrm_rsc_op id=\"r_" + task + "\" operation=\"" + task + "\" call-id=\"" + std::to_string(call_id) +
         "\" rc-code=\"" + std::to_string(rc) + "\" interval=\"0\"/>";
}

TEST(CibReader, ReadsEachNodesHistoryFromTheStatusSection) {
  // A status section before the configuration is read the same way.
  const std::string status = "<status>" + node_state("1", "a", op("monitor", 1, 7)) +
                             node_state("2", "b", op("monitor", 1, 7) + op("start", 4, 0)) + "<tickets/></status>";
  for (const std::string& doc : {"<cib>" + kConfiguration + status + "</cib>", "<cib>" + status + kConfiguration + "</cib>"}) {
    Diagnostics diag("t.xml");
    const auto state = read_cluster_state_cib(doc, diag);
    ASSERT_TRUE(state) << (diag.empty() ? "" : diag.errors().front().to_string());
    ASSERT_EQ(state->active.size(), 1u);
    EXPECT_EQ(state->active[0].rsc, "r");
    EXPECT_EQ(state->active[0].node, "b");
    EXPECT_EQ(state->nodes[0].state, placement::NodeState::online);
  }
}

TEST(CibReader, PlacesAnXmlErrorAtItsOffsetInTheFile) {
  const std::string before = "<cib>" + kConfiguration + "<status>" + node_state("1", "a", op("start", 2, 0)) + "</status>";
  for (const std::string& tail : {std::string("<oops></cib>"), std::string("</cib><x>")}) {
    Diagnostics diag("t.xml");
    EXPECT_FALSE(read_cluster_state_cib(before + tail, diag));
    ASSERT_EQ(diag.errors().size(), 1u);
    const std::string message = diag.errors().front().to_string();
    EXPECT_NE(message.find("not valid XML"), std::string::npos) << message;
    // pugixml points at or just past the bad tag: never inside the removed status.
    const auto at = std::stoul(message.substr(message.rfind(' ') + 1));
    EXPECT_GE(at, before.size()) << message;
    EXPECT_LE(at, before.size() + tail.size()) << message;
  }
  Diagnostics diag("t.xml");
  EXPECT_FALSE(read_cluster_state_cib(before.substr(0, before.size() - 20), diag));
  EXPECT_NE(diag.errors().front().to_string().find("unexpected end of document"), std::string::npos);
  Diagnostics in_status("t.xml");
  const std::string broken = "<cib>" + kConfiguration + "<status><node_state id=\"1\"><lrm></x></node_state></status></cib>";
  EXPECT_FALSE(read_cluster_state_cib(broken, in_status));
  const std::string message = in_status.errors().front().to_string();
  const auto at = std::stoul(message.substr(message.rfind(' ') + 1));
  EXPECT_GE(at, broken.find("</x>")) << message;
  EXPECT_LE(at, broken.find("</node_state>")) << message;
}

}  // namespace
}  // namespace halab
