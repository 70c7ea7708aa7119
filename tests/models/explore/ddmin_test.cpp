#include "models/explore/ddmin.hpp"

#include "models/rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

namespace halab {
namespace {

std::vector<int> one_to(int n) {
  std::vector<int> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), 1);
  return v;
}

bool contains_all(const std::vector<int>& items, const std::set<int>& needed) {
  return std::all_of(needed.begin(), needed.end(),
                     [&](int x) { return std::find(items.begin(), items.end(), x) != items.end(); });
}

TEST(Ddmin, FindsTheTwoItemsThatTogetherFail) {
  int calls = 0;
  const auto result = ddmin(one_to(8), [&](const std::vector<int>& s) {
    ++calls;
    return contains_all(s, {3, 7});
  });
  EXPECT_EQ(result, (std::vector<int>{3, 7}));
  EXPECT_LE(calls, 64);
}

TEST(Ddmin, KeepsASingleFailingItemAndNeverTriesTheEmptyList) {
  const auto result = ddmin(one_to(5), [](const std::vector<int>& s) {
    EXPECT_FALSE(s.empty());
    return contains_all(s, {5});
  });
  EXPECT_EQ(result, (std::vector<int>{5}));
  EXPECT_EQ(ddmin(std::vector<int>{9}, [](const std::vector<int>&) { return true; }), (std::vector<int>{9}));
}

// Monotone tests (fail iff a hidden set is included): ddmin returns exactly that set, in
// order, and the result is 1-minimal.
TEST(Ddmin, ReturnsTheHiddenCauseOfRandomMonotoneTests) {
  Rng rng(42);
  for (int round = 0; round < 200; ++round) {
    const int n = 1 + static_cast<int>(rng.uniform01() * 12);
    std::set<int> cause;
    for (int x = 1; x <= n; ++x)
      if (rng.bernoulli(0.25)) cause.insert(x);
    if (cause.empty()) cause.insert(n);
    const auto fails = [&](const std::vector<int>& s) { return contains_all(s, cause); };
    const auto result = ddmin(one_to(n), fails);
    EXPECT_EQ(result, std::vector<int>(cause.begin(), cause.end())) << "round " << round;
    for (std::size_t i = 0; i < result.size() && result.size() > 1; ++i) {
      auto without = result;
      without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
      EXPECT_FALSE(fails(without));
    }
  }
}

// A test that fails on "any two adjacent numbers": the result is a 1-minimal pair.
TEST(Ddmin, ResultIsOneMinimalForNonMonotoneTests) {
  const auto fails = [](const std::vector<int>& s) {
    for (std::size_t i = 1; i < s.size(); ++i)
      if (s[i] == s[i - 1] + 1) return true;
    return false;
  };
  const auto result = ddmin(one_to(10), fails);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result[1], result[0] + 1);
}

}  // namespace
}  // namespace halab
