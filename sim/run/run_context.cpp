#include "sim/run/run_context.hpp"

namespace halab {
namespace {
std::vector<simgrid::s4u::Host*> hosts_of(const Platform& platform, const std::vector<std::string>& names) {
  std::vector<simgrid::s4u::Host*> out;
  for (const auto& n : names) out.push_back(platform.host(n));
  return out;
}
} // namespace

RunContext::RunContext(const Scenario& s, std::uint64_t run_seed, Trace& run_trace)
    : scenario(s), seed(run_seed), trace(run_trace), topology(s.topology), platform(topology),
      host_names(s.all_hosts()), network(hosts_of(platform, host_names), run_seed) {
  for (HostId h = 0; h < host_names.size(); ++h) host_ids[host_names[h]] = h;
  services.push_back(std::make_unique<ServiceRun>(
      s.cluster, s.service, [this](const std::string& host) { return id(host); }, host_names.size(), run_seed));
}

ServiceRun* RunContext::service_of(HostId h) {
  for (auto& s : services)
    if (s->is_member(h)) return s.get();
  return nullptr;
}

} // namespace halab
