// halab's messaging layer on SimGrid.
//
// Delivery is latency-only: a message sent at t reaches its receiver at
//     t + Σ latency of the links on the SimGrid route + size / bottleneck bandwidth,
// the route being the sender's NIC, the links between the two datacenters (asked of
// SimGrid once per pair of datacenters) and the receiver's NIC, in SimGrid's order;
// using the links' current latencies (so degradations apply to the next message) and
// dropped at once if a link on the route is off. Links change only through set_link_on and
// set_link_latency, so the NICs' state and latency are kept here rather than asked of
// SimGrid per message (its link objects, two per host, are out of cache at 10,000 hosts). There is no bandwidth sharing between
// messages: heartbeats and small requests do not contend. Each endpoint's messages wait in
// a queue ordered by arrival time. Its receiver (a process, sim/service/process_loop.hpp)
// has no SimGrid actor: between its turns it sleeps on its alarm (alarm_clock.hpp: all
// alarms share one SimGrid kernel timer), set at the earliest of its own deadline and the
// next arrival, moved to an earlier arrival by the sender; the alarm runs its next turn in
// SimGrid's maestro. A turn never runs inside another: a message posted for now wakes its
// receiver through an alarm at now. A host has one endpoint per process it runs. Unlike one
// SimGrid mailbox per host (whose receive binds to the oldest transfer still in flight), a
// slow message never holds back a faster one from another sender.
//
// Faults that are not physical live here, applied at send time with a seeded generator:
// partitions between groups of hosts (symmetric or one-way), loss on a link, and hosts that
// are down. Hosts are never turned off in SimGrid: a crash ends the host's processes and marks
// the host down here.
#pragma once

#include "models/rng.hpp"
#include "sim/net/alarm_clock.hpp"
#include "sim/net/message.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <array>
#include <map>
#include <span>
#include <optional>
#include <string>
#include <memory>
#include <queue>
#include <unordered_map>
#include <vector>

namespace halab {

struct NetworkStats {
  std::uint64_t sent = 0;
  std::uint64_t dropped_partition = 0;
  std::uint64_t dropped_loss = 0;
  std::uint64_t dropped_down = 0;
  std::uint64_t dropped_link_off = 0;
};

// A message the network accepted for delivery: when, and between which hosts (`halab
// bench --scenario` replays them on raw SimGrid).
struct Delivery {
  double sent_s;
  HostId from, to;
};

// A receiver that keeps waking at one simulated instant without anything to read: its
// deadline is in the past and stays there, so simulated time stops (a livelock).
struct Stall {
  std::string receiver;
  double at_s = 0;
};

// What runs at an endpoint. The network calls turn() when its alarm rings (see above); the
// receiver takes what has arrived, does what is due and says when to wake it next
// (Network::sleep_until). turn() runs in SimGrid's maestro: it must not block.
class Receiver {
public:
  virtual void turn() = 0;

protected:
  ~Receiver() = default;
};

class Network {
public:
  // Turns of one receiver at one instant with nothing to read before the run is stalled.
  static constexpr std::uint32_t kMaxIdleTurns = 100000;

  Network(std::vector<simgrid::s4u::Host*> hosts, std::uint64_t seed);
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  // A further endpoint on host `h`, for another process there. Host h's first endpoint is h.
  Endpoint open_endpoint(HostId h);
  HostId host_of(Endpoint e) const { return host_of_[e]; }

  // How messages between the same two endpoints arrive: in any order (datagrams: a
  // smaller one sent later may overtake a larger one), or in the order sent (a stream, as
  // TCP or corosync's CPG deliver: each arrives no earlier than the one sent before it).
  enum class Order : std::uint8_t { any, fifo };
  // Sends `message` from message->from to `to`, or drops it if a fault says so.
  void send(Endpoint to, std::unique_ptr<Message> message, std::uint64_t bytes, Order order = Order::any);
  // `r` receives at `e` from now on, its first turn at once (after the current one); its
  // name is what a stall report says. detach: `r` no longer receives at `e` (if it did).
  void attach(Endpoint e, Receiver& r, std::string name);
  void detach(Endpoint e, const Receiver& r);
  // For the receiver at `self`, in its turn: the next message that has arrived by now, or
  // nullptr.
  std::unique_ptr<Message> take_arrived(Endpoint self);
  // The receiver at `self` ends its turn: its next turn comes at `deadline` (may be
  // infinite) or at the next arrival, whichever is first. With a deadline at or before now
  // the next turn is at once; see idle_turn.
  void sleep_until(Endpoint self, double deadline);
  // The receiver at `self` found its deadline due with nothing to read, once more at this
  // instant; true when that has happened kMaxIdleTurns times, which stalls the run: the
  // stall is recorded, every actor killed and no receiver turns again, so the engine
  // returns.
  bool idle_turn(Endpoint self);
  // The run is over: no receiver turns again (SimGrid's engine runs for as long as a kernel
  // timer is pending, actors or not).
  void halt();
  // Hands a message to a process at `to` itself, at once (a local daemon's answer).
  void post(Endpoint to, std::unique_ptr<Message> message);
  // Whether a frame sent on these links (a host's NIC, for a broadcast on its segment) gets
  // through now: every link on, and not lost (a draw from the loss generator).
  bool frame_gets_through(const std::vector<simgrid::s4u::Link*>& links);
  // Whether a message from one host to the other would get through now (loss aside).
  bool reachable(HostId from, HostId to);
  // Forgets messages still travelling to `e` (its process restarted).
  void clear(Endpoint e);

  // A cut between groups of hosts; with `one_way`, only groups[0] -> other groups is cut.
  int add_partition(const std::vector<std::vector<HostId>>& groups, bool one_way);
  void remove_partition(int id);
  void set_loss(const simgrid::s4u::Link* link, double probability);
  // A physical fault on a link (cut, repaired, degraded): links change only through these,
  // which keep the NICs' state and latency known here up to date.
  void set_link_on(simgrid::s4u::Link* link, bool on);
  void set_link_latency(simgrid::s4u::Link* link, double latency_s);
  void set_down(HostId h, bool down) { down_[h] = down; }
  bool is_down(HostId h) const { return down_[h]; }
  // Nothing listens at `e` (its process exited; the host is up): messages to it are dropped.
  void set_closed(Endpoint e, bool closed) { closed_[e] = closed; }
  bool partitioned(HostId from, HostId to) const;

  const NetworkStats& stats() const { return stats_; }
  // From now on every accepted message is appended to `log` (null: none).
  void record_deliveries(std::vector<Delivery>* log) { deliveries_ = log; }
  // Set when a receiver stalled; the run then ended.
  const std::optional<Stall>& stall() const { return stall_; }

private:
  struct Partition {
    int id;
    std::vector<int> group_of;  // per host: group index, or -1 when not in the partition
    bool one_way;
  };
  // The links a message crosses, in SimGrid's order, assembled per message from the
  // sender's NIC (up), the links between the two datacenters, and the receiver's NIC (down):
  // nothing is kept per pair of hosts.
  static constexpr std::size_t kMaxRouteLinks = 8;
  struct Route {
    std::array<simgrid::s4u::Link*, kMaxRouteLinks> links{};
    std::array<double, kMaxRouteLinks> latencies_s{};  // each link's, now
    std::size_t count = 0;
    double bottleneck_bytes_per_s = 0;
    bool on = true;  // every link on
    std::span<simgrid::s4u::Link* const> span() const { return {links.data(), count}; }
  };
  struct HostLinks {  // a host's NIC, learnt from its first route
    simgrid::s4u::Link* up = nullptr;
    simgrid::s4u::Link* down = nullptr;
    // Their bandwidths, kept: no fault changes a bandwidth (a degrade adds latency), and
    // asking SimGrid per message reads 10,000 hosts' links out of cache. Their state and
    // latency, kept as of links_epoch_ (links change only through this class).
    double up_bytes_per_s = 0;
    double down_bytes_per_s = 0;
    double up_latency_s = 0;
    double down_latency_s = 0;
    bool up_on = true;
    bool down_on = true;
    std::uint32_t zone = 0;  // its datacenter's index in zones_
    std::uint64_t epoch = 0;
  };
  struct Middle {  // between two datacenters (empty within one), learnt once per pair
    bool known = false;
    std::vector<simgrid::s4u::Link*> links;
    double bottleneck_bytes_per_s = 0;
  };
  struct InFlight {
    double arrives_s;
    std::uint64_t sequence;  // ties broken by send order: deterministic
    std::unique_ptr<Message> message;
    bool operator>(const InFlight& o) const {
      return arrives_s != o.arrives_s ? arrives_s > o.arrives_s : sequence > o.sequence;
    }
  };
  struct Inbox {
    std::priority_queue<InFlight, std::vector<InFlight>, std::greater<>> queue;
    Receiver* receiver = nullptr;
    std::string name;            // the receiver's
    double sleeping_until = -1;  // < 0: no receiver waiting (none, in its turn, or paused)
    double idle_at_s = -1;       // the instant of the last turns with nothing to read
    std::uint32_t idle_turns = 0;
  };

  Route route(HostId from, HostId to);
  const HostLinks& host_links(HostId h);
  // SimGrid's own route, checked to begin and end with the hosts' NICs.
  std::vector<simgrid::s4u::Link*> simgrid_route(HostId from, HostId to) const;
  void enqueue(Endpoint to, double arrives, std::unique_ptr<Message> message);
  void set_alarm(Endpoint e, double at);
  void ring(Endpoint e);
  bool lost(std::span<simgrid::s4u::Link* const> links);

  std::vector<simgrid::s4u::Host*> hosts_;
  std::vector<Inbox> inboxes_;    // per endpoint
  AlarmClock alarms_;             // per endpoint, its receiver's alarm
  std::vector<HostId> host_of_;   // per endpoint
  std::vector<bool> closed_;      // per endpoint
  std::vector<bool> down_;        // per host
  std::vector<Partition> partitions_;
  int next_partition_id_ = 0;
  std::map<const simgrid::s4u::Link*, double> loss_;
  std::vector<HostLinks> host_links_;  // per host; up == nullptr until learnt
  std::uint64_t links_epoch_ = 1;      // counts link changes; a HostLinks older is re-read
  std::vector<const simgrid::s4u::NetZone*> zones_;
  std::vector<Middle> middles_;  // zones_.size()² entries, from-zone major
  Rng loss_rng_;
  // Per (from, to) endpoint pair that has sent with Order::fifo: its last arrival. An entry
  // is added on a pair's first such message, not per message.
  std::unordered_map<std::uint64_t, double> stream_arrivals_;
  std::uint64_t sequence_ = 0;
  NetworkStats stats_;
  std::vector<Delivery>* deliveries_ = nullptr;
  std::optional<Stall> stall_;
};

} // namespace halab
