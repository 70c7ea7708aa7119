// The φ-accrual failure detector.
//
// Source: N. Hayashibara, X. Défago, R. Yared, T. Katayama, "The φ Accrual Failure Detector",
// SRDS 2004. Inter-arrival times of heartbeats are kept in a sliding window and modelled as a
// normal distribution N(μ, σ²); at time t after the last heartbeat,
//     φ(t) = −log10(P_later(t)),   P_later(t) = 1 − F(t) = ½·erfc((t − μ) / (σ·√2)),
// and the peer is suspected once φ ≥ threshold.
//
// As in Akka's widely deployed implementation (akka.remote.PhiAccrualFailureDetector):
// σ has a floor (min_std_dev) so a perfectly regular peer is not suspected on the first
// late heartbeat; an acceptable pause is added to μ; the window is bootstrapped with two
// samples around first_heartbeat_estimate (μ ± μ/4). One choice of this project: monitoring
// starts as if a heartbeat had arrived then, so a peer never heard from is suspected too.
#pragma once

#include "models/detect/failure_detector.hpp"

#include <cstddef>
#include <deque>

namespace halab {

struct PhiAccrualConfig {
  double threshold = 8.0;
  std::size_t max_samples = 1000;
  Duration min_std_dev = Duration::millis(100);
  Duration acceptable_pause = Duration::seconds(0);
  Duration first_heartbeat_estimate = Duration::seconds(1);
};

class PhiAccrualDetector final : public FailureDetector {
public:
  PhiAccrualDetector(const PhiAccrualConfig& config, Instant monitoring_started);

  void heartbeat(Instant now) override;
  Instant suspect_at() const override { return last_heard_ + suspect_after_; }
  double suspicion(Instant now) const override { return phi(now); }

  double phi(Instant now) const;
  double mean_s() const;
  double std_dev_s() const;

private:
  void add_interval(double seconds);
  void update_deadline();

  PhiAccrualConfig config_;
  Instant last_heard_;
  std::deque<double> intervals_s_;
  double sum_ = 0;
  double sum_sq_ = 0;
  // How long after the last heartbeat φ reaches the threshold, given the current window.
  Duration suspect_after_;
};

// The y with erfc(y) = p, for p in (0, 2): erfc is strictly decreasing, so bisection.
double erfc_inverse(double p);

} // namespace halab
