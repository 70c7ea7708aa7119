#include "sim/stack/tier_run.hpp"

#include <algorithm>

namespace halab {

TierRun::TierRun(const TierSpec& s, std::size_t i, Network& network, const std::function<HostId(const std::string&)>& host_id)
    : spec(s), index(i) {
  for (const auto& name : s.hosts) {
    hosts.push_back(host_id(name));
    endpoints.push_back(network.open_endpoint(hosts.back()));
  }
  actors.resize(hosts.size());
  incarnations.assign(hosts.size(), 0);
  hung.assign(hosts.size(), 0);
  slow.assign(hosts.size(), 1.0);
  stats.resize(hosts.size());
}

bool TierStats::empty() const {
  return requests == 0 && ok == 0 && retried == 0 && degraded == 0 && std::all_of(failed.begin(), failed.end(), [](std::uint64_t n) { return n == 0; });
}

std::size_t TierRun::instance_on(HostId h) const {
  auto it = std::find(hosts.begin(), hosts.end(), h);
  return it == hosts.end() ? kNone : static_cast<std::size_t>(it - hosts.begin());
}

}  // namespace halab
