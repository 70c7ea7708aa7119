// nginx's `hash KEY consistent` ring (src/http/modules/ngx_http_upstream_hash_module.c,
// ngx_http_upstream_init_chash and ngx_http_upstream_get_chash_peer; ketama, compatible
// with Cache::Memcached::Fast): each server "host:port" puts weight × 160 points on the
// ring, point j hashing crc32(host "\0" port, the previous point's hash as 4 little-endian
// bytes); points sorted, equal hashes kept once. A key is hashed with crc32 and goes to the
// first point at or after it (wrapping); if that point's server cannot take it (tried,
// failed, full), the next point is asked, at most 20 times before nginx falls back to round
// robin. Adding or removing a server moves only the keys of its own points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace halab {

class ConsistentHashRing {
 public:
  static constexpr int kPointsPerWeight = 160;
  static constexpr int kMaxTries = 20;

  // `servers[i]` is "host:port" (or "host") with weight `weights[i]`.
  ConsistentHashRing(const std::vector<std::string>& servers, const std::vector<int>& weights);

  static std::uint32_t crc32(const std::string& text);
  // The index of the first point for `key`'s hash (ngx_http_upstream_find_chash_point).
  std::size_t first_point(const std::string& key) const;
  // The server of the point `i` places after the first (wrapping).
  std::size_t server_at(std::size_t first, std::size_t i) const { return points_[(first + i) % points_.size()].server; }
  std::size_t points() const { return points_.size(); }

 private:
  struct Point {
    std::uint32_t hash;
    std::size_t server;
  };
  std::vector<Point> points_;
};

}  // namespace halab
