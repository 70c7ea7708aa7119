#include "sim/net/network.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace halab {
namespace sg4 = simgrid::s4u;

Network::Network(std::vector<sg4::Host*> hosts, std::uint64_t seed)
    : hosts_(std::move(hosts)), inboxes_(hosts_.size()), alarms_([this](AlarmClock::Owner e) { ring(e); }),
      closed_(hosts_.size(), false), down_(hosts_.size(), false), host_links_(hosts_.size()), loss_rng_(Rng::stream(seed, "network:loss")) {
  for (HostId h = 0; h < hosts_.size(); ++h) host_of_.push_back(h);
}

Endpoint Network::open_endpoint(HostId h) {
  inboxes_.emplace_back();
  host_of_.push_back(h);
  closed_.push_back(false);
  return static_cast<Endpoint>(inboxes_.size() - 1);
}

bool Network::partitioned(HostId from, HostId to) const {
  for (const auto& p : partitions_) {
    int a = p.group_of[from];
    int b = p.group_of[to];
    if (a >= 0 && b >= 0 && a != b && (!p.one_way || a == 0)) return true;
  }
  return false;
}

std::vector<sg4::Link*> Network::simgrid_route(HostId from, HostId to) const {
  std::vector<sg4::Link*> links;
  double latency = 0;
  hosts_[from]->route_to(hosts_[to], links, &latency);
  return links;
}

const Network::HostLinks& Network::host_links(HostId h) {
  HostLinks& l = host_links_[h];
  if (l.epoch == links_epoch_) return l;
  auto read_state = [&] {  // the NIC's state and latency, as of now
    l.up_on = l.up->is_on();
    l.down_on = l.down->is_on();
    l.up_latency_s = l.up->get_latency();
    l.down_latency_s = l.down->get_latency();
    l.epoch = links_epoch_;
  };
  if (l.up) {  // learnt; a link changed since
    read_state();
    return l;
  }
  // A route out of the host starts with its NIC going up; one into it ends with it going down.
  HostId other = h == 0 ? 1 : 0;
  std::vector<sg4::Link*> out = simgrid_route(h, other);
  std::vector<sg4::Link*> in = simgrid_route(other, h);
  if (out.empty() || in.empty()) throw std::logic_error("host " + hosts_[h]->get_name() + " has no NIC on its routes");
  l.up = out.front();
  l.down = in.back();
  l.up_bytes_per_s = l.up->get_bandwidth();
  l.down_bytes_per_s = l.down->get_bandwidth();
  read_state();
  const sg4::NetZone* zone = hosts_[h]->get_englobing_zone();
  auto z = std::find(zones_.begin(), zones_.end(), zone);
  l.zone = static_cast<std::uint32_t>(z - zones_.begin());
  if (z == zones_.end()) {
    // A new datacenter: the table of middles grows from n² to (n + 1)², keeping its entries.
    std::size_t n = zones_.size();
    std::vector<Middle> grown((n + 1) * (n + 1));
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) grown[a * (n + 1) + b] = std::move(middles_[a * n + b]);
    middles_ = std::move(grown);
    zones_.push_back(zone);
  }
  return l;
}

Network::Route Network::route(HostId from, HostId to) {
  Route r;
  if (from == to || hosts_.size() < 2) {  // not between two hosts' NICs: SimGrid's route as it is
    std::vector<sg4::Link*> links = simgrid_route(from, to);
    if (links.size() > kMaxRouteLinks) throw std::logic_error("a route of more than 8 links");
    r.bottleneck_bytes_per_s = std::numeric_limits<double>::infinity();
    for (sg4::Link* link : links) {
      r.on = r.on && link->is_on();
      r.latencies_s[r.count] = link->get_latency();
      r.links[r.count++] = link;
      r.bottleneck_bytes_per_s = std::min(r.bottleneck_bytes_per_s, link->get_bandwidth());
    }
    return r;
  }
  const HostLinks& a = host_links(from);
  const HostLinks& b = host_links(to);
  Middle& m = middles_[a.zone * zones_.size() + b.zone];
  if (!m.known) {
    std::vector<sg4::Link*> links = simgrid_route(from, to);
    if (links.size() < 2 || links.front() != a.up || links.back() != b.down || links.size() > kMaxRouteLinks)
      throw std::logic_error("the route from " + hosts_[from]->get_name() + " to " + hosts_[to]->get_name() +
                             " is not NIC, datacenter links, NIC");
    m.links.assign(links.begin() + 1, links.end() - 1);
    m.bottleneck_bytes_per_s = std::numeric_limits<double>::infinity();
    for (sg4::Link* link : m.links) m.bottleneck_bytes_per_s = std::min(m.bottleneck_bytes_per_s, link->get_bandwidth());
    m.known = true;
  }
  r.on = a.up_on && b.down_on;
  r.latencies_s[r.count] = a.up_latency_s;
  r.links[r.count++] = a.up;
  for (sg4::Link* link : m.links) {  // shared by many routes, and few: asked of SimGrid
    r.on = r.on && link->is_on();
    r.latencies_s[r.count] = link->get_latency();
    r.links[r.count++] = link;
  }
  r.latencies_s[r.count] = b.down_latency_s;
  r.links[r.count++] = b.down;
  // The minimum in SimGrid's order: up, the middle in its order, down.
  r.bottleneck_bytes_per_s = std::min(std::min(a.up_bytes_per_s, m.bottleneck_bytes_per_s), b.down_bytes_per_s);
  return r;
}

bool Network::lost(std::span<sg4::Link* const> links) {
  if (loss_.empty()) return false;
  double keep = 1.0;
  for (const auto* link : links) {
    auto l = loss_.find(link);
    if (l != loss_.end()) keep *= 1.0 - l->second;
  }
  return keep < 1.0 && loss_rng_.bernoulli(1.0 - keep);
}

void Network::send(Endpoint to_endpoint, std::unique_ptr<Message> message, std::uint64_t bytes, Order order) {
  const HostId from = host_of_[message->from];
  const HostId to = host_of_[to_endpoint];
  if (down_[from] || down_[to] || closed_[to_endpoint]) {
    ++stats_.dropped_down;
    return;
  }
  if (partitioned(from, to)) {
    ++stats_.dropped_partition;
    return;
  }
  const Route r = route(from, to);
  if (!r.on) {
    ++stats_.dropped_link_off;
    return;
  }
  double delay = static_cast<double>(bytes) / r.bottleneck_bytes_per_s;
  for (std::size_t i = 0; i < r.count; ++i) delay += r.latencies_s[i];
  if (lost(r.span())) {
    ++stats_.dropped_loss;
    return;
  }
  ++stats_.sent;
  if (deliveries_) deliveries_->push_back({sg4::Engine::get_clock(), from, to});
  double arrives = sg4::Engine::get_clock() + delay;
  if (order == Order::fifo) {
    // Ties keep the order sent: the queue breaks them by sequence.
    double& last = stream_arrivals_[(std::uint64_t{message->from} << 32) | to_endpoint];
    arrives = std::max(arrives, last);
    last = arrives;
  }
  enqueue(to_endpoint, arrives, std::move(message));
}

void Network::post(Endpoint to, std::unique_ptr<Message> message) {
  enqueue(to, sg4::Engine::get_clock(), std::move(message));
}

bool Network::frame_gets_through(const std::vector<sg4::Link*>& links) {
  if (!std::all_of(links.begin(), links.end(), [](const sg4::Link* l) { return l->is_on(); })) return false;
  return !lost(links);
}

bool Network::reachable(HostId from, HostId to) {
  if (down_[from] || down_[to] || partitioned(from, to)) return false;
  return route(from, to).on;
}

void Network::enqueue(Endpoint to, double arrives, std::unique_ptr<Message> message) {
  Inbox& inbox = inboxes_[to];
  inbox.queue.push({arrives, sequence_++, std::move(message)});
  // A receiver asleep past this arrival is woken at the arrival (a message posted for now:
  // at once, after the current turn). After halt() the alarm clock sets nothing.
  if (inbox.sleeping_until >= 0 && arrives < inbox.sleeping_until) set_alarm(to, arrives);
}

void Network::set_alarm(Endpoint e, double at) {
  inboxes_[e].sleeping_until = at;
  alarms_.set(e, at);
}

// The alarm of `e` rang: its receiver's turn.
void Network::ring(Endpoint e) {
  Inbox& inbox = inboxes_[e];
  inbox.sleeping_until = -1;
  if (inbox.receiver) inbox.receiver->turn();
}

void Network::attach(Endpoint e, Receiver& r, std::string name) {
  Inbox& inbox = inboxes_[e];
  inbox.receiver = &r;
  inbox.name = std::move(name);
  inbox.idle_at_s = -1;
  set_alarm(e, sg4::Engine::get_clock());
}

void Network::detach(Endpoint e, const Receiver& r) {
  Inbox& inbox = inboxes_[e];
  if (inbox.receiver != &r) return;  // another receiver took its place already
  alarms_.cancel(e);
  inbox.receiver = nullptr;
  inbox.sleeping_until = -1;
}

std::unique_ptr<Message> Network::take_arrived(Endpoint self) {
  Inbox& inbox = inboxes_[self];
  if (inbox.queue.empty() || inbox.queue.top().arrives_s > sg4::Engine::get_clock()) return nullptr;
  // The queue holds const elements; the message is moved out just before the pop.
  auto message = std::move(const_cast<InFlight&>(inbox.queue.top()).message);
  inbox.queue.pop();
  return message;
}

void Network::sleep_until(Endpoint self, double deadline) {
  Inbox& inbox = inboxes_[self];
  if (!inbox.receiver) return;
  const double now = sg4::Engine::get_clock();
  const double wake_at = std::max(now, inbox.queue.empty() ? deadline : std::min(deadline, inbox.queue.top().arrives_s));
  if (std::isinf(wake_at)) {  // until a message comes
    inbox.sleeping_until = wake_at;
    alarms_.cancel(self);
  } else {
    set_alarm(self, wake_at);
  }
}

bool Network::idle_turn(Endpoint self) {
  Inbox& inbox = inboxes_[self];
  const double now = sg4::Engine::get_clock();
  if (inbox.idle_at_s != now) {
    inbox.idle_at_s = now;
    inbox.idle_turns = 0;
  }
  if (++inbox.idle_turns <= kMaxIdleTurns) return false;
  stall_ = Stall{inbox.name, now};
  halt();
  sg4::Actor::kill_all();
  return true;
}

void Network::halt() {
  alarms_.stop();
  for (auto& inbox : inboxes_) inbox.sleeping_until = -1;
}

void Network::clear(Endpoint e) {
  inboxes_[e].queue = {};
  alarms_.cancel(e);
  inboxes_[e].sleeping_until = -1;
}

int Network::add_partition(const std::vector<std::vector<HostId>>& groups, bool one_way) {
  Partition p{next_partition_id_++, std::vector<int>(hosts_.size(), -1), one_way};
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (HostId h : groups[g]) p.group_of[h] = static_cast<int>(g);
  partitions_.push_back(std::move(p));
  return partitions_.back().id;
}

void Network::remove_partition(int id) {
  std::erase_if(partitions_, [id](const Partition& p) { return p.id == id; });
}

void Network::set_link_on(sg4::Link* link, bool on) {
  if (on) link->turn_on();
  else link->turn_off();
  ++links_epoch_;
}

void Network::set_link_latency(sg4::Link* link, double latency_s) {
  link->set_latency(latency_s);
  ++links_epoch_;
}

void Network::set_loss(const sg4::Link* link, double probability) {
  if (probability > 0) loss_[link] = probability;
  else loss_.erase(link);
}

} // namespace halab
