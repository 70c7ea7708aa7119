// A tier instance's cache client (docs/six-tiers.md): the look-aside cache of the seed's
// service tier. A read's key is looked up before the read goes down — on one server with
// `shard` (twemproxy's ketama ring: a dead shard answers nothing, its keys are misses and
// are not rehashed to another shard), or on each server in turn with `double` (memcached
// clients writing every key to two servers). A get unanswered within the edge's timeout
// counts as a miss. After a miss is read below, and after a write, the key is set — on
// its shard, or on every server. With `sentinel` (Redis with Sentinel) everything goes to
// the master, which the client asks a Sentinel for (get-master-addr-by-name) at start and
// after a get times out or a set is refused with -READONLY (it wrote to a replica), at most
// once a second, and which the Sentinel it asked tells it when it switches
// (+switch-master); until it knows one, every read is a miss.
#pragma once

#include "models/balance/consistent_hash.hpp"
#include "models/cache/lru_store.hpp"
#include "sim/stack/tier_instance.hpp"

#include <optional>
#include <unordered_map>

namespace halab {

// Where a key lives among a cache tier's servers: its shard on a ketama ring, or — with
// double writes — every server, asked in turn from one chosen by the key.
class KeyPlacement {
 public:
  KeyPlacement(const CacheEdgeSpec& edge, const TierSpec& servers);
  // The `nth` server for `key` (nth < per_key()).
  std::size_t server(std::uint64_t key, std::size_t nth) const;
  std::size_t per_key() const { return per_key_; }

 private:
  std::optional<ConsistentHashRing> ring_;
  std::size_t servers_;
  std::size_t per_key_;
};

// What cache server `server` of `tier` holds when the run starts: the most popular keys
// that live on it, up to its capacity, as a server that has run for long holds (an LRU
// keeps the hot set); the most popular is the most recently used.
void warm_cache(const RunContext& ctx, const TierRun& tier, std::size_t server, LruStore& store);

class CacheClient {
 public:
  class Listener {
   public:
    virtual void lookup_done(Instant now, std::uint64_t job, bool hit) = 0;

   protected:
    ~Listener() = default;
  };

  CacheClient(TierInstance& me, Listener& listener);

  void start(Instant now);
  // Looks `key` up for `job`; the answer comes through the listener (at once when no
  // server is known).
  void lookup(Instant now, std::uint64_t job, std::uint64_t key);
  // Sets `key` where it belongs (unanswered).
  void store(std::uint64_t key);
  Instant next_deadline() const;
  void on_timers(Instant now);
  // Answers to its gets; false if `m` is not one.
  bool on_message(Instant now, const Message& m);
  // A hang: the lookups in flight are forgotten.
  void drop_all();

 private:
  struct Lookup {
    std::uint64_t job;
    std::uint64_t key;
    std::size_t tried;  // servers asked so far
  };
  void ask(std::uint64_t id, const Lookup& l, Instant now);
  void answered(Instant now, std::uint64_t id, bool hit);
  std::size_t server_for(const Lookup& l) const;
  void ask_sentinel(Instant now);

  TierInstance& me_;
  const CacheEdgeSpec& spec_;
  const TierRun& servers_;
  Listener& listener_;
  KeyPlacement placement_;
  std::unordered_map<std::uint64_t, Lookup> lookups_;  // get in flight -> its lookup
  TimerHeap timeouts_;  // (deadline, get)
  std::uint64_t next_id_ = 0;
  // sentinel: the master as last told, which Sentinel to ask next, and when it may.
  const CacheRun* sentinels_ = nullptr;
  std::optional<std::size_t> master_;
  std::size_t next_sentinel_ = 0;
  Instant next_ask_;
};

}  // namespace halab
