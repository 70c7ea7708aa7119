// What SWIM members send each other, as HashiCorp memberlist encodes it (memberlist/net.go,
// state.go, queue.go): a ping, an ack, an indirect ping request, a nack or a bare gossip
// packet, each carrying up to a UDP buffer's worth (1400 bytes) of piggybacked membership
// updates — alive, suspect and dead messages. Members are indices, not names.
//
// Sizes are estimates of memberlist's msgpack encoding with field names and 10-character
// node names (alive carries address, port, meta and protocol versions): they only decide how
// many updates share a packet, as memberlist's byte budget does.
#pragma once

#include <array>
#include <cstdint>

namespace halab {

struct SwimUpdate {
  enum class Kind : std::uint8_t { alive, suspect, dead };
  Kind kind = Kind::alive;
  std::uint32_t node = 0;
  std::uint32_t incarnation = 0;
  std::uint32_t from = 0;  // suspect and dead: who accuses (dead from the node itself: it left)

  // Estimated encoded size, one type byte included.
  int bytes() const { return kind == Kind::alive ? 78 : 51; }
};

struct SwimPacket {
  enum class Kind : std::uint8_t { ping, ack, ping_req, nack, gossip };
  static constexpr int kBufferBytes = 1400;         // UDPBufferSize
  static constexpr int kCompoundHeaderBytes = 2;    // compoundHeaderOverhead
  static constexpr int kPerMessageBytes = 2;        // compoundOverhead, per part
  static constexpr std::size_t kMaxUpdates = 32;    // 1400 bytes hold at most ~26 updates

  Kind kind = Kind::gossip;
  std::uint32_t seq = 0;     // ping, ack, ping_req, nack: the probe's sequence number
  std::uint32_t target = 0;  // ping: the node meant; ping_req: the node to probe
  std::uint8_t updates_count = 0;
  std::array<SwimUpdate, kMaxUpdates> updates{};

  // Estimated size of the message itself (without piggybacked updates).
  int bytes() const {
    switch (kind) {
      case Kind::ping: return 75;
      case Kind::ping_req: return 100;
      case Kind::ack: return 20;
      case Kind::nack: return 10;
      case Kind::gossip: return 0;
    }
    return 0;
  }

  // Estimated UDP payload: the message and the updates piggybacked on it, as a compound
  // message (its header, and each part's overhead) when any ride along.
  int payload_bytes() const {
    if (updates_count == 0) return bytes();
    int b = kCompoundHeaderBytes + (kind == Kind::gossip ? 0 : kPerMessageBytes + bytes());
    for (std::size_t i = 0; i < updates_count; ++i) b += kPerMessageBytes + updates[i].bytes();
    return b;
  }
};

}  // namespace halab
