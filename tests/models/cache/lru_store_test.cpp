#include "models/cache/lru_store.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

TEST(LruStore, EvictsTheLeastRecentlyUsed) {
  LruStore s(2);
  EXPECT_FALSE(s.get(1));
  s.set(1);
  s.set(2);
  EXPECT_TRUE(s.get(1));  // 1 is now the most recently used
  s.set(3);               // evicts 2
  EXPECT_TRUE(s.get(1));
  EXPECT_FALSE(s.get(2));
  EXPECT_TRUE(s.get(3));
  EXPECT_EQ(s.size(), 2u);
}

TEST(LruStore, ACopyIsIndependentAndKeepsTheOrder) {
  LruStore a(2);
  a.set(1);
  a.set(2);
  LruStore b(5);
  b = a;
  a.set(3);  // evicts 1 from a only
  EXPECT_FALSE(a.get(1));
  EXPECT_TRUE(b.get(1));  // 1 is b's most recent now
  b.set(4);               // b's capacity is a's: 2 evicts its least recent, 2
  EXPECT_FALSE(b.get(2));
  EXPECT_TRUE(b.get(4));
  EXPECT_EQ(b.size(), 2u);
}

TEST(LruStore, SettingAHeldKeyKeepsOneCopy) {
  LruStore s(3);
  s.set(5);
  s.set(5);
  EXPECT_EQ(s.size(), 1u);
  LruStore none(0);
  none.set(1);
  EXPECT_FALSE(none.get(1));
}

}  // namespace
}  // namespace halab
