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
      host_names(s.all_hosts()), network(hosts_of(platform, host_names), run_seed),
      storage(s.cluster.storage.epochs),
      fence_rng(Rng::stream(run_seed, "fencing")) {
  for (HostId h = 0; h < host_names.size(); ++h) host_ids[host_names[h]] = h;
  member_index.assign(host_names.size(), kNotAMember);
  for (const auto& m : s.cluster.members) {
    member_index[id(m.name)] = member_hosts.size();
    member_hosts.push_back(id(m.name));
  }
  member_actors.resize(member_hosts.size());
  incarnations.assign(member_hosts.size(), 0);
  crashes.assign(member_hosts.size(), 0);
  started_s.assign(member_hosts.size(), 0);
  check_failing.assign(member_hosts.size(), std::vector<char>(s.cluster.vrrp.scripts.size(), 0));
  known_epochs.assign(member_hosts.size(), 0);
  const auto& device = s.cluster.quorum.device;
  if (s.cluster.quorum.enabled && device && device->kind == QuorumDeviceSpec::Kind::disk)
    quorum_disk = std::make_unique<QuorumDisk>(member_hosts.size(), device->disk_timeout);
  if (s.cluster.quorum.enabled && device && device->kind == QuorumDeviceSpec::Kind::qnetd) {
    qnetd = std::make_unique<Qnetd>(device->qnetd);
    qnetd_views.assign(member_hosts.size(), std::vector<bool>(member_hosts.size(), false));
    for (std::size_t m = 0; m < member_hosts.size(); ++m) qnetd_views[m][m] = true;
  }
}

} // namespace halab
