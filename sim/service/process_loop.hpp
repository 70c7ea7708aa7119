// The one loop every member process runs, whatever its kind (keepalived, pacemaker, the
// CRM, and the tiers to come). A kind supplies a small adapter — its process state — and
// the loop drives it in one documented order:
//
//   1. `start(now)` once, when the process begins (a fresh run or a restart);
//   2. wait until the first of: the next message's arrival, `next_deadline()`;
//   3. `on_timers(now)`: everything due at or before now. Timers come before the message:
//      a process resuming from a pause finishes what was overdue (its write, its advert)
//      before it reads what happened meanwhile, and a message arriving exactly at a
//      deadline is read after that deadline's work;
//   4. `on_message(now, message)` if one arrived; `false` ends the process (it stopped
//      gracefully). Then back to 2.
//
// Nothing else drives a member process: the adapter never waits, and never reads the
// network itself.
#pragma once

#include "models/time.hpp"
#include "sim/net/network.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <concepts>

namespace halab {

template <class P>
concept MemberProcess = requires(P& p, const P& cp, Instant t, const Message& m) {
  { p.start(t) };
  { cp.next_deadline() } -> std::same_as<Instant>;
  { p.on_timers(t) };
  { p.on_message(t, m) } -> std::same_as<bool>;
};

template <MemberProcess P>
void run_process(Network& network, Endpoint at, P& process) {
  auto now = [] { return Instant::at_seconds(simgrid::s4u::Engine::get_clock()); };
  process.start(now());
  for (;;) {
    auto message = network.receive_before(at, process.next_deadline().to_seconds());
    const Instant t = now();
    process.on_timers(t);
    if (message && !process.on_message(t, *message)) return;
  }
}

}  // namespace halab
