// Everything the actors of one run share. One per process (SimGrid runs one engine per
// process), owned by the simulation driver and handed to actors by reference.
#pragma once

#include "models/failover/floating_ip.hpp"
#include "sim/net/network.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/platform/topology.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

#include "models/quorum/qnetd.hpp"
#include "models/quorum/quorum_disk.hpp"
#include "models/storage/shared_storage.hpp"

#include <simgrid/s4u/Actor.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace halab {

struct RunContext {
  RunContext(const Scenario& s, std::uint64_t run_seed, Trace& run_trace);

  const Scenario& scenario;
  std::uint64_t seed;
  Trace& trace;
  Topology topology;
  Platform platform;
  std::vector<std::string> host_names;  // HostId -> name
  std::map<std::string, HostId> host_ids;
  Network network;
  FloatingIp<HostId> vip;
  static constexpr std::size_t kNotAMember = static_cast<std::size_t>(-1);
  std::vector<HostId> member_hosts;     // member index -> HostId
  std::vector<std::size_t> member_index;  // HostId -> member index, or kNotAMember
  std::vector<simgrid::s4u::ActorPtr> member_actors;
  std::vector<std::uint32_t> incarnations;
  std::vector<std::uint32_t> crashes;  // per member: how often its process died (a pending reboot checks it)
  std::vector<double> started_s;  // when each member's current process started (its uptime)
  // Starts a member's agent (of the scenario's manager) and records its actor.
  std::function<void(std::size_t)> spawn_member;

  // The keepalived manager: per member, per /cluster/vrrp/scripts entry, whether a
  // check-fail fault makes that script fail now.
  std::vector<std::vector<char>> check_failing;

  // The pacemaker manager's shared pieces.
  SharedStorage storage;
  std::unique_ptr<QuorumDisk> quorum_disk;  // set when the quorum device is a disk
  std::unique_ptr<Qnetd> qnetd;             // set when the quorum device is corosync-qnetd
  std::vector<std::vector<bool>> qnetd_views;  // per member: the view its qdevice last reported
  bool fence_device_failing = false;        // a fence-device-failure fault is active
  std::vector<std::uint64_t> known_epochs;  // per member, kept across its restarts (its CIB on disk)
  Rng fence_rng;
  std::uint64_t crm_terms = 0;  // the CRM: DC terms handed out so far (each election starts one)

  const std::string& name(HostId h) const { return host_names[h]; }
  // Where in the heartbeat interval a member's process sends, drawn from the seed: nodes
  // boot at unrelated moments, which decides who notices a failure first.
  double heartbeat_phase(std::size_t member) const {
    return Rng::stream(seed, "phase:" + name(member_hosts[member])).uniform01();
  }
  HostId id(const std::string& host) const { return host_ids.at(host); }
};

} // namespace halab
