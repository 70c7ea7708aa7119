// Which fault caused a failover, and when its phases happened, from the trace alone.
//
// A failover (the IP moving from `from` to `to` at time t) is attributed to the latest fault
// event before t of `from` itself (a crash, stop, pause or failing check) begun since `from`
// took the IP (an older one was over before it served: under a failure process a host
// crashes, comes back and serves again), else the latest such that involves the two: a partition with the two in different groups; a cut or degraded link on the route
// between them (either NIC, or the metro or WAN link joining their datacenters or regions);
// or, when none did (a failback), the end of a fault that involves `to` (its restart, its
// check recovering, a heal). Not simply the latest fault: two crashes 10 s apart must not
// give the first failover the second crash's time. A holder that stopped and took the IP
// back itself is attributed to the latest fault begun before it stopped.
//
// Phases, each the first event of its kind at or after the cause and not after the move:
// detection (a detector of any node declares `from` dead), decision (the new holder
// installs a membership view without `from`: pacemaker manager only), fencing (`from` is
// fenced or resets itself).
#pragma once

#include "sim/metrics/route_map.hpp"
#include "sim/trace/trace.hpp"

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace halab {

struct IncidentCause {
  int fault = -1;        // index in the scenario's faults
  double at_s = 0;
  std::string what;      // "crash n1", "end of partition", …
  std::string kind;      // the fault's kind: crash, stop, pause, check-fail, partition, …
  std::string host;      // a host's own fault: the host
  bool ends = false;     // the cause is the fault's end (a failback, mostly)
  // Whether a failover to `to` for this cause left a holder that was alive and able to
  // serve — a false alarm, not a failover its holder's death or failing service called for:
  // the cluster only lost sight of the holder (a pause of it, a partition, a cut or lossy
  // link), or `to` itself was frozen and took the IP as it thawed, its timers overdue (a
  // holder that thaws holds the IP still: it takes nothing).
  bool false_alarm(const std::string& to) const {
    if (ends) return kind == "pause" && host == to;
    return kind == "pause" || kind == "partition" || kind == "link-down" || kind == "degrade";
  }
};

struct IncidentPhases {
  std::optional<double> detected_at_s;
  std::optional<double> decided_at_s;
  std::optional<double> fenced_at_s;
};

class IncidentLog {
public:
  void observe(const TraceEvent& e);
  // The cause of the IP moving from `from` (possibly unknown), which took it at
  // `from_since`, to `to` at `t`.
  std::optional<IncidentCause> cause(double t, const std::optional<std::string>& from, double from_since, const std::string& to) const;
  // For a holder that takes the IP back after it stopped serving (quorum lost and regained):
  // the latest fault that began at or before the moment the service stopped.
  std::optional<IncidentCause> latest_before(double stopped_at) const;
  IncidentPhases phases(const IncidentCause& cause, double moved_at, const std::optional<std::string>& from,
                        const std::string& to) const;

private:
  struct Fault {
    int index = -1;
    double at_s = 0;
    bool ends = false;             // the event ends the fault (restart, heal, link up, …)
    double ended_at_s = INFINITY;  // a fault begun: when its end came (none yet: infinity)
    std::string kind;              // crash, stop, pause, check-fail, partition, link-down, degrade
    std::string host;              // crash, stop, pause, check-fail: the host
    std::string link;              // link-down, degrade: the link's label
    std::vector<std::vector<std::string>> groups;  // partition
  };
  bool involves(const Fault& f, const std::string& a, const std::string& b) const;
  static std::string describe(const Fault& f);  // "crash n1", "end of partition", …
  static std::optional<double> first_at_or_after(const std::vector<double>& times, double from, double until);

  std::vector<Fault> faults_;
  std::map<int, std::size_t> started_;  // by index: the begun fault (in faults_) a later "end" event refers to
  RouteMap routes_;
  std::map<std::string, std::vector<double>> suspected_;   // peer -> times a detector declared it dead
  std::map<std::string, std::vector<double>> fenced_;      // node -> times it was fenced
  std::map<std::pair<std::string, std::string>, std::vector<double>> left_view_;  // (node, peer) -> views without peer
  std::map<std::string, std::set<std::string>> view_;      // node -> members of its latest view
};

} // namespace halab
