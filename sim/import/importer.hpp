// `halab import KIND FILE…`: real daemons' configurations as scenario skeletons — a
// complete scenario (it loads and runs) whose imported part is the configuration and whose
// rest (topology, clients, workload) is a placeholder to edit, with no faults yet.
//   cib         a Pacemaker CIB (cibadmin --query) as a pacemaker cluster with a `crm`
//               section (the CIB reader of `halab place`);
//   keepalived  one keepalived.conf per member (vrrp_instance, vrrp_script, global_defs);
//   sentinel    sentinel.conf (sentinel monitor and its settings, known replicas and
//               Sentinels) as a Redis cache tier watched by Sentinels;
//   nginx       nginx.conf's upstream block (servers, weight, max_fails, fail_timeout,
//               backup, max_conns, the balancing method) and proxy_next_upstream_*.
// Every directive is either carried over, or named in a note (file:line, and why it does
// not matter to the simulation or is not modelled); a bad value or an unknown directive is
// an error (file:line, what was expected, what was found).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace halab {

struct ImportResult {
  nlohmann::ordered_json scenario;
  std::vector<std::string> notes;   // "FILE:LINE: …" what was not carried over, and why
  std::vector<std::string> errors;  // "FILE:LINE: …"
};

// The kinds `halab import` knows.
const std::vector<std::string>& import_kinds();
ImportResult import_config(const std::string& kind, const std::vector<std::string>& files);

ImportResult import_cib(const std::vector<std::string>& files);
ImportResult import_keepalived(const std::vector<std::string>& files);
ImportResult import_sentinel(const std::vector<std::string>& files);
ImportResult import_nginx(const std::vector<std::string>& files);

// The parts every skeleton shares: version, name, description, a seed, one datacenter
// holding `hosts` and the clients, clients that call the service, no faults.
nlohmann::ordered_json scenario_skeleton(const std::string& name, const std::string& description,
                                         const std::vector<std::string>& hosts, const std::vector<std::string>& clients);

// The parts after the imported ones: clients calling `target` (the only service if ""),
// ten requests a second each from 5 s; no faults; no expectations.
void finish_skeleton(nlohmann::ordered_json& scenario, const std::vector<std::string>& clients, const std::string& target);

}  // namespace halab
