#include "models/balance/consistent_hash.hpp"

#include <gtest/gtest.h>

#include <map>

namespace halab {

TEST(ConsistentHashRing, Crc32IsTheIsoCrc) {
  EXPECT_EQ(ConsistentHashRing::crc32("123456789"), 0xCBF43926u);  // the CRC-32 check value
}

TEST(ConsistentHashRing, EachServerHas160PointsPerWeight) {
  ConsistentHashRing ring({"a:80", "b:80"}, {1, 2});
  EXPECT_EQ(ring.points(), 480u);  // no two of these hash alike
}

TEST(ConsistentHashRing, KeysSpreadByWeightAndStayPut) {
  ConsistentHashRing ring({"a:80", "b:80", "c:80"}, {1, 1, 2});
  std::map<std::size_t, int> count;
  for (int k = 0; k < 4000; ++k) ++count[ring.server_at(ring.first_point("10.0." + std::to_string(k / 250) + "." + std::to_string(k % 250)), 0)];
  EXPECT_NEAR(count[2] / 4000.0, 0.5, 0.06);
  EXPECT_EQ(ring.server_at(ring.first_point("10.0.0.7"), 0), ring.server_at(ring.first_point("10.0.0.7"), 0));
}

TEST(ConsistentHashRing, RemovingAServerMovesOnlyItsKeys) {
  ConsistentHashRing three({"a:80", "b:80", "c:80"}, {1, 1, 1});
  ConsistentHashRing two({"a:80", "b:80"}, {1, 1});
  for (int k = 0; k < 2000; ++k) {
    const std::string key = "key" + std::to_string(k);
    const std::size_t before = three.server_at(three.first_point(key), 0);
    if (before != 2) {
      EXPECT_EQ(two.server_at(two.first_point(key), 0), before) << key;
    }
  }
}

// scripts/nginx_upstream_check.sh: nginx 1.22.1, `hash $arg_k consistent` over three servers,
// keys k0..k19.
TEST(ConsistentHashRing, PicksWhatNginxPicks) {
  ConsistentHashRing ring({"127.0.0.1:9101", "127.0.0.1:9102", "127.0.0.1:9103"}, {1, 1, 1});
  std::string picks;
  for (int k = 0; k < 20; ++k) picks += "abc"[ring.server_at(ring.first_point("k" + std::to_string(k)), 0)];
  EXPECT_EQ(picks, "aaacabcaacabbcbcbbaa");
}

}  // namespace halab
