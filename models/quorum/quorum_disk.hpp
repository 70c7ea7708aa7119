// The quorum disk of the seed (and of cman's qdiskd): every node writes a heartbeat to a
// shared disk block periodically; a node silent on the disk for longer than the timeout is
// dead to the disk. The disk's votes go to one partition: the one holding the lowest node id
// among the nodes still writing (qdiskd's master). So when a node loses its storage path
// its side loses the tie, and when both sides still write the lower ids win.
#pragma once

#include "models/time.hpp"

#include <optional>
#include <vector>

namespace halab {

class QuorumDisk {
public:
  QuorumDisk(std::size_t nodes, Duration timeout) : last_write_(nodes), timeout_(timeout) {}

  void write(Instant now, std::size_t node) { last_write_.at(node) = now; }
  // The node whose partition gets the disk's votes, if any node is still writing.
  std::optional<std::size_t> master(Instant now) const {
    for (std::size_t n = 0; n < last_write_.size(); ++n)
      if (last_write_[n] && now - *last_write_[n] <= timeout_) return n;
    return std::nullopt;
  }

private:
  std::vector<std::optional<Instant>> last_write_;
  Duration timeout_;
};

} // namespace halab
