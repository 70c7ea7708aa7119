#include "models/balance/upstream_pool.hpp"

#include <gtest/gtest.h>

#include <string>

namespace halab {
namespace {

Instant at(double s) { return Instant::at_seconds(s); }

UpstreamServer server(std::string name, int weight = 1, bool backup = false) {
  UpstreamServer s;
  s.name = std::move(name);
  s.weight = weight;
  s.backup = backup;
  return s;
}

// One request that succeeds on its first attempt; the server's name.
std::string serve(UpstreamPool& pool, Instant t, Rng& rng) {
  auto a = pool.begin(0);
  auto s = pool.pick(t, a, rng);
  if (!s) return "-";
  pool.finished(t, *s, false, a);
  return pool.server(*s).name;
}

// One request whose first attempt fails, retried as proxy_next_upstream does.
std::string fail_then_serve(UpstreamPool& pool, Instant t, Rng& rng) {
  auto a = pool.begin(0);
  auto s = pool.pick(t, a, rng);
  pool.finished(t, *s, true, a);
  auto next = pool.pick(t, a, rng);
  if (!next) return "-";
  pool.finished(t, *next, false, a);
  return pool.server(*next).name;
}

// Requests at `t` until one lands on server `i`, which ends as `failed` says (the others
// succeed).
void attempt_on(UpstreamPool& pool, Instant t, std::size_t i, bool failed, Rng& rng) {
  for (;;) {
    auto a = pool.begin(0);
    auto s = pool.pick(t, a, rng);
    ASSERT_TRUE(s);
    pool.finished(t, *s, *s == i && failed, a);
    if (*s == i) return;
  }
}

}  // namespace

// nginx's commit 52327e0627f4 ("smooth weighted round-robin"): weights 5, 1, 1 give
// a a b a c a a.
TEST(UpstreamPool, SmoothWeightedRoundRobinInterleaves) {
  UpstreamPool pool({server("a", 5), server("b"), server("c")}, BalanceMethod::round_robin);
  Rng rng(1);
  std::string seq;
  for (int i = 0; i < 7; ++i) seq += serve(pool, at(0), rng);
  EXPECT_EQ(seq, "aabacaa");
}

TEST(UpstreamPool, AFailedServerIsSkippedForFailTimeoutInWholeSeconds) {
  UpstreamPool pool({server("a"), server("b")}, BalanceMethod::round_robin);
  Rng rng(1);
  EXPECT_EQ(fail_then_serve(pool, at(3.2), rng), "b");  // a failed at second 3 (max_fails 1)
  EXPECT_FALSE(pool.available(at(13.9), 0));            // 13 - 3 <= 10
  EXPECT_EQ(serve(pool, at(13.9), rng), "b");
  EXPECT_TRUE(pool.available(at(14.0), 0));              // 14 - 3 > 10
  EXPECT_EQ(pool.skipped_until(0), at(14.0));            // what a viewer shows as its belief
  EXPECT_EQ(pool.skipped_until(1), std::nullopt);
}

TEST(UpstreamPool, AProbeAfterFailTimeoutRevivesOrDisablesAgain) {
  UpstreamPool pool({server("a"), server("b")}, BalanceMethod::round_robin);
  Rng rng(1);
  attempt_on(pool, at(0), 0, true, rng);
  EXPECT_EQ(pool.fails(0), 1);
  attempt_on(pool, at(11), 0, false, rng);  // the probe succeeds: failures cleared
  EXPECT_EQ(pool.fails(0), 0);
  attempt_on(pool, at(20), 0, true, rng);
  attempt_on(pool, at(31), 0, true, rng);  // the probe fails: another fail_timeout
  EXPECT_FALSE(pool.available(at(41), 0));
  EXPECT_TRUE(pool.available(at(42), 0));
}

TEST(UpstreamPool, MaxFailsCountsFailuresBeforeDisabling) {
  UpstreamServer a = server("a");
  a.max_fails = 3;
  UpstreamPool pool({a, server("b")}, BalanceMethod::least_conn);
  Rng rng(1);
  for (int i = 0; i < 2; ++i) {
    auto r = pool.begin(0);
    auto s = pool.pick(at(1), r, rng);
    pool.finished(at(1), 0, true, r);  // least_conn: both idle, a first by order
    (void)s;
  }
  EXPECT_TRUE(pool.available(at(1), 0));
  auto r = pool.begin(0);
  pool.pick(at(1), r, rng);
  pool.finished(at(1), 0, true, r);
  EXPECT_FALSE(pool.available(at(1), 0));
}

TEST(UpstreamPool, BackupServesOnlyWhenNoPrimaryCan) {
  UpstreamPool pool({server("a"), server("b"), server("spare", 1, true)}, BalanceMethod::round_robin);
  Rng rng(1);
  for (int i = 0; i < 4; ++i) EXPECT_NE(serve(pool, at(0), rng), "spare");
  // both primaries fail: the same request goes on to the backup
  auto r = pool.begin(0);
  auto first = pool.pick(at(1), r, rng);
  pool.finished(at(1), *first, true, r);
  auto second = pool.pick(at(1), r, rng);
  pool.finished(at(1), *second, true, r);
  auto third = pool.pick(at(1), r, rng);
  ASSERT_TRUE(third);
  EXPECT_EQ(pool.server(*third).name, "spare");
  pool.finished(at(1), *third, false, r);
  EXPECT_EQ(serve(pool, at(2), rng), "spare");  // primaries still within fail_timeout
}

TEST(UpstreamPool, NoLiveUpstreamsFailsAtOnce) {
  UpstreamPool pool({server("a"), server("b")}, BalanceMethod::round_robin);
  Rng rng(1);
  auto r = pool.begin(0);
  pool.finished(at(0), *pool.pick(at(0), r, rng), true, r);
  pool.finished(at(0), *pool.pick(at(0), r, rng), true, r);
  EXPECT_FALSE(pool.pick(at(0), r, rng));  // every server tried
  auto next = pool.begin(0);
  EXPECT_FALSE(pool.pick(at(5), next, rng));  // no revival of all servers (nginx >= 1.11.5)
}

TEST(UpstreamPool, NextUpstreamTriesLimitsAttempts) {
  UpstreamPool pool({server("a"), server("b"), server("c")}, BalanceMethod::round_robin);
  Rng rng(1);
  auto r = pool.begin(2);
  pool.finished(at(0), *pool.pick(at(0), r, rng), true, r);
  pool.finished(at(0), *pool.pick(at(0), r, rng), true, r);
  EXPECT_EQ(r.tries_left(), 0);
  EXPECT_FALSE(pool.pick(at(0), r, rng));
}

TEST(UpstreamPool, ALoneServerIsNeverMarkedDownNorRetried) {
  UpstreamPool pool({server("a")}, BalanceMethod::round_robin);
  Rng rng(1);
  auto r = pool.begin(0);
  pool.finished(at(0), *pool.pick(at(0), r, rng), true, r);
  EXPECT_FALSE(pool.pick(at(0), r, rng));
  EXPECT_TRUE(pool.available(at(0), 0));
}

TEST(UpstreamPool, AFailureLowersEffectiveWeightWhichClimbsBack) {
  UpstreamServer a = server("a", 4);
  a.max_fails = 2;  // effective weight 4 - 4/2 = 2 after one failure
  UpstreamPool pool({a, server("b", 4)}, BalanceMethod::round_robin);
  Rng rng(1);
  auto r = pool.begin(0);
  auto s = pool.pick(at(0), r, rng);
  ASSERT_EQ(*s, 0u);
  pool.finished(at(0), 0, true, r);
  pool.finished(at(0), *pool.pick(at(0), r, rng), false, r);
  int a_count = 0;
  for (int i = 0; i < 8; ++i) a_count += serve(pool, at(0), rng) == "a";
  EXPECT_LT(a_count, 4);  // a gets less than its even share while its weight recovers
  EXPECT_GT(a_count, 0);
}

// As measured on nginx 1.22.1 (scripts/nginx_upstream_check.sh): servers a, b and a dead
// one, max_fails=1 fail_timeout=3s, a request every 0.1 s for 10 s; the dead server is
// tried at whole seconds 0, 4 and 8 after its first failure.
TEST(UpstreamPool, ADeadServerIsProbedAsNginxDoes) {
  std::vector<UpstreamServer> servers{server("a"), server("b"), server("dead")};
  for (auto& s : servers) s.fail_timeout = Duration::seconds(3);
  UpstreamPool pool(servers, BalanceMethod::round_robin);
  Rng rng(1);
  std::vector<long> tried;
  for (int i = 0; i < 100; ++i) {
    const Instant t = at(25.21 + 0.1 * i);
    auto a = pool.begin(0);
    for (auto s = pool.pick(t, a, rng); s; s = pool.pick(t, a, rng)) {
      const bool dead = *s == 2;
      if (dead) tried.push_back(static_cast<long>(t.to_seconds()));
      pool.finished(t, *s, dead, a);
      if (!dead) break;
    }
  }
  ASSERT_FALSE(tried.empty());
  const long first = tried.front();
  for (long& s : tried) s -= first;
  EXPECT_EQ(tried, (std::vector<long>{0, 4, 8}));
}

TEST(UpstreamPool, AServerCheckedDownIsNeverChosen) {
  UpstreamPool pool({server("a"), server("b")}, BalanceMethod::round_robin);
  Rng rng(1);
  pool.set_checked_down(0, true);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(serve(pool, at(0), rng), "b");
  EXPECT_FALSE(pool.available(at(0), 0));
  pool.set_checked_down(0, false);
  EXPECT_TRUE(pool.available(at(0), 0));
}

TEST(UpstreamPool, LeastConnPrefersFewerConnectionsPerWeight) {
  UpstreamPool pool({server("a"), server("b", 2)}, BalanceMethod::least_conn);
  Rng rng(1);
  auto r1 = pool.begin(0);
  auto s1 = pool.pick(at(0), r1, rng);  // tie (0/1 vs 0/2): b by weighted round robin
  EXPECT_EQ(pool.server(*s1).name, "b");
  auto r2 = pool.begin(0);
  auto s2 = pool.pick(at(0), r2, rng);  // a 0/1 < b 1/2
  EXPECT_EQ(pool.server(*s2).name, "a");
  auto r3 = pool.begin(0);
  auto s3 = pool.pick(at(0), r3, rng);  // a 1/1 > b 1/2
  EXPECT_EQ(pool.server(*s3).name, "b");
}

TEST(UpstreamPool, RandomTwoSendsLessToTheBusierServer) {
  UpstreamPool pool({server("slow"), server("fast")}, BalanceMethod::random_two_least_conn);
  Rng rng(7);
  // ten requests held open, then the fast server's finish: the slow one holds 5
  std::vector<std::pair<UpstreamPool::Attempts, std::size_t>> held;
  for (int i = 0; i < 10; ++i) {
    auto a = pool.begin(0);
    auto s = pool.pick(at(0), a, rng);
    held.emplace_back(a, *s);
  }
  EXPECT_EQ(pool.connections(0), 5);
  for (auto& [a, s] : held)
    if (s == 1) pool.finished(at(0), s, false, a);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(serve(pool, at(0), rng), "fast");
}

TEST(UpstreamPool, RandomDrawsByWeightAmongAvailableServers) {
  UpstreamPool pool({server("a", 3), server("b", 1), server("gone")}, BalanceMethod::random);
  pool.set_listed(2, false);  // a registry no longer lists it
  Rng rng(11);
  int a = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::string s = serve(pool, at(0), rng);
    EXPECT_NE(s, "gone");
    a += s == "a";
  }
  EXPECT_NEAR(a / 4000.0, 0.75, 0.03);  // weight 3 of 4
}

TEST(UpstreamPool, ConsistentHashKeepsAKeyOnItsServerAndMovesItWhenTheServerFails) {
  UpstreamPool pool({server("a"), server("b"), server("c")}, BalanceMethod::consistent_hash);
  Rng rng(3);
  auto first = pool.begin(0, "10.0.0.9");
  const std::size_t home = *pool.pick(at(0), first, rng);
  pool.finished(at(0), home, false, first);
  for (int i = 0; i < 5; ++i) {  // the same key, the same server
    auto again = pool.begin(0, "10.0.0.9");
    const std::size_t s = *pool.pick(at(1), again, rng);
    EXPECT_EQ(s, home);
    pool.finished(at(1), s, false, again);
  }
  auto failing = pool.begin(0, "10.0.0.9");
  EXPECT_EQ(pool.pick(at(2), failing, rng), home);
  pool.finished(at(2), home, true, failing);  // max_fails 1: skipped for fail_timeout
  const std::optional<std::size_t> next = pool.pick(at(2), failing, rng);  // the retry: the next point's server
  ASSERT_TRUE(next);
  EXPECT_NE(*next, home);
  pool.finished(at(2), *next, false, failing);
  auto later = pool.begin(0, "10.0.0.9");
  EXPECT_EQ(pool.pick(at(3), later, rng), next);  // while home is skipped, the key stays on the next server
}

}  // namespace halab
