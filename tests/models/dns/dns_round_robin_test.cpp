#include "models/dns/dns_round_robin.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(DnsRoundRobin, EachAnswerIsRotatedOneFurther) {
  DnsRoundRobin dns(3, 0);
  EXPECT_EQ(dns.first_of_next_answer(), 0u);
  EXPECT_EQ(dns.first_of_next_answer(), 1u);
  EXPECT_EQ(dns.first_of_next_answer(), 2u);
  EXPECT_EQ(dns.first_of_next_answer(), 0u);
}

TEST(DnsRoundRobin, WithoutHealthChecksADeadAddressIsStillAnswered) {
  DnsRoundRobin dns(2, 0);
  EXPECT_FALSE(dns.record_check(0, false));
  EXPECT_EQ(dns.first_of_next_answer(), 0u);
}

TEST(DnsRoundRobin, AnUnhealthyRecordIsLeftOutAfterTheThreshold) {
  DnsRoundRobin dns(2, 3);
  EXPECT_FALSE(dns.record_check(0, false));
  EXPECT_FALSE(dns.record_check(0, false));
  EXPECT_EQ(dns.record_check(0, false), false);  // the third failure in a row
  EXPECT_EQ(dns.first_of_next_answer(), 1u);
  EXPECT_EQ(dns.first_of_next_answer(), 1u);  // its turn, but left out
  EXPECT_FALSE(dns.record_check(0, true));
  EXPECT_FALSE(dns.record_check(0, false));  // a failure starts the count again
  EXPECT_FALSE(dns.record_check(0, true));
  EXPECT_FALSE(dns.record_check(0, true));
  EXPECT_EQ(dns.record_check(0, true), true);
  EXPECT_TRUE(dns.healthy(0));
}

TEST(DnsRoundRobin, WhenEveryRecordIsUnhealthyAllAreAnswered) {
  DnsRoundRobin dns(2, 1);
  dns.record_check(0, false);
  dns.record_check(1, false);
  EXPECT_EQ(dns.first_of_next_answer(), 0u);
  EXPECT_EQ(dns.first_of_next_answer(), 1u);
}

}  // namespace halab
