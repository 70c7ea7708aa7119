#include "models/detect/phi_accrual_detector.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace halab {

double erfc_inverse(double p) {
  if (!(p > 0.0 && p < 2.0))
    throw std::invalid_argument("erfc_inverse: p must be in (0, 2)");
  double lo = -27.0;  // erfc(-27) = 2 to double precision
  double hi = 27.0;   // erfc(27) ~ 5e-319, the smallest positive doubles
  for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
    double mid = 0.5 * (lo + hi);
    if (std::erfc(mid) > p)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

PhiAccrualDetector::PhiAccrualDetector(const PhiAccrualConfig& config, Instant monitoring_started)
    : config_(config), last_heard_(monitoring_started) {
  if (!(config_.threshold > 0.0)) throw std::invalid_argument("phi-accrual: threshold must be positive");
  if (config_.max_samples < 2) throw std::invalid_argument("phi-accrual: window needs at least 2 samples");
  double first = config_.first_heartbeat_estimate.to_seconds();
  if (!(first > 0.0)) throw std::invalid_argument("phi-accrual: first heartbeat estimate must be positive");
  // Akka's bootstrap: two samples whose mean is the estimate and whose spread is a quarter of it.
  add_interval(first - first / 4);
  add_interval(first + first / 4);
  update_deadline();
}

void PhiAccrualDetector::heartbeat(Instant now) {
  if (now <= last_heard_) return;  // a duplicate or reordered heartbeat carries no new interval
  add_interval((now - last_heard_).to_seconds());
  last_heard_ = now;
  update_deadline();
}

void PhiAccrualDetector::add_interval(double seconds) {
  intervals_s_.push_back(seconds);
  sum_ += seconds;
  sum_sq_ += seconds * seconds;
  if (intervals_s_.size() > config_.max_samples) {
    double old = intervals_s_.front();
    intervals_s_.pop_front();
    sum_ -= old;
    sum_sq_ -= old * old;
  }
}

double PhiAccrualDetector::mean_s() const {
  return sum_ / static_cast<double>(intervals_s_.size());
}

double PhiAccrualDetector::std_dev_s() const {
  double n = static_cast<double>(intervals_s_.size());
  double mean = sum_ / n;
  double variance = std::max(0.0, sum_sq_ / n - mean * mean);
  return std::max(std::sqrt(variance), config_.min_std_dev.to_seconds());
}

double PhiAccrualDetector::phi(Instant now) const {
  double elapsed = (now - last_heard_).to_seconds();
  double mean = mean_s() + config_.acceptable_pause.to_seconds();
  double p_later = 0.5 * std::erfc((elapsed - mean) / (std_dev_s() * std::sqrt(2.0)));
  if (p_later <= 0.0) return std::numeric_limits<double>::infinity();
  return -std::log10(p_later);
}

void PhiAccrualDetector::update_deadline() {
  // φ(t) = threshold  <=>  erfc((t − μ)/(σ√2)) = 2·10^−threshold.
  double target = 2.0 * std::pow(10.0, -config_.threshold);
  target = std::max(target, std::numeric_limits<double>::denorm_min());
  double y = erfc_inverse(std::min(target, 2.0 - 1e-16));
  double mean = mean_s() + config_.acceptable_pause.to_seconds();
  double after = mean + std_dev_s() * std::sqrt(2.0) * y;
  suspect_after_ = Duration::seconds(std::max(after, 0.0));
}

} // namespace halab
