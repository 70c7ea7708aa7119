// Everything the processes and actors of one run share. One per OS process (SimGrid runs
// one engine per OS process), owned by the simulation driver and handed out by reference.
#pragma once

#include "models/cache/zipf_keys.hpp"
#include "models/dns/dns_round_robin.hpp"
#include "sim/net/network.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/platform/topology.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/service/service_run.hpp"
#include "sim/stack/tier_run.hpp"
#include "sim/trace/trace.hpp"

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
  // The run's services, in the scenario's order: each a cluster serving its floating IP.
  std::vector<std::unique_ptr<ServiceRun>> services;

  // DNS round robin over services' floating IPs (/dns): its answers, and the service of
  // each record.
  std::optional<DnsRoundRobin> dns;
  std::vector<ServiceRun*> dns_records;

  // The request path's tiers, in /stack/tiers order (none without a stack).
  std::vector<std::unique_ptr<TierRun>> tiers;

  // The keys requests touch (/workload/keys), and the key of the client request `origin`:
  // drawn from its identity, so that every tier finds the same one.
  std::optional<ZipfKeys> keys;
  std::uint64_t key_of(std::uint64_t origin) const;

  // Per host: the crash faults (its own, its site's) that have it down and are not over. A
  // failure process may crash a host whose site is down, or cut a site with a host down:
  // the host comes back when the last of them ends.
  std::vector<unsigned> crashes_pending;

  // The clients' processes, one per client host.
  std::vector<std::unique_ptr<ProcessLoop>> clients;

  // The service `h` is a member of, or nullptr; the service of that name (it exists).
  ServiceRun* service_of(HostId h);
  ServiceRun& service_named(const std::string& name);
  // The tier of that name (the loader checked it exists); the tier running on `h`, or nullptr.
  const TierRun* tier_named(const std::string& name) const;
  TierRun* tier_on(HostId h);
  // Where clients send requests on host `h`: the entry tier's endpoint with a stack, else
  // the host's own (its cluster member answers).
  Endpoint entry_endpoint(HostId h) const;

  const std::string& name(HostId h) const { return host_names[h]; }
  // Where in the heartbeat interval a host's process sends, drawn from the seed: nodes
  // boot at unrelated moments, which decides who notices a failure first.
  double heartbeat_phase(HostId h) const { return Rng::stream(seed, "phase:" + name(h)).uniform01(); }
  HostId id(const std::string& host) const { return host_ids.at(host); }
};

} // namespace halab
