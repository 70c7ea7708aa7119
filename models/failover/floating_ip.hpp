// Who holds a floating IP, and where the network sends its packets.
//
// A member that takes the IP binds it and sends a gratuitous ARP, so the network's ARP
// entry moves to it (at once, or when its first GARP gets through: bind, then announce); releasing the IP gives the entry back to the most recent other holder,
// if any. A host that crashes stops holding the IP but nobody corrects the ARP entry, so
// packets keep going to the dead host until another member takes the IP: this is why
// clients see an outage for the whole detection time. Used by the simulation (keyed by host
// id) and by the metrics that replay a trace (keyed by name), so both follow one rule.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

namespace halab {

template <class Id>
class FloatingIp {
public:
  void take(const Id& h) {
    bind(h);
    announce(h);
  }
  // Binds the IP without announcing it: the ARP entry moves only when a gratuitous ARP
  // arrives (announce).
  void bind(const Id& h) {
    std::erase(holders_, h);
    holders_.push_back(h);
  }
  void announce(const Id& h) {
    if (holds(h)) arp_owner_ = h;
  }
  void release(const Id& h) {
    std::erase(holders_, h);
    if (arp_owner_ == h) arp_owner_ = holders_.empty() ? std::nullopt : std::optional<Id>(holders_.back());
  }
  // The holder is gone; the ARP entry is left pointing at it.
  void crashed(const Id& h) { std::erase(holders_, h); }

  bool holds(const Id& h) const { return std::find(holders_.begin(), holders_.end(), h) != holders_.end(); }
  std::size_t holder_count() const { return holders_.size(); }
  const std::optional<Id>& arp_owner() const { return arp_owner_; }

private:
  std::vector<Id> holders_;  // in the order they took the IP
  std::optional<Id> arp_owner_;
};

} // namespace halab
