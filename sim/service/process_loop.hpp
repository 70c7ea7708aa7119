// The one loop every process runs, whatever its kind (keepalived, pacemaker, the CRM, a
// tier instance, an LVS director, a client). A kind supplies a small adapter — its process
// state — and the loop drives it in one documented order:
//
//   1. `start(now)` once, in the process's first turn (a fresh run or a restart);
//   2. sleep until the first of: the next message's arrival, `next_deadline()`;
//   3. `on_timers(now)`: everything due at or before now. Timers come before the message:
//      a process resuming from a pause finishes what was overdue (its write, its advert)
//      before it reads what happened meanwhile, and a message arriving exactly at a
//      deadline is read after that deadline's work;
//   4. `on_message(now, message)` if one arrived; `false` ends the process (it stopped
//      gracefully). Then back to 2.
//
// Nothing else drives a process: the adapter never waits, and never reads the network
// itself. A process has no SimGrid actor: the network's alarm for its endpoint runs its
// turns (steps 3 and 4 while anything is due, then 2) in SimGrid's maestro, which costs a
// kernel timer per wake-up instead of an actor's context switch and semaphore.
// A process can be frozen (a pause fault: its turns wait until it is thawed) and dies by
// being destroyed — never from inside its own turn.
#pragma once

#include "models/time.hpp"
#include "sim/net/network.hpp"

#include <concepts>
#include <string>
#include <utility>

namespace halab {

template <class P>
concept MemberProcess = requires(P& p, const P& cp, Instant t, const Message& m) {
  { p.start(t) };
  { cp.next_deadline() } -> std::same_as<Instant>;
  { p.on_timers(t) };
  { p.on_message(t, m) } -> std::same_as<bool>;
};

// One incarnation of a process at an endpoint; see above. Attached to the network from
// construction to destruction.
class ProcessLoop : public Receiver {
public:
  ProcessLoop(Network& network, Endpoint at, std::string name);
  virtual ~ProcessLoop();
  ProcessLoop(const ProcessLoop&) = delete;
  ProcessLoop& operator=(const ProcessLoop&) = delete;

  void turn() final;
  // A pause fault: no turn until thawed; then one at once, which finds what came meanwhile.
  void freeze() { frozen_ = true; }
  void thaw();
  // It stopped by itself (on_message returned false); it receives nothing any more.
  bool ended() const { return ended_; }

protected:
  virtual void start(Instant now) = 0;
  virtual Instant next_deadline() const = 0;
  virtual void on_timers(Instant now) = 0;
  virtual bool on_message(Instant now, const Message& m) = 0;

private:
  Network& network_;
  Endpoint at_;
  bool started_ = false;
  bool frozen_ = false;
  bool ended_ = false;
  bool in_turn_ = false;
};

// The loop around one adapter of type P, built in place from `args`.
template <MemberProcess P>
class LoopOf final : public ProcessLoop {
public:
  template <class... Args>
  LoopOf(Network& network, Endpoint at, std::string name, Args&&... args)
      : ProcessLoop(network, at, std::move(name)), process_(std::forward<Args>(args)...) {}

private:
  void start(Instant now) override { process_.start(now); }
  Instant next_deadline() const override { return process_.next_deadline(); }
  void on_timers(Instant now) override { process_.on_timers(now); }
  bool on_message(Instant now, const Message& m) override { return process_.on_message(now, m); }

  P process_;
};

}  // namespace halab
