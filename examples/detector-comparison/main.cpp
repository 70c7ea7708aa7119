// Feeds one heartbeat stream to a fixed-timeout and a φ-accrual detector and reports false
// suspicions and crash detection times. Models take time as a parameter, so no simulator
// is needed: the stream is a list of arrival instants.
#include "models/detect/fixed_timeout_detector.hpp"
#include "models/detect/phi_accrual_detector.hpp"

#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct Outcome {
  int false_suspicions = 0;
  double crash_detected_s = 0;
};

// `arrivals` are heartbeat arrival times; the peer crashes after the last one.
Outcome replay(halab::FailureDetector& d, const std::vector<double>& arrivals) {
  Outcome out;
  for (double t : arrivals) {
    // Would the detector have fired before this heartbeat arrived?
    if (d.suspect_at() < halab::Instant::at_seconds(t)) ++out.false_suspicions;
    d.heartbeat(halab::Instant::at_seconds(t));
  }
  out.crash_detected_s = (d.suspect_at() - halab::Instant::at_seconds(arrivals.back())).to_seconds();
  return out;
}

} // namespace

int main() {
  std::vector<double> arrivals;
  for (int i = 1; i <= 20; ++i) arrivals.push_back(i);   // steady, 1 s apart
  for (int i = 21; i <= 40; ++i) arrivals.push_back(i + 0.6);  // the link gains 600 ms at t = 20

  halab::FixedTimeoutDetector fixed(halab::Duration::seconds(1.5), halab::Instant());
  halab::PhiAccrualConfig config;
  config.min_std_dev = halab::Duration::millis(200);
  config.acceptable_pause = halab::Duration::seconds(1);
  halab::PhiAccrualDetector phi(config, halab::Instant());

  Outcome f = replay(fixed, arrivals);
  Outcome p = replay(phi, arrivals);
  std::printf("fixed-timeout: %d false suspicion%s, crash detected after %.3f s\n", f.false_suspicions,
              f.false_suspicions == 1 ? "" : "s", f.crash_detected_s);
  std::printf("phi-accrual: %d false suspicion%s, crash detected after %.3f s\n", p.false_suspicions,
              p.false_suspicions == 1 ? "" : "s", p.crash_detected_s);
  return 0;
}
