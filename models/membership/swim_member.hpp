// One member of a SWIM gossip membership with Lifeguard's refinements, as HashiCorp
// memberlist runs it (memberlist/state.go, net.go, awareness.go, suspicion.go, queue.go,
// util.go, config.go DefaultLANConfig; Das, Gupta, Motivala: "SWIM: Scalable Weakly-
// consistent Infection-style Process Group Membership Protocol", DSN 2002; Dadgar et al.:
// "Lifeguard", 2018). Serf and Consul build their LAN membership on it.
//
// - Probe: once per probe interval (a ticker with a random phase) the member pings the next
//   member of its probe order, skipping itself and dead members; the order is re-drawn and
//   dead members older than GossipToTheDeadTime forgotten each time it wraps. No ack within
//   the probe timeout (500 ms): ping-req through 3 random alive members, which ping the
//   target and relay its ack, or answer nack after their own probe timeout. No ack by the
//   probe interval × (awareness + 1): the target is suspected. A probe that overruns the
//   interval delays the next (the ticker's one buffered tick).
// - Awareness (Lifeguard's local health, 0 … AwarenessMaxMultiplier − 1): −1 per answered
//   probe, + the nacks missing from a failed one (+1 without ping-reqs), +1 per refutation.
// - Suspicion: a suspected member is declared dead when its suspicion times out: from
//   SuspicionMaxTimeoutMult × the minimum down to the minimum, SuspicionMult ×
//   max(1, log10 n) × probe interval, as other members confirm it (SwimSuspicion).
// - Updates (alive, suspect, dead, by incarnation) are applied as aliveNode, suspectNode and
//   deadNode do, re-gossiped when new, and a member accused of being suspect or dead refutes
//   with a higher incarnation. They travel piggybacked on every ping, ack and ping-req and
//   in gossip packets to 3 random live or recently dead members every 200 ms
//   (BroadcastQueue), a suspected target's ping carrying the suspicion itself.
//
// - Join (a restarted member; Serf's rejoin, serf.go handleRejoin): memberlist.Create
//   starts the member at incarnation 1 (setAlive), then one push-pull (pushPullNode with
//   join set) with the other members in a random order, the next after a TCP timeout
//   (10 s) without an answer, until one answers. The answering member sends its state
//   first, then merges the joiner's (handlePushPull); each merges the other's as
//   mergeState does: alive as an alive message, suspect and dead as a suspicion by the
//   merging member itself.
//
// Not modelled: the TCP fallback ping (as with DisableTcpPings), the periodic push-pull
// (as with PushPullInterval 0; every member knows every other from the start, alive at
// incarnation 0), leaving gracefully, the ping's RTT and metadata. The probe order is a random affine permutation
// of the member indices rather than a uniform shuffle: each round still visits every member
// once, from a random start.
#pragma once

#include "models/membership/broadcast_queue.hpp"
#include "models/membership/swim_packet.hpp"
#include "models/membership/swim_suspicion.hpp"
#include "models/rng.hpp"
#include "models/time.hpp"

#include <cstdint>
#include <vector>

namespace halab {

struct SwimConfig {  // memberlist's DefaultLANConfig
  Duration probe_interval = Duration::seconds(1);
  Duration tcp_timeout = Duration::seconds(10);  // a push-pull that gets no answer
  Duration probe_timeout = Duration::millis(500);
  int indirect_checks = 3;
  Duration gossip_interval = Duration::millis(200);
  int gossip_nodes = 3;
  Duration gossip_to_the_dead = Duration::seconds(30);
  int retransmit_mult = 4;
  int suspicion_mult = 4;
  int suspicion_max_timeout_mult = 6;
  int awareness_max_multiplier = 8;

  // suspicionTimeout: SuspicionMult × max(1, log10(max(1, n))) × ProbeInterval, the scale
  // kept to a thousandth as memberlist does.
  Duration suspicion_min(std::size_t nodes) const;
};

enum class SwimStatus : std::uint8_t { alive, suspect, dead, forgotten };

struct SwimSend {
  std::uint32_t to = 0;
  SwimPacket packet;
};

// A member's view of another changed (from `before` to `status`; a dead member forgotten
// is not reported: it stays out of the view until it is heard alive again).
struct SwimChange {
  std::uint32_t node = 0;
  SwimStatus status = SwimStatus::alive;
  std::uint32_t incarnation = 0;
  SwimStatus before = SwimStatus::alive;
};

// One member's view of another, as a push-pull carries it (pushNodeState): alive, suspect
// or dead (forgotten members are not sent).
struct SwimNodeState {
  std::uint32_t node = 0;
  std::uint32_t incarnation = 0;
  SwimStatus status = SwimStatus::alive;
};

// A push-pull's half: the sender's whole view, to `to`; `reply` when it answers one.
struct SwimPushPull {
  std::uint32_t to = 0;
  bool reply = false;
  std::vector<SwimNodeState> states;
};

// What one call produced; the caller clears it (its capacity is kept: no allocation per
// message once warm).
struct SwimOutput {
  std::vector<SwimSend> sends;
  std::vector<SwimChange> changes;
  std::vector<SwimPushPull> push_pulls;  // a join's, and the answer to one (rare)
  void clear() {
    sends.clear();
    changes.clear();
    push_pulls.clear();
  }
};

class SwimMember {
public:
  SwimMember(const SwimConfig& config, std::uint32_t self, std::uint32_t members, Instant start, Rng& rng);

  // The earliest instant at which on_timer has work: a probe phase, a gossip tick with
  // updates queued, a suspicion's timeout, a relayed ping's timeout. After `receive` it may
  // be earlier than the time received at (a confirmation shortened a suspicion that has
  // run longer already): call on_timer at once then.
  Instant next_deadline() const;
  void on_timer(Instant now, Rng& rng, SwimOutput& out);
  void receive(Instant now, std::uint32_t from, const SwimPacket& packet, Rng& rng, SwimOutput& out);
  // A restarted member joins: its incarnation becomes at least 1 and it push-pulls with the
  // others, one at a time in a random order, until one answers.
  void join(Instant now, Rng& rng, SwimOutput& out);
  bool joining() const { return join_.active; }
  // The other half of a push-pull: a join's request (answered with this member's view
  // first) or the answer to this member's.
  void receive_state(Instant now, std::uint32_t from, const SwimPushPull& pp, SwimOutput& out);

  SwimStatus status(std::uint32_t node) const { return table_[node].status; }
  std::uint32_t incarnation(std::uint32_t node) const { return table_[node].incarnation; }
  int awareness() const { return awareness_; }
  // estNumNodes: the members not forgotten, this one included.
  std::size_t known() const { return known_; }
  std::size_t queued_updates() const { return queue_.size(); }

private:
  struct Entry {  // 8 bytes: 10,000 members know each other in 800 MB
    std::uint32_t incarnation : 30 = 0;
    SwimStatus status : 2 = SwimStatus::alive;
    std::uint32_t changed_ds = 0;  // last status change, in tenths of a second
  };
  struct Probe {
    bool active = false;
    bool indirect_sent = false;
    std::uint32_t target = 0;
    std::uint32_t seq = 0;
    std::uint32_t incarnation = 0;  // the target's, when the probe began
    Instant indirect_at, deadline;
    int expected_nacks = 0;
    int nacks = 0;
  };
  struct Relay {  // a ping sent for another member's ping-req
    std::uint32_t origin = 0;
    std::uint32_t origin_seq = 0;
    std::uint32_t seq = 0;
    Instant deadline;
  };

  void run_due(Instant now, Rng& rng, SwimOutput& out);
  void push_pull(std::uint32_t to, bool reply, SwimOutput& out) const;
  void try_join(Instant now, SwimOutput& out);
  void merge_state(Instant now, const std::vector<SwimNodeState>& states, SwimOutput& out);
  struct Order {  // a random permutation of the members: p -> (a × p + b) mod members
    std::uint64_t a = 1, b = 0;
    std::uint32_t at(std::uint32_t p, std::uint32_t members) const { return static_cast<std::uint32_t>((a * p + b) % members); }
  };
  Order draw_order(Rng& rng) const;
  void start_probe(Instant now, Rng& rng, SwimOutput& out);
  void send_ping_reqs(Rng& rng, SwimOutput& out);
  void end_probe(Instant now, bool answered, SwimOutput& out);
  void gossip(Instant now, Rng& rng, SwimOutput& out);
  void reset_probe_order(Instant now, Rng& rng);
  std::uint32_t probe_order(std::uint32_t position) const;
  bool probeable(std::uint32_t node) const;
  // kRandomNodes: up to k distinct members for which `eligible` holds.
  template <class Eligible>
  int random_members(int k, Rng& rng, Eligible eligible, std::uint32_t* chosen) const;

  void on_alive(Instant now, const SwimUpdate& u, SwimOutput& out);
  void on_suspect(Instant now, const SwimUpdate& u, SwimOutput& out);
  void on_dead(Instant now, const SwimUpdate& u, SwimOutput& out);
  // A suspect or dead message that this member takes: re-gossiped, the view updated; or,
  // about this member itself, refuted (false).
  bool accept_accusation(Instant now, const SwimUpdate& u, SwimStatus status, SwimOutput& out);
  void refute(Instant now, std::uint32_t accused_incarnation);
  void set_status(Instant now, std::uint32_t node, SwimStatus status, SwimOutput& out);
  void broadcast(Instant now, const SwimUpdate& u);
  SwimSuspicion* suspicion_of(std::uint32_t node);
  void drop_suspicion(std::uint32_t node);
  void find_next_suspicion_deadline();
  void apply_awareness(int delta);
  // A packet to `to`, with as many queued updates piggybacked as fit.
  SwimSend& send(SwimOutput& out, std::uint32_t to, SwimPacket::Kind kind, std::uint32_t seq, std::uint32_t target,
                 bool piggyback);
  Instant tick_after(Instant t, Instant phase, Duration interval) const;

  SwimConfig config_;
  std::uint32_t self_;
  std::uint32_t members_;
  std::vector<Entry> table_;
  std::size_t known_;
  std::uint32_t dead_for_ds_;  // GossipToTheDeadTime, in tenths of a second
  int awareness_ = 0;
  std::uint32_t seq_ = 0;
  BroadcastQueue queue_;
  std::vector<SwimSuspicion> suspicions_;
  // The earliest of their deadlines, kept: a member cut off suspects thousands, and its
  // every turn asks when the next is due.
  Instant next_suspicion_deadline_ = Instant::never();
  std::vector<Relay> relays_;
  Probe probe_;
  struct Join {  // a join under way: the members still to try, in order
    bool active = false;
    std::uint32_t target = 0;
    std::uint32_t position = 0;  // in order
    Order order;
    Instant deadline = Instant::never();
  } join_;
  Instant probe_phase_, gossip_phase_;  // the tickers' random phases
  Instant next_probe_;
  Instant gossip_due_ = Instant::never();  // the next gossip tick, while updates are queued
  // The probe order: position p is member (a × p + b) mod members, a prime to members.
  Order order_;
  std::uint32_t order_position_ = 0;
};

}  // namespace halab
