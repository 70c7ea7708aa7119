#include "models/detect/phi_accrual_detector.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace halab {
namespace {
Instant at(double s) { return Instant::at_seconds(s); }

PhiAccrualDetector regular(double interval_s, int beats, PhiAccrualConfig c = {}) {
  PhiAccrualDetector d(c, at(0));
  for (int i = 1; i <= beats; ++i) d.heartbeat(at(interval_s * i));
  return d;
}
} // namespace

TEST(PhiAccrual, ErfcInverseRoundTrips) {
  for (double p : {1e-300, 2e-8, 0.01, 0.5, 1.0, 1.7}) EXPECT_NEAR(std::erfc(erfc_inverse(p)) / p, 1.0, 1e-9);
}

TEST(PhiAccrual, PhiMatchesTheNormalTailFormula) {
  // Hayashibara et al. 2004: φ = −log10(1 − F(Δ)), F the normal CDF of inter-arrival times.
  PhiAccrualConfig c;
  c.min_std_dev = Duration::millis(200);
  PhiAccrualDetector d = regular(1.0, 50, c);
  double mean = d.mean_s();
  double sd = d.std_dev_s();
  double delta = 1.5;
  double expected = -std::log10(0.5 * std::erfc((delta - mean) / (sd * std::sqrt(2.0))));
  EXPECT_NEAR(d.phi(at(50 + delta)), expected, 1e-12);
  // At exactly the mean, half the mass is later: φ = log10(2).
  EXPECT_NEAR(d.phi(at(50 + mean)), std::log10(2.0), 1e-12);
}

TEST(PhiAccrual, SuspectAtIsWherePhiCrossesTheThreshold) {
  PhiAccrualConfig c;
  c.threshold = 8;
  PhiAccrualDetector d = regular(1.0, 20, c);
  Instant t = d.suspect_at();
  EXPECT_NEAR(d.phi(t), 8.0, 1e-6);
  EXPECT_FALSE(d.suspect(t + Duration::millis(-1)));
  EXPECT_TRUE(d.suspect(t));
}

TEST(PhiAccrual, MinStdDevFloorsARegularPeer) {
  PhiAccrualConfig c;
  c.min_std_dev = Duration::millis(100);
  PhiAccrualDetector d = regular(1.0, 1000, c);  // window now holds only exact 1 s intervals
  EXPECT_DOUBLE_EQ(d.std_dev_s(), 0.1);
  // Threshold 8: P_later = 1e-8 lies 5.612 σ above the mean, so suspicion at 1 + 0.1·5.612 s.
  EXPECT_NEAR((d.suspect_at() - at(1000)).to_seconds(), 1.5612, 1e-3);
}

TEST(PhiAccrual, AcceptablePauseShiftsTheMean) {
  PhiAccrualConfig c;
  c.acceptable_pause = Duration::seconds(2);
  PhiAccrualDetector with_pause = regular(1.0, 1000, c);
  PhiAccrualDetector without = regular(1.0, 1000);
  EXPECT_NEAR((with_pause.suspect_at() - without.suspect_at()).to_seconds(), 2.0, 1e-9);
}

TEST(PhiAccrual, JitteryPeerGetsALaterDeadlineThanARegularOne) {
  // The point of accrual detection: the deadline adapts to the observed distribution.
  PhiAccrualDetector jittery({}, at(0));
  double t = 0;
  for (int i = 0; i < 200; ++i) {
    t += (i % 2 == 0) ? 0.5 : 1.5;
    jittery.heartbeat(at(t));
  }
  PhiAccrualDetector steady = regular(1.0, 200);
  EXPECT_GT((jittery.suspect_at() - at(t)).to_seconds(), (steady.suspect_at() - at(200)).to_seconds() + 1.0);
}

TEST(PhiAccrual, WindowForgetsOldSamples) {
  PhiAccrualConfig c;
  c.max_samples = 10;
  PhiAccrualDetector d(c, at(0));
  double t = 0;
  for (int i = 0; i < 10; ++i) d.heartbeat(at(t += 5.0));
  for (int i = 0; i < 10; ++i) d.heartbeat(at(t += 1.0));
  EXPECT_NEAR(d.mean_s(), 1.0, 1e-9);
}

TEST(PhiAccrual, NeverHeardPeerIsEventuallySuspected) {
  PhiAccrualDetector d({}, at(0));
  EXPECT_LT(d.suspect_at(), at(10));
  EXPECT_TRUE(d.suspect(at(10)));
}

} // namespace halab
