// What a partition without quorum does with its resources: Pacemaker's
// `no-quorum-policy` cluster property (Pacemaker Explained, "Cluster Options"):
// - stop (the default): stop all resources in the partition;
// - freeze: keep what runs, but start or recover nothing;
// - ignore: carry on as if quorate (two-node clusters before two_node existed);
// - suicide (also called fence): fence every node of the partition — each node fences itself.
#pragma once

#include <optional>
#include <string_view>

namespace halab {

enum class NoQuorumPolicy { stop, freeze, ignore, suicide };

std::optional<NoQuorumPolicy> parse_no_quorum_policy(std::string_view text);

// May this node start or recover resources?
inline bool may_start_resources(bool quorate, NoQuorumPolicy p) {
  return quorate || p == NoQuorumPolicy::ignore;
}
// Must it stop the resources it runs?
inline bool must_stop_resources(bool quorate, NoQuorumPolicy p) {
  return !quorate && p == NoQuorumPolicy::stop;
}
// Must it fence itself?
inline bool must_self_fence(bool quorate, NoQuorumPolicy p) {
  return !quorate && p == NoQuorumPolicy::suicide;
}

} // namespace halab
