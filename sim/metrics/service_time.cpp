#include "sim/metrics/service_time.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>
#include <limits>

namespace halab {

std::optional<double> ServedFigures::availability() const {
  if (requests == 0) return std::nullopt;
  return static_cast<double>(requests - failed) / static_cast<double>(requests);
}

std::optional<double> ServedFigures::time_availability() const {
  if (window_s <= 0) return std::nullopt;
  return served_s / window_s;
}

bool ServiceTime::cut(const std::string& from, const std::string& to) const {
  for (const auto& [fault, p] : partitions_) {
    int gf = -1, gt = -1;
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
      if (std::find(p.groups[g].begin(), p.groups[g].end(), from) != p.groups[g].end()) gf = static_cast<int>(g);
      if (std::find(p.groups[g].begin(), p.groups[g].end(), to) != p.groups[g].end()) gt = static_cast<int>(g);
    }
    if (gf >= 0 && gt >= 0 && gf != gt && (!p.one_way || gf == 0)) return true;
  }
  for (const auto& link : links_down_)
    if (routes_.on_route(link, from, to)) return true;
  return false;
}

bool ServiceTime::served(const std::string& client) const {
  auto c = client_ip_.find(client);
  if (c == client_ip_.end() && counted_from_.count(client)) return false;  // not resolved yet
  auto it = ips_.find(c == client_ip_.end() ? vip_ : c->second);
  if (it == ips_.end()) it = ips_.find("");  // a trace whose IP events do not name the IP
  if (it == ips_.end()) return false;
  const FloatingIp<std::string>& ip = it->second;
  const auto& owner = ip.arp_owner();
  if (!owner || !ip.holds(*owner) || paused_.count(*owner)) return false;
  return !cut(client, *owner) && !cut(*owner, client);
}

void ServiceTime::update(double t) {
  if (!started_) return;
  for (auto& [client, since] : served_since_) {
    bool now = served(client);
    if (now && !since) since = t;
    if (!now && since) {
      clients_[client].served_s += t - *since;
      since.reset();
    }
  }
}

void ServiceTime::observe(const TraceEvent& e) {
  const std::string& ev = e["ev"].get_ref<const std::string&>();
  const double t = e["t"].get<double>();
  if (ev == event::run_start) {
    routes_.read(e);
    vip_ = e.value("vip", "");
    const bool dns = e.contains("dns");
    for (const auto& c : e.value("clients", TraceEvent::array())) {
      clients_[c.get<std::string>()];
      served_since_[c.get<std::string>()];
      if (dns) counted_from_[c.get<std::string>()] = std::numeric_limits<double>::infinity();
    }
    return;
  }
  if (ev == event::dns_resolve) {
    const std::string client = e["client"].get<std::string>();
    client_ip_[client] = e["ip"].get<std::string>();
    double& from = counted_from_[client];
    from = std::min(from, t);
    update(t);
    return;
  }
  if (ev == event::request) {
    auto it = clients_.find(e["client"].get<std::string>());
    if (it == clients_.end()) return;
    ++it->second.requests;
    if (e["outcome"] != "ok") ++it->second.failed;
    return;
  }
  if (ev == event::run_end) {
    update(t);
    for (auto& [client, since] : served_since_) {
      if (since) clients_[client].served_s += t - *since;
      since.reset();
      double from = started_.value_or(t);
      if (auto it = counted_from_.find(client); it != counted_from_.end()) from = std::max(from, std::min(it->second, t));
      if (started_) clients_[client].window_s = t - from;
    }
    return;
  }
  if (ev == event::ip_take) {
    FloatingIp<std::string>& ip = ips_[e.value("ip", "")];
    if (e.value("announced", true)) ip.take(e["node"].get<std::string>());
    else ip.bind(e["node"].get<std::string>());
    if (!started_) started_ = t;
  } else if (ev == event::ip_arp) {
    ips_[e.value("ip", "")].announce(e["node"].get<std::string>());
  } else if (ev == event::ip_release) {
    FloatingIp<std::string>& ip = ips_[e.value("ip", "")];
    if (e.value("reason", "") == kCrashReason) ip.crashed(e["node"].get<std::string>());
    else ip.release(e["node"].get<std::string>());
  } else if (ev == event::fault_pause) {
    paused_.insert(e["host"].get<std::string>());
  } else if (ev == event::fault_resume) {
    paused_.erase(e["host"].get<std::string>());
  } else if (ev == event::fault_partition) {
    partitions_[e.value("fault", -1)] = {e["groups"].get<std::vector<std::vector<std::string>>>(), e.value("one_way", false)};
  } else if (ev == event::fault_heal) {
    partitions_.erase(e.value("fault", -1));
  } else if (ev == event::fault_link_down) {
    links_down_.insert(e["link"].get<std::string>());
  } else if (ev == event::fault_link_up) {
    if (auto it = links_down_.find(e["link"].get<std::string>()); it != links_down_.end()) links_down_.erase(it);
  } else {
    return;
  }
  update(t);
}

std::map<std::string, ServedFigures> ServiceTime::datacenters() const {
  std::map<std::string, ServedFigures> out;
  for (const auto& [client, f] : clients_) {
    ServedFigures& d = out[routes_.datacenter(client)];
    d.requests += f.requests;
    d.failed += f.failed;
    d.served_s += f.served_s;
    d.window_s += f.window_s;
  }
  return out;
}

std::optional<double> ServiceTime::time_availability() const {
  double sum = 0;
  std::size_t n = 0;
  for (const auto& [client, f] : clients_)
    if (auto a = f.time_availability()) {
      sum += *a;
      ++n;
    }
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

} // namespace halab
