#include "tests/sim/placement/random_cib.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace halab::testing {
namespace {

// splitmix64: the same stream on every platform.
class Rand {
 public:
  explicit Rand(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(below(static_cast<int>(v.size())))]; }

 private:
  std::uint64_t state_;
};

struct Rsc {
  std::string id;        // top-level id
  std::string kind;      // primitive, group, clone, promotable
  std::vector<std::string> prims;  // primitives (group members, or the cloned primitive)
};

std::string op(const std::string& rsc, const std::string& node, const std::string& task, int interval, int rc, int call) {
  return fmt::format(
      "<lrm_rsc_op id=\"{0}_{2}_{3}\" operation_key=\"{0}_{2}_{3}\" operation=\"{2}\" crm-debug-origin=\"x\" "
      "crm_feature_set=\"3.16.1\" transition-key=\"{5}:1:0:00000000-0000-0000-0000-000000000000\" "
      "transition-magic=\"0:{4};{5}:1:0:00000000-0000-0000-0000-000000000000\" exit-reason=\"\" on_node=\"{1}\" "
      "call-id=\"{5}\" rc-code=\"{4}\" op-status=\"0\" interval=\"{3}\" last-rc-change=\"1\" exec-time=\"1\" "
      "queue-time=\"0\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>",
      rsc, node, task, interval, rc, call);
}

}  // namespace

std::string random_cib(std::uint64_t seed, bool large) {
  Rand r(seed);
  const int node_count = large ? 4 + r.below(5) : 2 + r.below(4);
  std::vector<std::string> nodes, state;
  for (int i = 1; i <= node_count; ++i) {
    nodes.push_back("n" + std::to_string(i));
    const int roll = r.below(100);
    state.push_back(roll < 75 ? "online" : roll < 88 ? "standby" : "offline");
  }
  const std::vector<std::string> scores{"-INFINITY", "-100", "-10", "10", "50", "100", "200", "INFINITY"};
  const std::vector<std::string> stickiness{"0", "1", "50", "100", "200", "INFINITY"};

  std::string props = "<nvpair id=\"prop1\" name=\"stonith-enabled\" value=\"false\"/>";
  if (r.chance(15)) props += "<nvpair id=\"prop2\" name=\"symmetric-cluster\" value=\"false\"/>";
  std::string defaults;
  if (r.chance(50)) defaults = fmt::format("<rsc_defaults><meta_attributes id=\"d\"><nvpair id=\"d1\" name=\"resource-stickiness\" value=\"{}\"/></meta_attributes></rsc_defaults>", r.pick(stickiness));

  std::vector<Rsc> rscs;
  std::string resources;
  const int top = large ? 4 + r.below(7) : 2 + r.below(5);
  int meta_id = 0;
  auto meta = [&](bool clone) {
    std::string m;
    auto nv = [&](const std::string& k, const std::string& v) { m += fmt::format("<nvpair id=\"m{}\" name=\"{}\" value=\"{}\"/>", ++meta_id, k, v); };
    if (r.chance(20)) nv("priority", std::to_string(r.below(3) * 10));
    if (r.chance(25)) nv("resource-stickiness", r.pick(stickiness));
    if (r.chance(5)) nv("target-role", "Stopped");
    if (r.chance(20)) nv("migration-threshold", std::to_string(1 + r.below(3)));
    if (clone && r.chance(40)) nv("clone-max", std::to_string(1 + r.below(node_count)));
    if (clone && r.chance(20)) nv("clone-node-max", "2");
    return m.empty() ? std::string() : fmt::format("<meta_attributes id=\"ma{}\">{}</meta_attributes>", meta_id, m);
  };
  auto prim = [](const std::string& id) { return fmt::format("<primitive id=\"{}\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>", id); };
  for (int i = 0; i < top; ++i) {
    const int roll = r.below(100);
    Rsc x;
    if (roll < 60) {
      x = {"R" + std::to_string(i), "primitive", {"R" + std::to_string(i)}};
      resources += fmt::format("<primitive id=\"{}\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">{}</primitive>", x.id, meta(false));
    } else if (roll < 80) {
      x = {"G" + std::to_string(i), "group", {}};
      std::string members;
      const int n = 2 + r.below(2);
      for (int k = 0; k < n; ++k) {
        x.prims.push_back(x.id + "m" + std::to_string(k));
        members += prim(x.prims.back());
      }
      resources += fmt::format("<group id=\"{}\">{}{}</group>", x.id, meta(false), members);
    } else if (roll < 92) {
      x = {"C" + std::to_string(i), "clone", {"c" + std::to_string(i)}};
      resources += fmt::format("<clone id=\"{}\">{}{}</clone>", x.id, meta(true), prim(x.prims[0]));
    } else {
      x = {"P" + std::to_string(i), "promotable", {"p" + std::to_string(i)}};
      std::string m = meta(true);
      const std::string promotable = fmt::format("<nvpair id=\"m{}\" name=\"promotable\" value=\"true\"/>", ++meta_id);
      if (m.empty()) m = fmt::format("<meta_attributes id=\"ma{}\">{}</meta_attributes>", meta_id, promotable);
      else m.insert(m.find("</meta_attributes>"), promotable);
      resources += fmt::format("<clone id=\"{}\">{}{}</clone>", x.id, m, prim(x.prims[0]));
    }
    rscs.push_back(x);
  }

  std::string constraints;
  int cid = 0;
  const int locations = r.below(large ? 9 : 5);
  for (int i = 0; i < locations; ++i) {
    const Rsc& x = r.pick(rscs);
    const std::string target = x.kind == "group" && r.chance(30) ? r.pick(x.prims) : x.id;
    if (r.chance(20)) {
      constraints += fmt::format(
          "<rsc_location id=\"l{0}\" rsc=\"{1}\"><rule id=\"l{0}r\" score=\"{2}\"><expression id=\"l{0}e\" "
          "attribute=\"rack\" operation=\"eq\" value=\"{3}\"/></rule></rsc_location>",
          ++cid, target, r.pick(scores), r.chance(50) ? "a" : "b");
    } else {
      constraints += fmt::format("<rsc_location id=\"l{}\" rsc=\"{}\" node=\"{}\" score=\"{}\"/>", ++cid, target, r.pick(nodes), r.pick(scores));
    }
  }
  const int colocations = rscs.size() > 1 ? r.below(large ? 7 : 4) : 0;
  for (int i = 0; i < colocations; ++i) {
    const Rsc& a = r.pick(rscs);
    const Rsc& b = r.pick(rscs);
    if (a.id == b.id) continue;
    std::string roles;
    if (b.kind == "promotable" && r.chance(60)) roles += fmt::format(" with-rsc-role=\"{}\"", r.chance(70) ? "Promoted" : "Unpromoted");
    if (a.kind == "promotable" && r.chance(40)) roles += " rsc-role=\"Promoted\"";
    constraints += fmt::format("<rsc_colocation id=\"col{}\" rsc=\"{}\" with-rsc=\"{}\" score=\"{}\"{}/>", ++cid, a.id, b.id, r.pick(scores), roles);
  }
  const int orders = rscs.size() > 1 ? r.below(3) : 0;
  for (int i = 0; i < orders; ++i) {
    // first before then in configuration order: no ordering cycles
    const int x = r.below(static_cast<int>(rscs.size())), y = r.below(static_cast<int>(rscs.size()));
    if (x >= y) continue;
    const Rsc& a = rscs[static_cast<size_t>(x)];
    const Rsc& b = rscs[static_cast<size_t>(y)];
    constraints += fmt::format("<rsc_order id=\"ord{}\" first=\"{}\" then=\"{}\" kind=\"{}\"/>", ++cid, a.id, b.id, r.chance(70) ? "Mandatory" : "Optional");
  }

  // status: what runs where
  std::vector<std::string> lrm(nodes.size()), transient(nodes.size());
  int call = 10;
  auto running = [&](const std::string& rsc, size_t n) {
    std::string ops = op(rsc, nodes[n], "start", 0, 0, ++call);
    if (r.chance(10)) ops += op(rsc, nodes[n], "monitor", 10000, 7, ++call);  // a failed monitor
    lrm[n] += fmt::format("<lrm_resource id=\"{}\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">{}</lrm_resource>", rsc, ops);
    if (r.chance(15)) transient[n] += fmt::format("<nvpair id=\"f{}\" name=\"fail-count-{}#monitor_10000\" value=\"{}\"/>", ++call, rsc, 1 + r.below(3));
  };
  std::vector<size_t> up;
  for (size_t n = 0; n < nodes.size(); ++n) {
    if (state[n] != "offline") up.push_back(n);
  }
  for (const Rsc& x : rscs) {
    if (up.empty() || !r.chance(55)) continue;
    if (x.kind == "clone" || x.kind == "promotable") {
      for (size_t n : up) {
        if (r.chance(60)) running(x.prims[0], n);
      }
    } else {
      const size_t n = up[static_cast<size_t>(r.below(static_cast<int>(up.size())))];
      for (const std::string& p : x.prims) running(p, n);
    }
  }

  // promotion scores, as the agents of promotable resources set them
  for (const Rsc& x : rscs) {
    if (x.kind != "promotable") continue;
    for (size_t n : up) {
      if (r.chance(70)) transient[n] += fmt::format("<nvpair id=\"pm{}\" name=\"master-{}\" value=\"{}\"/>", ++call, x.prims[0], r.below(4) * 5);
    }
  }
  std::string node_xml, status_xml;
  for (size_t n = 0; n < nodes.size(); ++n) {
    std::string attrs = fmt::format("<nvpair id=\"a{0}r\" name=\"rack\" value=\"{1}\"/>", n, n % 2 ? "b" : "a");
    if (state[n] == "standby") attrs += fmt::format("<nvpair id=\"a{0}s\" name=\"standby\" value=\"on\"/>", n);
    node_xml += fmt::format("<node id=\"{0}\" uname=\"{1}\"><instance_attributes id=\"na{0}\">{2}</instance_attributes></node>", n + 1, nodes[n], attrs);
    const bool online = state[n] != "offline";
    status_xml += fmt::format(
        "<node_state id=\"{0}\" uname=\"{1}\" in_ccm=\"{2}\" crmd=\"{3}\" join=\"{4}\" expected=\"{4}\">"
        "<transient_attributes id=\"{0}\"><instance_attributes id=\"ta{0}\">{5}</instance_attributes></transient_attributes>"
        "<lrm id=\"{0}\"><lrm_resources>{6}</lrm_resources></lrm></node_state>",
        n + 1, nodes[n], online ? "true" : "false", online ? "online" : "offline", online ? "member" : "down",
        transient[n], online ? lrm[n] : "");
  }
  return fmt::format(
      "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\" execution-date=\"1000\">"
      "<configuration><crm_config><cluster_property_set id=\"o\">{}</cluster_property_set></crm_config>"
      "<nodes>{}</nodes><resources>{}</resources><constraints>{}</constraints>{}</configuration>"
      "<status>{}</status></cib>\n",
      props, node_xml, resources, constraints, defaults, status_xml);
}

}  // namespace halab::testing
