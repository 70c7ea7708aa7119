// Availability as each client saw it, by requests and by time, from the trace alone.
//
// Time-based: a client is served while the IP's ARP entry points at a live holder (it
// holds the IP and is not paused) that the client can reach both ways: no partition
// between them (one-way cuts included) and no cut link on the route between them
// (RouteMap). Counted from the first time any node held an IP (a cluster's start is not an
// outage) to the end of the run. The IP is the one run.start names ("vip"), or, for clients
// of a DNS name, the one the client's last answer gave it (`dns.resolve`), counted from its
// first answer. Unlike the request-based figure it does not depend on
// the request rate: at one request per 100 s a 6 s outage is 6 s, not 0 or 100.
// Per datacenter: the requests of its clients together, and their served time over their
// counted time.
#pragma once

#include "sim/metrics/route_map.hpp"
#include "models/failover/floating_ip.hpp"
#include "sim/trace/trace.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace halab {

struct ServedFigures {
  std::uint64_t requests = 0;
  std::uint64_t failed = 0;
  double served_s = 0;   // time served
  double window_s = 0;   // time counted
  std::optional<double> availability() const;       // by requests; null without any
  std::optional<double> time_availability() const;  // null for an empty window
};

class ServiceTime {
public:
  void observe(const TraceEvent& e);
  // Per client (by name); valid after run.end.
  const std::map<std::string, ServedFigures>& clients() const { return clients_; }
  // Per datacenter of a client: requests summed, time availability the clients' mean.
  std::map<std::string, ServedFigures> datacenters() const;
  // The mean of the clients' time-based availabilities (null without clients).
  std::optional<double> time_availability() const;

private:
  struct Partition {
    std::vector<std::vector<std::string>> groups;
    bool one_way = false;
  };
  bool cut(const std::string& from, const std::string& to) const;
  bool served(const std::string& client) const;
  void update(double t);

  RouteMap routes_;
  std::map<std::string, FloatingIp<std::string>> ips_;  // by address ("" when events do not name it)
  std::string vip_;                                     // run.start's: what clients call without DNS
  std::map<std::string, std::string> client_ip_;        // a DNS client's current address
  std::map<std::string, double> counted_from_;          // a DNS client's first answer
  std::set<std::string> paused_;
  std::map<int, Partition> partitions_;
  std::multiset<std::string> links_down_;
  std::map<std::string, ServedFigures> clients_;
  std::map<std::string, std::optional<double>> served_since_;  // per client, while served
  std::optional<double> started_;  // the first time a node held an IP
};

} // namespace halab
