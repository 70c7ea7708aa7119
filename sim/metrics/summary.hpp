// Run metrics as a pure function of the trace: nothing else is read, so a saved trace
// gives the same numbers as the live run.
//
// - availability: successful requests / all requests, as clients saw them.
// - failovers: every move of the floating IP after the first holder was chosen, with the
//   fault that caused it (IncidentLog: not merely the latest one), its detection, decision
//   and fencing, the move itself and the first request the new holder served;
//   max_failover_s, max_detection_s: the slowest of them, from cause to move or detection;
//   false_failovers: those that left a holder alive and able to serve, the cluster having
//   only lost sight of it (caused by a pause of it, a partition, a cut or lossy link, or
//   the new holder thawing from a pause: IncidentCause::false_alarm) — a failure
//   detector's false alarms, the price of a short timeout. Failbacks and failovers no
//   fault explains are not counted.
// - max_ip_holders, split_brain_s: how many members held the IP at once, and for how long
//   more than one did. With several services: the most holders of any one IP, and the
//   split-brain time summed over the IPs (so is no_service_s); `services` has each one's.
// - max_outage_s: the longest client-observed outage, from the send time of the first
//   failed request of a run of failures to the send time of the next successful one;
//   down_s: all of them together; outages: how many (with mean_outage_s = down_s / outages
//   and mean_time_between_outages_s = the time up / outages, the run's measured MTTR and
//   MTTF, null without an outage); planned_outages, planned_down_s: those of them whose
//   first failed request failed after a maintenance window's stop or start and no other
//   fault event since (a planned switchover, counted apart from failures);
//   degraded_s: the same for runs of degraded successes
//   (ended by a request that is not one), so time down and time degraded are apart.
// - corrupted_writes, writes_lost, writes_refused: from the shared storage's write events.
// - fenced, fence_failures: completed fencing operations (and self-fencing).
// - quorate_partitions: the largest number of distinct membership views held at once by
//   live nodes that believe they have quorum (more than 1 means quorum failed).
// - no_service_s: time during which no live node held the service's IP, from the first time
//   one did (the whole run if none ever did).
// - placement, promoted, start_order, crm_transitions, crm_failed_operations: what the
//   cluster resource manager did (CrmOutcome; empty without a "crm" section);
//   resources_down_s: the time some resource of its configuration (fence devices aside)
//   ran nowhere after its first start, and resource_down_s each one's (null and empty
//   without a "crm" section).
// - failures, blame, tiers: the request path (RequestPath; tiers empty without a stack).
// - dns: with clients of a DNS name, the answers each service's address was first in
//   (`dns.resolve`), and the health checks' changes of a record's status (`dns.health`).
// - membership: per memberlist service, crashes detected, the slowest detection and
//   convergence, false deaths and views apart at the end (MembershipViews).
#pragma once

#include "sim/metrics/incident_log.hpp"
#include "sim/metrics/membership_views.hpp"
#include "sim/metrics/request_path.hpp"
#include "sim/metrics/service_time.hpp"
#include "sim/trace/trace.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct FailoverRecord {
  std::string service;              // whose floating IP moved ("" in traces without services)
  std::string node;                 // the new holder
  std::optional<std::string> from;  // the previous holder clients were sent to, if any
  std::optional<IncidentCause> cause;  // the fault it is attributed to (IncidentLog)
  std::optional<double> fault_at_s;    // the cause's time
  std::optional<double> detected_at_s;
  std::optional<double> decided_at_s;  // pacemaker: the new holder's view without `from`
  std::optional<double> fenced_at_s;
  double ip_moved_at_s = 0;
  std::optional<double> first_success_at_s;  // none if the IP moved on before the holder answered
  // Whether clients call this IP (else a tier does, e.g. a database's write IP, and no
  // request event names its holder: the first success is not measured).
  bool client_facing = true;
  std::string reason;
  bool false_alarm() const { return cause && cause->false_alarm(node); }
};

// One service's floating IP over the run.
struct ServiceFigures {
  std::uint64_t failovers = 0;
  std::uint64_t max_ip_holders = 0;
  double split_brain_s = 0;  // with more than one holder
  double no_service_s = 0;   // with none, after the first take
};

struct FenceRecord {
  std::string node;
  double at_s = 0;
  std::string by;  // the requesting node, or the node itself for self-fencing
};

struct Summary {
  std::string scenario;
  std::uint64_t seed = 0;
  double duration_s = 0;
  std::uint64_t requests_total = 0;
  std::uint64_t requests_failed = 0;
  std::optional<double> availability;
  // Time-based, as clients saw it (ServiceTime): the clients' mean, and per client and per
  // datacenter of clients, with the request-based figures beside.
  std::optional<double> time_availability;
  std::map<std::string, ServedFigures> clients;
  std::map<std::string, ServedFigures> datacenters;
  double latency_p50_s = 0;
  double latency_p99_s = 0;
  double max_outage_s = 0;
  double down_s = 0;      // all such outages together
  std::size_t outages = 0;  // how many such runs
  double planned_down_s = 0;        // of down_s, outages a maintenance window caused
  std::size_t planned_outages = 0;  // of outages, those
  double degraded_s = 0;  // runs of successes answered with a fallback, measured alike
  std::vector<FailoverRecord> failovers;
  std::uint64_t false_failovers = 0;  // of those, false alarms (FailoverRecord::false_alarm)
  // The slowest incident: from its cause to the IP's move, and to its detection (null when
  // no failover has a cause, or none was detected).
  std::optional<double> max_failover_s;
  std::optional<double> max_detection_s;
  std::uint64_t max_ip_holders = 0;
  double split_brain_s = 0;
  std::uint64_t faults = 0;
  std::vector<std::string> warnings;  // run.warning: "pointer: message"
  // Quorum, fencing and shared storage (pacemaker manager). The write counts are measured
  // only when the run writes to shared storage (run.start's "storage"); else undefined.
  bool storage = true;
  std::uint64_t writes_accepted = 0;
  std::uint64_t corrupted_writes = 0;  // accepted while another writer's session overlapped
  std::uint64_t writes_lost = 0;       // of those, the older session's: discarded on resync
  std::uint64_t writes_refused = 0;    // stale epoch or fenced from storage
  std::vector<FenceRecord> fenced;
  std::uint64_t fence_failures = 0;
  std::uint64_t quorate_partitions = 0;  // most partitions holding quorum at once
  double no_service_s = 0;               // time with no live holder of the service
  // The cluster resource manager.
  nlohmann::ordered_json placement = nlohmann::ordered_json::object();
  nlohmann::ordered_json promoted = nlohmann::ordered_json::object();
  std::vector<std::string> start_order;
  std::uint64_t crm_transitions = 0;
  std::uint64_t crm_failed_operations = 0;
  std::optional<double> resources_down_s;          // some workload resource running nowhere (CrmOutcome)
  std::map<std::string, double> resource_down_s;   // per resource
  std::uint64_t requests_degraded = 0;            // successful, but answered with a fallback
  std::map<std::string, std::uint64_t> failures;  // failed requests by cause
  std::map<std::string, std::uint64_t> blame;     // failed requests by the tier they began in
  std::vector<std::pair<std::string, TierFigures>> tiers;  // in the stack's order
  std::map<std::string, ServiceFigures> services;  // per service serving a floating IP (named in run.start)
  std::map<std::string, MembershipFigures> membership;  // per memberlist service (MembershipViews)
  struct DnsChange {
    double at_s;
    std::string service;
    bool healthy;
  };
  std::optional<std::string> dns_name;                 // what the clients resolve, if a DNS name
  std::map<std::string, std::uint64_t> dns_answers;     // per service: answers listing it first
  std::vector<DnsChange> dns_changes;

  nlohmann::ordered_json to_json() const;
};

// A summary built event by event, as a run emits them (nothing kept but what the figures
// need), or from a whole trace.
class SummaryBuilder {
public:
  // With `outages_from_s`, the runs of failed and degraded requests (max_outage_s, down_s,
  // outages, degraded_s) count only requests sent from then on (a regenerative episode's
  // outages, after its warm-up); every other figure covers the whole run. `reorder_s`: the
  // longest a request's outcome can come after its send (OutageRuns; the clients' timeout
  // bounds it in a run), so that outcomes are counted as they come and not all held.
  explicit SummaryBuilder(double outages_from_s = 0, double reorder_s = std::numeric_limits<double>::infinity());
  ~SummaryBuilder();
  SummaryBuilder(SummaryBuilder&&) noexcept;
  SummaryBuilder& operator=(SummaryBuilder&&) noexcept;

  void observe(const TraceEvent& e);  // the next event, in trace order
  Summary finish() &&;

private:
  struct State;
  std::unique_ptr<State> state_;
};

Summary summarize(const std::vector<TraceEvent>& events);

} // namespace halab
