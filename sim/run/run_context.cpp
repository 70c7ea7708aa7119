#include "sim/run/run_context.hpp"

#include <stdexcept>

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
  crashes_pending.assign(host_names.size(), 0);
  for (std::size_t i = 0; i < s.services.size(); ++i)
    services.push_back(std::make_unique<ServiceRun>(
        s.services[i], i, [this](const std::string& host) { return id(host); }, host_names.size(), run_seed));
  if (s.dns) {
    dns.emplace(s.dns->records.size(), s.dns->health_check ? s.dns->health_check->failure_threshold : 0);
    for (const auto& r : s.dns->records) dns_records.push_back(&service_named(r));
  }
  if (s.workload.key_count > 0) keys.emplace(s.workload.key_count, s.workload.zipf);
  if (s.stack)
    for (std::size_t i = 0; i < s.stack->tiers.size(); ++i)
      tiers.push_back(std::make_unique<TierRun>(s.stack->tiers[i], i, network,
                                                [this](const std::string& host) { return id(host); }));
}

std::uint64_t RunContext::key_of(std::uint64_t origin) const {
  const std::uint64_t bits = splitmix64(seed ^ splitmix64(origin));
  return keys->key(static_cast<double>(bits >> 11) * 0x1.0p-53);
}

const TierRun* RunContext::tier_named(const std::string& tier) const {
  for (const auto& t : tiers)
    if (t->spec.name == tier) return t.get();
  return nullptr;
}

TierRun* RunContext::tier_on(HostId h) {
  for (auto& t : tiers)
    if (t->instance_on(h) != TierRun::kNone) return t.get();
  return nullptr;
}

Endpoint RunContext::entry_endpoint(HostId h) const {
  if (tiers.empty()) return h;
  const TierRun& entry = *tiers.front();
  const std::size_t i = entry.instance_on(h);
  return i == TierRun::kNone ? h : entry.endpoints[i];
}

ServiceRun& RunContext::service_named(const std::string& name) {
  for (auto& s : services)
    if (s->service.name == name) return *s;
  throw std::logic_error("no service named " + name);  // the loader checked every name
}

ServiceRun* RunContext::service_of(HostId h) {
  for (auto& s : services)
    if (s->is_member(h)) return s.get();
  return nullptr;
}

} // namespace halab
