// The way down from one tier instance to the tier it calls (docs/six-tiers.md): the
// instance's own upstream pool (models/balance/upstream_pool: nginx's balancer, passive
// checks and proxy_next_upstream retries), each attempt with its timeout; around that the
// edge's resilience — a circuit breaker (Resilience4j), whole-call retries with back-off
// and budget (Envoy), a weak dependency's fallback — HAProxy-style active checks of every
// server of the pool, an optional client connection pool (models/balance/connection_pool:
// a bounded number of calls at once, handshakes that time out on a dead host) and an
// optional service registry whose list lags the truth; and an optional buffer queue
// (models/resilience/buffer_queue) that accepts a call at once and delivers it later, at
// its drain rate, through all of the above. Calling a database, writes go to its write IP
// (wherever the network's ARP entry sends them: one attempt per round, no other server to
// try) and reads to the pool of its read-pool instances. A tier process hands it a job to
// call down and hears back once, with the job's outcome.
#pragma once

#include "models/balance/connection_pool.hpp"
#include "models/balance/health_check.hpp"
#include "models/balance/upstream_pool.hpp"
#include "models/resilience/buffer_queue.hpp"
#include "models/resilience/circuit_breaker.hpp"
#include "models/resilience/retry_policy.hpp"
#include "sim/stack/server_probes.hpp"
#include "sim/stack/tier_instance.hpp"

#include <optional>
#include <unordered_map>
#include <vector>

namespace halab {

class UpstreamCaller {
 public:
  // How a call down ended, for the tier that made it.
  struct Outcome {
    CallFailure failure = CallFailure::none;
    std::int16_t blame = -1;  // the tier where the failure began
    bool degraded = false;
  };
  class Listener {
   public:
    virtual void call_done(Instant now, std::uint64_t job, const Outcome& outcome) = 0;

   protected:
    ~Listener() = default;
  };

  // For the instance `me` (of a tier with an upstream); both outlive it.
  UpstreamCaller(TierInstance& me, Listener& listener);

  void start(Instant now);
  // The earliest of its timers (infinite when none).
  Instant next_deadline() const;
  void on_timers(Instant now);
  // Calls down for `job`; the outcome comes back through the listener, possibly at once.
  // `origin` and `write` go down with every attempt (the client request it serves).
  void call(Instant now, std::uint64_t job, std::uint64_t origin, bool write);
  // Answers from below (replies, check answers); false if `m` is not for the caller.
  bool on_message(Instant now, const Message& m);
  // A hang: whatever was in flight is forgotten, never answered (a buffered call being
  // delivered waits in the queue again).
  void drop_all(Instant now);
  // Calls its buffer queue accepted and has not delivered yet.
  long buffered() const { return buffer_ ? buffer_->held() : 0; }

 private:
  struct Call {
    std::optional<UpstreamPool::Attempts> attempts;
    std::size_t server = 0;
    int tries = 0;
    Instant first_try;
    CallFailure failure = CallFailure::none;  // the last attempt's
    std::int16_t blame = -1;
    bool degraded = false;  // the answer from below was degraded
    int round = 0;          // retries of the whole call so far (Envoy's)
    Instant round_started;
    bool leased = false;    // it holds a pooled connection
    std::uint64_t origin = 0;
    bool write = false;
    bool to_vip = false;  // a write to a database's write IP
    std::optional<Instant> accepted;  // a delivery from the buffer queue: when its call was accepted
  };
  // The high bit tells a handshake's id from an active check's.
  static constexpr std::uint64_t kHandshake = std::uint64_t{1} << 63;
  // Deliveries from the buffer queue are calls of their own, apart from the tier's jobs.
  static constexpr std::uint64_t kDelivery = std::uint64_t{1} << 62;

  void start_call(Instant now, std::uint64_t job, std::uint64_t origin, bool write, std::optional<Instant> accepted);
  void deliver_due(Instant now);
  void delivery_ended(Instant now, const Call& c, bool ok);
  void note_buffer();
  void on_reply(Instant now, const msg::Reply& r);
  void begin_round(Instant now, std::uint64_t job);
  void round_ended(Instant now, std::uint64_t job, CallFailure failure, std::int16_t blame);
  void attempt_next(Instant now, std::uint64_t job);
  std::optional<std::size_t> vip_instance() const;
  void send_attempt(Instant now, std::uint64_t job);
  void attempt_failed(Instant now, std::uint64_t job, CallFailure why);
  void sync_registry(Instant now);
  void finish(Instant now, std::uint64_t job, CallFailure failure, std::int16_t blame);
  void check_ended(Instant now, std::size_t server, bool passed);

  TierInstance& me_;
  const UpstreamSpec& spec_;
  const TierRun& callee_;
  const ServiceRun* write_vip_;  // a database's: where its writes go
  Listener& listener_;
  UpstreamPool pool_;
  std::optional<RetryPolicy> retry_;
  std::optional<CircuitBreaker> breaker_;
  std::unordered_map<std::uint64_t, Call> calls_;        // job -> its call down
  std::unordered_map<std::uint64_t, std::uint64_t> attempts_;  // attempt in flight -> job
  std::uint64_t next_attempt_ = 0;
  TimerHeap timeouts_;  // (deadline, attempt)
  TimerHeap backoffs_;  // (retry at, job): a retry of the whole call waiting out its back-off
  std::vector<HealthCheck> checks_;  // per server of the pool, with active checks
  ServerProbes probes_;
  std::optional<ConnectionPool> connections_;
  std::optional<BufferQueue> buffer_;
  std::vector<Instant> skipped_until_;  // per server: the last `upstream.failed` written
  std::uint64_t next_delivery_ = 0;
  std::unordered_map<std::uint64_t, std::uint64_t> handshakes_;  // handshake in flight -> job
  TimerHeap handshake_timeouts_;                                   // (deadline, handshake)
  std::size_t registry_seen_ = 0;  // entries of the called tier's lifecycle in the view so far
  int releases_ = 0;               // connections given back, not yet passed on
  bool releasing_ = false;
  long retrying_ = 0;  // calls in a retry (the budget's active retries)
};

}  // namespace halab
