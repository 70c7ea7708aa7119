// One node of a Pacemaker-style cluster running one resource (a service with its floating
// IP and its writes to shared storage), as a sans-I/O state machine. It is told its
// membership view and quorum, what peers run, fencing results and storage answers; it
// answers with actions. The rules are Pacemaker's (Pacemaker Explained: "Fencing",
// "Cluster Options"; the scheduler's handling of unclean nodes):
// - Only a partition with quorum manages resources; without quorum `no-quorum-policy`
//   decides (stop, freeze, ignore, suicide).
// - The designated coordinator (here: the lowest member index of the view) fences every
//   node that left the view while its state is unknown ("unclean"), through the fence
//   device; with watchdog (SBD) fencing it waits stonith-watchdog-timeout instead, after
//   which the lost node has certainly reset itself.
// - Startup fencing (`startup-fencing`, on by default): a node this process has not seen in
//   a view since it started is unclean too, and since nobody knows what it runs, nothing
//   starts until it is fenced or joins. A just-restarted node therefore never starts the
//   service beside an old holder it has not heard of in a view.
// - A resource whose last known node is unclean is blocked until that node is fenced: it
//   must not run twice. So is a resource that runs nowhere this partition can see while
//   any node is unclean: what an unclean node did since it was last heard is unknown.
//   With stonith disabled a lost node is assumed down at once (which is
//   what lets split brain happen).
// - A running resource stays where it is (stickiness); otherwise the highest-priority node
//   of the view starts it, with a new epoch one above every epoch seen.
// - Two nodes running it in one view (after a partition heals): the older epoch stops
//   (Pacemaker's multiple-active recovery, stop the extra copy).
// - Storage that refuses a write (a stale epoch, or resource-level fencing) stops the
//   resource; the node resyncs its epoch and starts nothing until its next view (the seed:
//   a node that sees epoch 99 after 100 knows it is out of date, stops serving and resyncs).
#pragma once

#include "models/quorum/no_quorum_policy.hpp"
#include "models/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace halab {

enum class FencingMode { none, device, watchdog };

struct ClusterNodeConfig {
  std::vector<int> priorities;  // per node; higher runs the resource
  FencingMode fencing = FencingMode::none;
  NoQuorumPolicy no_quorum_policy = NoQuorumPolicy::stop;
  Duration watchdog_wait = Duration::seconds(10);  // stonith-watchdog-timeout
};

struct ClusterAction {
  enum class Kind { start, stop, fence, self_fence };
  Kind kind;
  std::size_t target = 0;      // fence
  std::uint64_t epoch = 0;     // start
  std::string reason;
};

class ClusterNode {
public:
  // `known_epoch`: the highest epoch this node knew before it (re)started — Pacemaker keeps
  // its CIB, and the epoch in it, on disk across reboots.
  // `started`: when this process started (under watchdog fencing, a node unseen since then
  // has reset itself one wait later if it is not in a quorate partition).
  ClusterNode(ClusterNodeConfig config, std::size_t self, std::uint64_t known_epoch = 0, Instant started = {});

  // A new membership view (members[i]) and this node's quorum in it.
  std::vector<ClusterAction> on_view(Instant now, const std::vector<bool>& members, bool quorate);
  // A peer's heartbeat: whether it runs the resource, and with which epoch.
  std::vector<ClusterAction> on_peer(Instant now, std::size_t peer, bool running, std::uint64_t epoch);
  std::vector<ClusterAction> on_fence_result(Instant now, std::size_t target, bool succeeded);
  // The storage refused a write: stale epoch (highest known epoch given) or fenced.
  std::vector<ClusterAction> on_write_refused(Instant now, std::uint64_t highest_epoch, const std::string& why);
  std::vector<ClusterAction> on_timer(Instant now);
  std::optional<Instant> next_timer() const;

  bool running() const { return running_; }
  std::uint64_t epoch() const { return epoch_; }
  std::uint64_t highest_epoch() const { return highest_epoch_; }
  bool quorate() const { return quorate_; }
  bool is_dc() const;
  // Who this node believes runs the resource, if anyone it can see.
  std::optional<std::size_t> believed_holder() const;
  bool unclean(std::size_t n) const { return unclean_[n]; }
  // Why the resource is not running anywhere this node can see, if it is blocked.
  const std::string& blocked_reason() const { return blocked_; }

private:
  std::vector<ClusterAction> decide(Instant now);
  bool outranks(std::size_t a, std::size_t b) const;
  std::vector<ClusterAction> stop(const std::string& reason);

  ClusterNodeConfig config_;
  std::size_t self_;
  std::vector<bool> members_;
  bool quorate_ = false;
  bool running_ = false;
  std::uint64_t epoch_ = 0;
  std::uint64_t highest_epoch_ = 0;
  std::vector<bool> peer_running_;
  std::vector<std::uint64_t> peer_epoch_;
  std::vector<bool> unclean_;
  std::vector<bool> fence_pending_;
  std::vector<std::optional<Instant>> left_at_;  // watchdog mode: when each unclean node left
  std::optional<std::size_t> last_holder_;
  bool self_fenced_ = false;
  bool resyncing_ = false;
  std::string blocked_;
};

} // namespace halab
