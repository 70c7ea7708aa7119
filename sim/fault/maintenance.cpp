#include "sim/fault/maintenance.hpp"

namespace halab {

std::vector<FaultSpec> maintenance_stops(const Scenario& scenario) {
  std::vector<FaultSpec> out;
  const Instant end = Instant() + scenario.duration;
  for (const MaintenanceSpec& m : scenario.maintenance) {
    for (Instant period = m.start; period < end; period = period + *m.every) {
      for (std::size_t h = 0; h < m.hosts.size(); ++h) {
        FaultSpec stop;
        stop.kind = FaultSpec::Kind::stop;
        stop.planned = true;
        stop.host = m.hosts[h];
        stop.tier_process = m.tier_process[h];
        stop.at = period + m.duration * static_cast<double>(h);
        if (stop.at >= end) break;
        if (stop.at + m.duration < end) stop.until = stop.at + m.duration;
        out.push_back(std::move(stop));
      }
      if (!m.every) break;
    }
  }
  return out;
}

}  // namespace halab
