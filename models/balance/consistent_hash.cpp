#include "models/balance/consistent_hash.hpp"

#include <boost/crc.hpp>

#include <algorithm>

namespace halab {

std::uint32_t ConsistentHashRing::crc32(const std::string& text) {
  boost::crc_32_type crc;  // the CRC-32 of ngx_crc32_long (ISO 3309, reflected 0xEDB88320)
  crc.process_bytes(text.data(), text.size());
  return crc.checksum();
}

ConsistentHashRing::ConsistentHashRing(const std::vector<std::string>& servers, const std::vector<int>& weights) {
  for (std::size_t s = 0; s < servers.size(); ++s) {
    const std::string& server = servers[s];
    const std::size_t colon = server.rfind(':');
    const std::string host = colon == std::string::npos ? server : server.substr(0, colon);
    const std::string port = colon == std::string::npos ? std::string() : server.substr(colon + 1);
    std::uint32_t prev = 0;
    for (int j = 0; j < weights[s] * kPointsPerWeight; ++j) {
      boost::crc_32_type crc;
      crc.process_bytes(host.data(), host.size());
      crc.process_byte(0);
      crc.process_bytes(port.data(), port.size());
      const unsigned char prev_bytes[4] = {static_cast<unsigned char>(prev), static_cast<unsigned char>(prev >> 8),
                                           static_cast<unsigned char>(prev >> 16), static_cast<unsigned char>(prev >> 24)};
      crc.process_bytes(prev_bytes, 4);
      prev = crc.checksum();
      points_.push_back({prev, s});
    }
  }
  // ngx_qsort by hash (not stable: among equal hashes nginx keeps one, the first after sorting)
  std::stable_sort(points_.begin(), points_.end(), [](const Point& a, const Point& b) { return a.hash < b.hash; });
  points_.erase(std::unique(points_.begin(), points_.end(), [](const Point& a, const Point& b) { return a.hash == b.hash; }),
                points_.end());
}

std::size_t ConsistentHashRing::first_point(const std::string& key) const {
  const std::uint32_t h = crc32(key);
  auto it = std::lower_bound(points_.begin(), points_.end(), h, [](const Point& p, std::uint32_t v) { return p.hash < v; });
  return static_cast<std::size_t>(it - points_.begin()) % points_.size();
}

}  // namespace halab
