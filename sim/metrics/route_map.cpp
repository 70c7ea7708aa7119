#include "sim/metrics/route_map.hpp"

#include "sim/platform/link_names.hpp"

namespace halab {
namespace {
std::string find_or_empty(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}
} // namespace

void RouteMap::read(const TraceEvent& run_start) {
  for (const auto& r : run_start.value("regions", TraceEvent::array())) {
    const std::string region = r["name"].get<std::string>();
    for (const auto& d : r["datacenters"]) {
      first_dc_.emplace(region, d["name"].get<std::string>());
      for (const auto& h : d["hosts"]) {
        datacenter_[h.get<std::string>()] = d["name"].get<std::string>();
        region_[h.get<std::string>()] = region;
      }
    }
  }
}

std::string RouteMap::datacenter(const std::string& host) const { return find_or_empty(datacenter_, host); }
std::string RouteMap::region(const std::string& host) const { return find_or_empty(region_, host); }
std::string RouteMap::first_datacenter(const std::string& region) const { return find_or_empty(first_dc_, region); }

bool RouteMap::on_route(const std::string& link, const std::string& a, const std::string& b) const {
  if (link == nic_link_name(a) || link == nic_link_name(b)) return true;
  const std::string da = datacenter(a), db = datacenter(b), ra = region(a), rb = region(b);
  if (da.empty() || db.empty() || da == db) return false;
  if (ra == rb) return link == metro_link_name(da, db);
  const std::string fa = first_datacenter(ra), fb = first_datacenter(rb);
  return link == wan_link_name(ra, rb) || (fa != da && link == metro_link_name(da, fa)) ||
         (fb != db && link == metro_link_name(db, fb));
}

} // namespace halab
