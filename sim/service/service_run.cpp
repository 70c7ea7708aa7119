#include "sim/service/service_run.hpp"

namespace halab {

ServiceRun::ServiceRun(const ServiceSpec& svc, std::size_t index, const std::function<HostId(const std::string&)>& host_id,
                       std::size_t host_count, std::uint64_t seed)
    : spec(svc.cluster), service(svc), kind(*svc.cluster.kind), storage(svc.cluster.storage.epochs),
      // the first service's stream keeps the name it had when a run had one service
      fence_rng(Rng::stream(seed, index == 0 ? std::string("fencing") : "fencing:" + svc.name)) {
  const ClusterSpec& s = svc.cluster;
  member_index.assign(host_count, kNotAMember);
  for (const auto& m : s.members) {
    member_index[host_id(m.name)] = member_hosts.size();
    member_hosts.push_back(host_id(m.name));
  }
  const std::size_t n = member_hosts.size();
  member_processes.resize(n);
  incarnations.assign(n, 0);
  crashes.assign(n, 0);
  started_s.assign(n, 0);
  check_failing.assign(n, std::vector<char>(s.vrrp.scripts.size(), 0));
  known_epochs.assign(n, 0);
  const auto& device = s.quorum.device;
  if (s.quorum.enabled && device && device->kind == QuorumDeviceSpec::Kind::disk)
    quorum_disk = std::make_unique<QuorumDisk>(n, device->disk_timeout);
  if (s.quorum.enabled && device && device->kind == QuorumDeviceSpec::Kind::qnetd) {
    qnetd = std::make_unique<Qnetd>(device->qnetd);
    qnetd_views.assign(n, std::vector<bool>(n, false));
    for (std::size_t m = 0; m < n; ++m) qnetd_views[m][m] = true;
  }
}

SwimTally& ServiceRun::group_tally(Trace& trace, const std::vector<std::string>& host_names) {
  if (!swim_tally) {
    std::vector<std::string> names;
    for (std::size_t m = 0; m < spec.group_size(); ++m) names.push_back(host_names[member_hosts[m]]);
    swim_tally = std::make_unique<SwimTally>(
        std::move(names), [this, &trace](double t, std::string_view type, TraceEvent fields) { emit(trace, t, type, std::move(fields)); });
  }
  return *swim_tally;
}

}  // namespace halab
