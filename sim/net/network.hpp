// halab's messaging layer on SimGrid.
//
// Delivery is latency-only: a message sent at t reaches its receiver at
//     t + Σ latency of the links on the SimGrid route + size / bottleneck bandwidth,
// using the links' current latencies (so degradations apply to the next message) and
// dropped at once if a link on the route is off. There is no bandwidth sharing between
// messages: heartbeats and small requests do not contend. Each host's messages wait in a
// queue ordered by arrival time and the receiving actor sleeps on a SimGrid semaphore
// (without a timeout) until its alarm — a SimGrid kernel timer — releases it at the earliest
// of its own deadline and the next arrival; a message sent to a sleeping receiver moves the
// alarm to its arrival if that is earlier. A host has one queue per endpoint
// (one per process it runs). Unlike one SimGrid mailbox per host
// (whose receive binds to the oldest transfer still in flight), a slow message never holds
// back a faster one from another sender.
//
// Faults that are not physical live here, applied at send time with a seeded generator:
// partitions between groups of hosts (symmetric or one-way), loss on a link, and hosts that
// are down. Hosts are never turned off in SimGrid: a crash kills the host's actors and marks
// the host down here.
#pragma once

#include "models/rng.hpp"
#include "sim/net/message.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <map>
#include <optional>
#include <string>
#include <memory>
#include <queue>
#include <vector>

namespace halab {

struct NetworkStats {
  std::uint64_t sent = 0;
  std::uint64_t dropped_partition = 0;
  std::uint64_t dropped_loss = 0;
  std::uint64_t dropped_down = 0;
  std::uint64_t dropped_link_off = 0;
};

// A receiver that keeps waking at one simulated instant without anything to read: its
// deadline is in the past and stays there, so simulated time stops (a livelock).
struct Stall {
  std::string actor;
  double at_s = 0;
};

class Network {
public:
  // Turns of one receiver at one instant with nothing to read before the run is stalled.
  static constexpr std::uint32_t kMaxIdleTurns = 100000;

  Network(std::vector<simgrid::s4u::Host*> hosts, std::uint64_t seed);
  // Cancels the alarms still pending when the run ends (SimGrid owns its kernel timers
  // until they fire or are removed).
  ~Network();
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  // A further endpoint on host `h`, for another process there. Host h's first endpoint is h.
  Endpoint open_endpoint(HostId h);
  HostId host_of(Endpoint e) const { return host_of_[e]; }

  // Sends `message` from message->from to `to`, or drops it if a fault says so.
  void send(Endpoint to, std::unique_ptr<Message> message, std::uint64_t bytes);
  // Called by the actor of `self`: the next message that has arrived, waiting for one until
  // simulated time `deadline` (may be infinite); nullptr when the deadline comes first.
  std::unique_ptr<Message> receive_before(Endpoint self, double deadline);
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
  void set_down(HostId h, bool down) { down_[h] = down; }
  bool is_down(HostId h) const { return down_[h]; }
  // Nothing listens at `e` (its process exited; the host is up): messages to it are dropped.
  void set_closed(Endpoint e, bool closed) { closed_[e] = closed; }
  bool partitioned(HostId from, HostId to) const;

  const NetworkStats& stats() const { return stats_; }
  // Set when a receiver stalled; every actor was then killed, which ends the run.
  const std::optional<Stall>& stall() const { return stall_; }

private:
  struct Partition {
    int id;
    std::vector<int> group_of;  // per host: group index, or -1 when not in the partition
    bool one_way;
  };
  struct Route {
    std::vector<simgrid::s4u::Link*> links;
    double bottleneck_bytes_per_s;
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
    simgrid::s4u::SemaphorePtr wakeup;
    double sleeping_until = -1;  // < 0: the receiver is not waiting
    simgrid::kernel::timer::Timer* alarm = nullptr;  // wakes the receiver at sleeping_until
    double idle_at_s = -1;       // the instant of the last turns with nothing to read
    std::uint32_t idle_turns = 0;
  };
  void stalled(Inbox& inbox, double now);

  const Route& route(HostId from, HostId to);
  void enqueue(Endpoint to, double arrives, std::unique_ptr<Message> message);
  void set_alarm(Endpoint e, double at);
  void cancel_alarm(Inbox& inbox);
  void wake(Inbox& inbox);
  bool lost(const Route& r);

  std::vector<simgrid::s4u::Host*> hosts_;
  std::vector<Inbox> inboxes_;    // per endpoint
  std::vector<HostId> host_of_;   // per endpoint
  std::vector<bool> closed_;      // per endpoint
  std::vector<bool> down_;        // per host
  std::vector<Partition> partitions_;
  int next_partition_id_ = 0;
  std::map<const simgrid::s4u::Link*, double> loss_;
  std::map<std::pair<HostId, HostId>, Route> routes_;
  Rng loss_rng_;
  std::uint64_t sequence_ = 0;
  NetworkStats stats_;
  std::optional<Stall> stall_;
};

} // namespace halab
