#include "models/membership/broadcast_queue.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

int BroadcastQueue::retransmit_limit(int retransmit_mult, std::size_t nodes) {
  return retransmit_mult * static_cast<int>(std::ceil(std::log10(static_cast<double>(nodes) + 1.0)));
}

void BroadcastQueue::push(const SwimUpdate& update) {
  auto same = std::find_if(items_.begin(), items_.end(), [&](const Item& i) { return i.update.node == update.node; });
  if (same != items_.end()) items_.erase(same);
  items_.push_back({update, 0, next_id_++});
}

int BroadcastQueue::fill(SwimPacket& packet, int free_bytes, std::size_t nodes) {
  if (items_.empty()) return 0;
  // The queue's btree order: fewest transmits, then largest, then newest.
  std::sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
    if (a.transmits != b.transmits) return a.transmits < b.transmits;
    if (a.update.bytes() != b.update.bytes()) return a.update.bytes() > b.update.bytes();
    return a.id > b.id;
  });
  const int limit = retransmit_limit(retransmit_mult_, nodes);
  int added = 0;
  for (Item& item : items_) {
    if (packet.updates_count >= SwimPacket::kMaxUpdates) break;
    int cost = SwimPacket::kPerMessageBytes + item.update.bytes();
    if (free_bytes - SwimPacket::kPerMessageBytes <= 0) break;
    if (cost > free_bytes) continue;
    free_bytes -= cost;
    packet.updates[packet.updates_count++] = item.update;
    ++item.transmits;
    ++added;
  }
  std::erase_if(items_, [limit](const Item& i) { return i.transmits >= limit; });
  return added;
}

}  // namespace halab
