// A scenario as loaded and validated: everything a run needs, in typed form.
// The JSON form is documented in docs/scenario-reference.md.
#pragma once

#include "models/availability/lifetime.hpp"
#include "models/balance/health_check.hpp"
#include "models/balance/ipvs_scheduler.hpp"
#include "models/balance/real_server_check.hpp"
#include "models/balance/upstream_pool.hpp"
#include "models/cache/sentinel.hpp"
#include "models/cluster/cluster_node.hpp"
#include "models/replication/replication_log.hpp"
#include "models/resilience/buffer_queue.hpp"
#include "models/resilience/circuit_breaker.hpp"
#include "models/resilience/retry_policy.hpp"
#include "models/resilience/token_bucket.hpp"
#include "models/detect/phi_accrual_detector.hpp"
#include "models/failover/garp_schedule.hpp"
#include "models/failover/track_script.hpp"
#include "models/fencing/fence_device.hpp"
#include "models/membership/membership.hpp"
#include "models/membership/swim_member.hpp"
#include "models/membership/zk_config.hpp"
#include "models/placement/cluster_state.hpp"
#include "models/quorum/qnetd.hpp"
#include "models/quorum/votequorum.hpp"
#include "models/time.hpp"
#include "sim/scenario/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct LinkSpec {
  Duration latency;
  double bandwidth_bytes_per_s = 0;
};

// A link named in a fault or an override: a host's NIC, or the link joining two datacenters or two regions.
struct LinkRef {
  std::string host;                                  // set for a NIC
  std::optional<std::pair<std::string, std::string>> between;  // set for a DC or region pair
};

// One link given its own latency or bandwidth instead of its class's default.
struct LinkOverride {
  LinkRef link;
  std::optional<Duration> latency;
  std::optional<double> bandwidth_bytes_per_s;
};

struct DatacenterSpec {
  std::string name;
  std::vector<std::string> hosts;
};

struct RegionSpec {
  std::string name;
  std::vector<DatacenterSpec> datacenters;
};

struct TopologySpec {
  std::vector<RegionSpec> regions;
  LinkSpec host_link{Duration::micros(100), 125e6};  // each host's NIC
  LinkSpec metro_link{Duration::millis(1), 1.25e9};  // between datacenters of one region
  LinkSpec wan_link{Duration::millis(40), 125e6};    // between regions
  std::vector<LinkOverride> overrides;
};

struct DetectorSpec {
  enum class Kind { fixed_timeout, phi_accrual, vrrp };
  Kind kind = Kind::fixed_timeout;
  Duration timeout = Duration::seconds(3);
  PhiAccrualConfig phi;
};

// The quorum device of a cluster: a reference (ping) host whose reachability wins the
// tie, a quorum disk written by every node, or corosync-qnetd on a third host.
struct QuorumDeviceSpec {
  enum class Kind { ping, disk, qnetd };
  Kind kind = Kind::ping;
  std::string host;                     // ping: the reference host; qnetd: where it runs
  QnetdConfig qnetd;                    // qnetd: algorithm and tie-breaker (nodes filled from the members)
  unsigned votes = 1;
  Duration disk_timeout = Duration::seconds(3);  // disk: silence after which a node is dead to it
  // qnetd: quorum.device.timeout (corosync-qdevice(8), 10 s), which sets the client's
  // heartbeat and so qnetd's dead peer detection (QnetdConfig::dpd_s); and how long
  // votequorum's sync waits for the qdevice's vote on a new ring (quorum.device.sync_timeout,
  // 30 s).
  Duration timeout = Duration::seconds(10);
  Duration sync_timeout = Duration::seconds(30);
};

struct QuorumSpec {
  bool enabled = false;
  VoteQuorumConfig votequorum;         // votes filled from the members
  std::optional<QuorumDeviceSpec> device;
};

struct FencingSpec {
  FencingMode mode = FencingMode::none;
  FenceDeviceConfig device;
  Duration watchdog_timeout = Duration::seconds(5);  // SBD_WATCHDOG_TIMEOUT
  // How long the survivors wait before a lost node counts as self-fenced: Pacemaker's
  // stonith-watchdog-timeout; by default twice the watchdog's (its "negative value" rule).
  std::optional<Duration> stonith_watchdog_timeout;
  Duration watchdog_wait() const { return stonith_watchdog_timeout.value_or(watchdog_timeout * 2.0); }
};

struct StorageSpec {
  bool enabled = false;
  bool epochs = false;
  Duration write_interval = Duration::millis(100);
};

// How long the lab's resource agents take (a resource agent's real work: mounting,
// starting a database) and how often they are monitored. `timeout` is the operation
// timeout of Pacemaker's <op>: an operation still running then fails.
struct AgentTiming {
  Duration start = Duration::seconds(1);
  Duration stop = Duration::seconds(1);
  Duration promote = Duration::seconds(1);
  Duration demote = Duration::seconds(1);
  Duration monitor_interval = Duration::seconds(10);
  Duration timeout = Duration::seconds(20);

  Duration of(const std::string& task) const;
};

// The full cluster resource manager (docs/crm.md): a DC runs Pacemaker's scheduler over
// this configuration and drives every node's resource agents through transitions.
struct CrmSpec {
  placement::ClusterState config;  // nodes are the members; no status (the run makes it)
  std::string vip_resource;        // the primitive whose node holds the service IP
  AgentTiming timing;              // every resource's agent, unless overridden below
  std::map<std::string, AgentTiming> resource_timing;
  Duration recheck_interval = Duration::seconds(15 * 60);  // cluster-recheck-interval
  std::string monitor_on_fail = "restart";

  const AgentTiming& timing_of(const std::string& rsc) const;  // rsc may be a clone instance "id:N"
};

struct FailoverMember {
  std::string name;
  int priority = 100;  // keepalived: 1..255 (255 = the VIP's address owner)
};

// The keepalived manager's VRRP settings beyond `failback` (which is keepalived's `preempt`;
// without it, `nopreempt`).
// What a tracked script checks besides the check-fail faults: nothing, the host's tier
// process being up (`killall -0 nginx`: fails while it is stopped), or its answering
// (`curl -f http://localhost/`: fails while it is stopped or hung).
enum class ScriptCheck { faults_only, process, http };

struct VrrpSpec {
  int version = 2;        // keepalived's default
  Duration preempt_delay; // keepalived's preempt_delay: needs failback
  std::vector<TrackScriptConfig> scripts;  // vrrp_script, tracked by every member
  std::vector<ScriptCheck> script_checks;  // per script
  GarpConfig garp;                          // garp_master_repeat, garp_master_delay, garp_interval
};

struct ServiceKind;  // sim/service/service_kind.hpp

struct ClusterSpec {
  const ServiceKind* kind = nullptr;  // /cluster/manager (keepalived unless said otherwise)
  std::vector<FailoverMember> members;  // member index = position here
  std::vector<unsigned> votes;          // per member (pacemaker)
  Duration heartbeat_interval = Duration::seconds(1);
  DetectorSpec detector;
  bool failback = false;
  VrrpSpec vrrp;  // keepalived only
  // pacemaker only; membership timing defaults to corosync's
  MembershipTiming membership{MembershipTiming::Kind::corosync};
  QuorumSpec quorum;
  NoQuorumPolicy no_quorum_policy = NoQuorumPolicy::stop;
  FencingSpec fencing;
  StorageSpec storage;
  std::optional<CrmSpec> crm;  // pacemaker only: the full CRM instead of one floating IP
  SwimConfig memberlist;       // memberlist only: SWIM's timing (DefaultLANConfig unless given)
  ZkConfig zookeeper;          // zookeeper only: the ensemble's zoo.cfg and the clients' session timeout
  // The last `ensemble` members serve the others (a registry's servers: zookeeper); the
  // members before them are the group whose membership the run measures.
  std::size_t ensemble = 0;
  std::size_t group_size() const { return members.size() - ensemble; }
};

// One service: a cluster of members of one kind serving one floating IP (none for a
// membership-only kind: memberlist).
struct ServiceSpec {
  std::string name;
  std::string vip;
  ClusterSpec cluster;
};

// DNS round robin over services' floating IPs (docs/six-tiers.md): every answer lists the
// records rotated by one (BIND's cyclic rrset-order) and a client uses the first address
// until the answer's TTL runs out. With `health_check`, a record whose floating IP has no
// live holder for `failure_threshold` checks in a row is left out of answers until as many
// checks find it served again (Route 53-style; a record list never goes empty: with
// every record unhealthy, all are answered).
struct DnsHealthCheck {
  Duration interval = Duration::seconds(30);
  int failure_threshold = 3;
};

struct DnsSpec {
  std::string name;
  std::vector<std::string> records;  // service names
  Duration ttl = Duration::seconds(60);
  std::optional<DnsHealthCheck> health_check;
};

// A client connection pool (an RPC or HTTP client's, e.g. Apache HttpClient's pooling
// manager): at most `size` calls at once per calling instance; a call finds no free
// connection within `acquire_timeout` fails (pool_exhausted). A connection closed by a
// timeout is opened again before the next attempt on that server: a TCP handshake that
// fails after `connect_timeout` when nothing answers.
struct ClientPoolSpec {
  int size = 8;
  Duration acquire_timeout = Duration::seconds(1);
  Duration connect_timeout = Duration::seconds(1);
};

// Resilience4j's semaphore bulkhead: at most `max_concurrent_calls` calls at once per
// calling instance; a call waits at most `max_wait` for room, else fails (bulkhead_full).
struct BulkheadSpec {
  int max_concurrent_calls = 25;
  Duration max_wait;
};

// How a tier calls the tier below it: nginx's upstream block and proxy_* settings
// (docs/six-tiers.md). Every instance of the calling tier keeps its own pool state.
struct UpstreamSpec {
  std::string tier;                      // the tier called
  BalanceMethod method = BalanceMethod::round_robin;
  int max_fails = 1;                     // per server (0: failures are not counted)
  Duration fail_timeout = Duration::seconds(10);
  std::vector<std::string> backup;       // hosts of the called tier that are `backup` servers
  std::map<std::string, int> weights;    // nginx's server weight=N (default 1)
  int max_conns = 0;                     // per server: the caller's connection limit (0: none)
  Duration timeout = Duration::seconds(60);  // one attempt: connect + read (proxy_*_timeout)
  int tries = 0;                         // proxy_next_upstream_tries (0: every server)
  Duration tries_timeout;                // proxy_next_upstream_timeout (0: no limit)
  // Resilience on the edge (docs/six-tiers.md): the caller retries a failed call
  // (Envoy's back-off and budget) and guards it with a circuit breaker (Resilience4j).
  std::optional<RetryPolicyConfig> retry;
  std::optional<CircuitBreakerConfig> breaker;
  // HAProxy-style active health checks of every server of the pool; a check not answered
  // within `check_timeout` (HAProxy's `timeout check`, default: inter) fails.
  std::optional<HealthCheckConfig> check;
  Duration check_timeout;
  // A weak dependency: when the call fails for good the tier still answers, with a
  // fallback, marked degraded (a strong one passes the failure up).
  bool weak = false;
  std::optional<ClientPoolSpec> pool;
  std::optional<BulkheadSpec> bulkhead;
  // A service registry (ZooKeeper, Consul, Eureka): the caller's list of the tier's
  // instances is the truth `lag` ago — a crashed instance leaves it `lag` after its crash
  // (its session expires), a restarted one rejoins `lag` after its restart. A hung
  // instance keeps its session and stays listed.
  std::optional<Duration> registry_lag;
  // A buffer queue (the seed's "flood storage", queue-based load leveling): the call is
  // accepted into the calling instance's bounded queue and answered at once; the queue
  // delivers at most `drain_rate` calls per second through the rest of this edge, and a
  // delivery that fails waits again. A full queue refuses the call (buffer_full).
  std::optional<BufferQueueConfig> buffer;
};

// An LVS director (docs/six-tiers.md): the kernel's IPVS forwards each new connection to
// a real server of `tier` chosen by its scheduler, without reading the request and so
// without retrying it; keepalived's checkers add and remove real servers.
struct DirectorSpec {
  std::string tier;  // the real servers
  bool nat = false;  // lvs_method NAT (answers come back through the director) or DR
  IpvsMethod scheduler = IpvsMethod::rr;
  std::map<std::string, int> weights;  // per real server (default 1)
  // persistence_timeout: a client's new connections go to the server its last one went to,
  // until this long after that one (none: each connection is scheduled afresh)
  std::optional<Duration> persistence;
  std::optional<RealServerCheckConfig> check;  // none: servers are never removed
};

// A database tier (docs/six-tiers.md): its instances replicate from the primary — the
// instance on the host holding `write_vip`'s floating IP (dual master with keepalived) —
// and a caller sends writes to that IP and reads to the read pool.
struct DatabaseSpec {
  std::string write_vip;          // the service whose floating IP takes the writes
  ReplicationConfig replication;  // async, semi-sync (rpl_semi_sync_source_*) or sync
  Duration apply_time = Duration::micros(100);  // a replica's applier, per write (one at a time)
  std::vector<std::string> read_pool;  // the hosts that serve reads (default: every host)
  std::optional<Duration> backup_interval;  // backups taken at every multiple of it (none: no backups)
};

// A cache looked aside by a tier (docs/six-tiers.md): a read asks the cache tier first and
// goes down the tier's upstream only on a miss (then fills the cache); a write goes down
// and then is written to the cache. `shard`: one server per key (a ketama ring, as
// twemproxy's); a dead shard answers nothing, its reads are misses, keys are not rehashed.
// `double`: every server gets every write (the client's double write); a read asks them
// in turn until one has the key.
// `sentinel`: reads and writes go to the Redis master, found by asking the cache tier's
// Sentinels (again after a get times out, and told by them when a failover switched it).
struct CacheEdgeSpec {
  enum class Mode { shard, double_write, sentinel };
  std::string tier;
  Mode mode = Mode::shard;
  Duration timeout = Duration::millis(50);  // a get not answered by then is a miss
};

// redis.conf's min-replicas-to-write / min-replicas-max-lag (replication.c): a master
// refuses writes (-NOREPLICAS) while fewer than `to_write` replicas acknowledged its stream
// within the last `max_lag_s` whole seconds (counted once a second, in replicationCron).
struct MinReplicas {
  int to_write = 0;  // 0: off (Redis's default)
  int max_lag_s = 10;
};

// Redis Sentinels watching a cache tier run as a master and its replicas (docs/six-tiers.md):
// where they run (hosts of their own, or the cache's), their configuration, and each
// cache host's replica-priority (default 100).
struct SentinelSpec {
  std::vector<std::string> hosts;
  SentinelConfig config;
  std::map<std::string, int> priorities;
  MinReplicas min_replicas;  // each instance's min-replicas-* (acts while it is a master)
};

// One tier of the request path: its instances, their capacity, and the tier they call.
struct TierSpec {
  std::string name;
  std::vector<std::string> hosts;
  int workers = 0;      // requests served at once (0: no limit, an event loop)
  int queue = 0;        // requests waiting for a worker beyond that; more are refused (503)
  Duration service_time;                 // each request's own work (mean, when exponential)
  bool exponential = false;              // service times drawn from an exponential distribution
  std::optional<UpstreamSpec> upstream;  // none: the tier answers on its own
  std::optional<DirectorSpec> director;  // an L4 director instead of a server (no upstream)
  std::optional<DatabaseSpec> database;  // a replicated database (no upstream)
  std::optional<CacheEdgeSpec> cache;    // a cache it looks aside to (with an upstream)
  std::optional<std::uint64_t> store;    // a cache server tier: the keys each instance holds at most (LRU)
  std::optional<SentinelSpec> sentinel;  // a cache tier run as a Redis master, its replicas, and Sentinels
  // Envoy's local rate limit, per instance: a request finding no token is refused (429).
  std::optional<TokenBucketConfig> rate_limit;
  // A tier that applies writes (one calling nothing) and keeps idempotency keys for this
  // long, shared by its instances: a retried write is acknowledged, not applied again.
  std::optional<Duration> idempotency_ttl;
};

// The request path (docs/six-tiers.md): tiers[0] is the entry, on the cluster's members
// and behind its floating IP; each tier calls at most one tier below it.
struct StackSpec {
  std::vector<TierSpec> tiers;
};

struct WorkloadSpec {
  enum class Arrival { uniform, poisson };
  std::vector<std::string> clients;
  // What the clients call: a service's name (its floating IP) or the DNS name; needed
  // only when there are several services.
  std::string target;
  double rate_per_s = 10;
  Duration timeout = Duration::seconds(1);
  Arrival arrival = Arrival::uniform;
  Duration start;  // clients send their first request after this (cluster warm-up)
  double write_fraction = 0;  // the share of requests that write
  // The keys requests read and write: `key_count` keys, Zipf-distributed with `zipf` (0: none).
  std::uint64_t key_count = 0;
  double zipf = 0.99;
};

struct FaultSpec {
  enum class Kind { crash, stop, partition, degrade, link_down, pause, fence_device_failure, agent_fail, check_fail, hang, slow, site_down,
                    disk_full, replication_broken, operator_error };
  Kind kind = Kind::crash;
  Instant at;
  std::optional<Instant> until;  // restart (crash, stop) or end (partition, degrade, check-fail)
  std::string host;              // crash, stop, pause, check-fail, hang, slow, disk-full, replication-broken
  bool tier_process = false;     // stop: the host's tier process, not its cluster member
  bool planned = false;          // stop: a maintenance window's (/maintenance), not a failure
  double factor = 1;             // slow: the service time is multiplied by it
  bool receiving = false;        // replication-broken: the replica's I/O thread stops (else its SQL thread)
  std::string tier;              // operator-error: the database tier
  double share = 1;              // operator-error: the share of the keys the dropped table holds
  std::string site;              // site-down: a datacenter or a region
  std::string service;           // fence-device-failure: whose fence device (needed with several)
  std::size_t script = 0;        // check-fail: index in the cluster's vrrp scripts
  std::vector<std::vector<std::string>> groups;  // partition
  bool one_way = false;          // partition: only groups[0] -> the others is cut
  LinkRef link;                  // degrade, link_down
  Duration extra_latency;        // degrade
  double loss = 0;               // degrade
  // agent_fail: from `at` to `until` (or the end), operation `operation` of resource
  // `resource` on `host` returns `rc`; a failing "monitor" means the resource has died
  // there and dies again after each start on that host.
  std::string resource;
  std::string operation = "monitor";
  int rc = 7;
};

// Hosts — or whole datacenters and regions, their hosts together (correlated failures) —
// that fail and are repaired at random for the whole run, each on its own: up for a draw of
// `time_to_failure`, down for a draw of `time_to_repair`, again and again (an alternating
// renewal process, starting up at 0). The failures are drawn from the run's seed
// (sim/fault/drawn_failures) and injected as faults: crashes, or each failure one of the
// kinds of `faults` drawn by its weight (a pause, a slow or hung tier process, a full
// disk, broken replication, a dropped table restored at the repair).
struct FailureProcessSpec {
  struct Weighted {
    FaultSpec::Kind kind = FaultSpec::Kind::crash;
    double weight = 1;  // the chance of this kind per failure (the weights sum to 1)
  };
  std::vector<std::string> hosts;
  std::vector<std::string> sites;  // or datacenters and regions, each failing as a whole (site-down)
  Lifetime time_to_failure;
  Lifetime time_to_repair;
  std::vector<Weighted> faults{{}};  // crashes alone by default
  double factor = 10;                // slow: the service time is multiplied by it
  // Names the random stream of a host's failures beside the host: "" for crashes alone
  // (the streams crash processes always used), else the kinds, e.g. "pause" or
  // "disk-full+operator-error+replication-broken+slow" — so a host's crashes and its
  // pauses, drawn by two processes, are independent.
  std::string stream;
};

// Planned maintenance (/maintenance): the hosts' daemons stopped gracefully one after
// another for `duration` each — a planned switchover — once from `at`, or in every period
// of `every` from `start` (rolling: host k of a period from start + k × duration); expanded
// into planned stop faults (sim/fault/maintenance) and counted apart from failures.
struct MaintenanceSpec {
  std::vector<std::string> hosts;
  std::vector<bool> tier_process;  // per host: its tier process (else its cluster member)
  Instant start;
  std::optional<Duration> every;  // none: once
  Duration duration;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  Duration duration;
  TopologySpec topology;
  // /services, or the one service of /cluster and /service.
  std::vector<ServiceSpec> services;
  std::optional<DnsSpec> dns;
  std::optional<StackSpec> stack;
  WorkloadSpec workload;
  std::vector<FaultSpec> faults;
  std::vector<FailureProcessSpec> failures;
  std::vector<MaintenanceSpec> maintenance;
  nlohmann::json expect = nlohmann::json::object();
  std::vector<InputError> warnings;  // accepted, but probably not what was meant

  std::vector<std::string> all_hosts() const;
  // The /stack tier that runs on `host`, if any.
  const TierSpec* tier_on(const std::string& host) const;
  // The service `host` is a member of, or nullptr.
  const ServiceSpec* service_of(const std::string& host) const;
  const ServiceSpec* service_named(const std::string& name) const;
  // Whether the clients resolve the DNS name (else they call one service's IP).
  bool clients_use_dns() const { return dns && workload.target == dns->name; }
  // The services whose IPs the clients call: the DNS records, or the target service.
  std::vector<const ServiceSpec*> entry_services() const;
};

} // namespace halab
