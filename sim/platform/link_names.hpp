// The names by which faults and traces refer to links: "nic:HOST", "metro:A|B", "wan:A|B"
// (A < B). Shared by the platform (sim/platform/topology) and the metrics that read traces.
#pragma once

#include <algorithm>
#include <string>

namespace halab {

inline std::string nic_link_name(const std::string& host) { return "nic:" + host; }
inline std::string metro_link_name(const std::string& a, const std::string& b) {
  return "metro:" + std::min(a, b) + "|" + std::max(a, b);
}
inline std::string wan_link_name(const std::string& a, const std::string& b) {
  return "wan:" + std::min(a, b) + "|" + std::max(a, b);
}

} // namespace halab
