// The reader of a scenario document (docs/scenario-reference.md): each section read into
// the Scenario with every error found reported at its JSON pointer. Shared by the loader
// (sim/scenario/loader.cpp: topology, services, DNS, workload) and the fault reader
// (sim/scenario/fault_reader.cpp); nothing else uses it.
#pragma once

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace halab {

class ScenarioReader {
public:
  explicit ScenarioReader(Diagnostics& diag) : diag_(diag) {}

  std::optional<Scenario> read(const nlohmann::json& doc);

private:
  void read_topology(const Fields& f, Scenario& s);
  void read_regions(const Fields& f, Scenario& s);
  void read_links(const nlohmann::json& v, const std::string& ptr, TopologySpec& t);
  void read_link(const Fields& links, std::string_view key, LinkSpec& out);
  void read_services(const Fields& f, Scenario& s);
  void read_cluster(const Fields& f, ServiceSpec& service);
  void read_service(const Fields& f, ServiceSpec& service);
  void check_service_ip(const Fields& f, const ServiceSpec& service);
  void read_dns(const Fields& f, Scenario& s);
  void read_workload(const Fields& f, Scenario& s);
  void read_faults(const Fields& f, Scenario& s);
  std::optional<FaultSpec> read_fault(const nlohmann::json& v, const std::string& ptr, const Scenario& s);
  void read_stop_fault(const Fields& f, FaultSpec& fault);
  void read_failures(const Fields& f, Scenario& s);
  void read_maintenance(const Fields& f, Scenario& s);
  std::optional<LinkRef> read_link_ref(const nlohmann::json& v, const std::string& ptr);
  void check_fault_overlaps(const Scenario& s);
  // What two faults that may not overlap share ("down:n1", "disk:db1", "table:orders", …;
  // "" when nothing forbids overlaps).
  static std::string overlap_key(const FaultSpec& f);
  void check_time(const std::string& ptr, Instant t, const Scenario& s);
  void check_script_targets(const Fields& f, const Scenario& s);

  bool known_host(const std::string& name) const { return host_site_.count(name) > 0; }
  void check_host(const std::string& ptr, const std::string& name, const nlohmann::json& found);

  Diagnostics& diag_;
  Duration run_;  // the run's duration, once read
  std::map<std::string, std::string> host_site_;  // host -> datacenter
  std::map<std::string, std::string> datacenter_region_;
  std::set<std::string> regions_;
  std::map<std::string, std::string> members_;  // member host -> its service's name
  std::set<std::string> tier_hosts_;  // hosts running a tier of /stack
  std::set<std::string> director_hosts_;  // of those, LVS directors
  std::set<std::string> database_hosts_;  // of those, databases
  std::vector<std::string> fault_ptrs_;
  std::map<std::string, std::string> site_process_;  // site -> pointer of its failure process
};

}  // namespace halab
