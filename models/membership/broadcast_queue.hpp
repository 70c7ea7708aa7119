// memberlist's TransmitLimitedQueue (memberlist/queue.go): membership updates waiting to be
// piggybacked. Each is sent at most RetransmitMult × ceil(log10(n + 1)) times; a packet
// takes the least-sent first, then the largest, then the newest, while they fit in its
// free bytes; a new update about a node replaces the one queued for it (named broadcasts
// invalidate each other).
#pragma once

#include "models/membership/swim_packet.hpp"

#include <cstdint>
#include <vector>

namespace halab {

class BroadcastQueue {
public:
  explicit BroadcastQueue(int retransmit_mult) : retransmit_mult_(retransmit_mult) {}

  // retransmitLimit(mult, n) = mult × ceil(log10(n + 1)).
  static int retransmit_limit(int retransmit_mult, std::size_t nodes);

  void push(const SwimUpdate& update);
  // Appends to `packet` the updates that fit in `free_bytes` (each costs its size and the
  // compound per-part overhead), counting a transmission for each; `nodes` is the member
  // count the limit scales with. Returns how many were added.
  int fill(SwimPacket& packet, int free_bytes, std::size_t nodes);
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

private:
  struct Item {
    SwimUpdate update;
    int transmits = 0;
    std::uint64_t id = 0;  // order of queueing: newer first among equals
  };
  int retransmit_mult_;
  std::uint64_t next_id_ = 0;
  std::vector<Item> items_;
};

}  // namespace halab
