// One service's state during a run: its spec and kind, its members' processes, and what
// they share or what outlives one process (incarnations, epochs on disk) — the floating
// IP, the shared storage, the quorum device, the fence device's state, the CRM's DC terms.
// The run holds one per service (RunContext::services); a member process keeps a
// reference to its own.
#pragma once

#include "models/failover/floating_ip.hpp"
#include "models/quorum/qnetd.hpp"
#include "models/quorum/quorum_disk.hpp"
#include "models/rng.hpp"
#include "models/storage/shared_storage.hpp"
#include "sim/cluster/swim_tally.hpp"
#include "sim/net/message.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/service/process_loop.hpp"
#include "sim/service/service_kind.hpp"
#include "sim/trace/trace.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace halab {

struct ServiceRun {
  static constexpr std::size_t kNotAMember = static_cast<std::size_t>(-1);

  // Service `index` of the scenario; `host_id` names every host of the run; `host_count`
  // is how many there are.
  ServiceRun(const ServiceSpec& service, std::size_t index, const std::function<HostId(const std::string&)>& host_id,
             std::size_t host_count, std::uint64_t seed);

  const ClusterSpec& spec;     // service.cluster
  const ServiceSpec& service;  // its name and floating IP
  const ServiceKind& kind;
  FloatingIp<HostId> vip;
  std::vector<HostId> member_hosts;       // member index -> HostId
  std::vector<std::size_t> member_index;  // HostId -> member index, or kNotAMember
  std::vector<std::unique_ptr<ProcessLoop>> member_processes;  // per member: its process, if it runs one
  std::vector<std::uint32_t> incarnations;
  std::vector<std::uint32_t> crashes;  // per member: how often its process died (a pending reboot checks it)
  std::vector<double> started_s;       // when each member's current process started (its uptime)

  // keepalived: per member, per vrrp script, whether a check-fail fault makes it fail now.
  std::vector<std::vector<char>> check_failing;

  // pacemaker: what its members share.
  SharedStorage storage;
  std::unique_ptr<QuorumDisk> quorum_disk;     // set when the quorum device is a disk
  std::unique_ptr<Qnetd> qnetd;                // set when the quorum device is corosync-qnetd
  std::vector<std::vector<bool>> qnetd_views;  // per member: the view its qdevice last reported
  bool fence_device_failing = false;           // a fence-device-failure fault is active
  std::vector<std::uint64_t> known_epochs;     // per member, kept across its restarts (its CIB on disk)
  Rng fence_rng;
  std::uint64_t crm_terms = 0;  // the CRM: DC terms handed out so far (each election starts one)

  // memberlist, zookeeper: what its members' views hold, per member of the group (set when
  // its first process starts).
  std::unique_ptr<SwimTally> swim_tally;
  bool registry_quorum_lost = false;  // zookeeper: its leader's lost quorum was reported
  // The tally of the group (the members before the ensemble), its events in `trace`; made
  // when first asked for.
  SwimTally& group_tally(Trace& trace, const std::vector<std::string>& host_names);

  bool is_member(HostId h) const { return member_index[h] != kNotAMember; }
  // Member `m`'s process is alive (not crashed, not stopped).
  bool running(std::size_t m) const { return member_processes[m] && !member_processes[m]->ended(); }
  // A trace event about this service: its fields and the service's name.
  void emit(Trace& trace, double t, std::string_view type, TraceEvent fields) const {
    fields["service"] = service.name;
    trace.emit(t, type, std::move(fields));
  }
};

}  // namespace halab
