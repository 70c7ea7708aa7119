// The Linux IPVS schedulers an LVS director runs for a new connection
// (net/netfilter/ipvs/ip_vs_rr.c, ip_vs_wrr.c, ip_vs_sh.c; ipvsadm(8)):
//
// - the destinations are a list to which keepalived adds a real server at the head
//   (`list_add_rcu` in __ip_vs_update_dest) and from which it deletes one its checker found
//   down; scheduling sees only the listed servers with weight > 0;
// - rr: the next listed server after the one chosen last (when that one is deleted, the
//   mark moves to the one before it);
// - wrr: the classic weighted round robin: a current weight `cw` starts at the largest
//   weight and falls by the weights' gcd each pass over the list; a pass picks, in list
//   order, every server whose weight is at least `cw` (weights 4, 3, 2 give A A B A B C A B
//   C); a change of the list restarts the pass at its head;
// - sh: source hashing: a 256-bucket table dealt to the listed servers in list order, each
//   taking `weight` consecutive buckets, rebuilt when the list changes; the client's
//   address hashes to a bucket (hash_32(addr, 8)). Without `sh-fallback` a bucket whose
//   server is unavailable has no destination.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace halab {

enum class IpvsMethod { rr, wrr, sh };

class IpvsScheduler {
 public:
  // `weights[i]` for real server i. The servers are added in order (so the last is listed
  // first), as keepalived adds a virtual server's real servers.
  IpvsScheduler(IpvsMethod method, std::vector<int> weights);

  // keepalived's checker: removes a real server found down, adds it back when it is up.
  void remove(std::size_t server);
  void add(std::size_t server);
  bool listed(std::size_t server) const { return listed_[server] != 0; }

  // The real server for a new connection from `client_addr`; nullopt when none is available.
  std::optional<std::size_t> schedule(std::uint32_t client_addr);

 private:
  static constexpr std::ptrdiff_t kHead = -1;  // the list's head (no server)
  void changed();
  std::optional<std::size_t> rr();
  std::optional<std::size_t> wrr();
  std::optional<std::size_t> sh(std::uint32_t client_addr) const;

  IpvsMethod method_;
  std::vector<int> weights_;
  std::vector<std::size_t> list_;  // the destinations, head first
  std::vector<char> listed_;       // per server: in list_ (asked per connection, so no search)
  std::ptrdiff_t mark_ = kHead;   // rr: the last chosen; wrr: the current position
  int cw_ = 0, mw_ = 0, di_ = 1;   // wrr
  std::vector<std::optional<std::size_t>> buckets_;  // sh
};

}  // namespace halab
