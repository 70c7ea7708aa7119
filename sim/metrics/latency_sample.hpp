// The latencies of a run's successful requests, for its percentiles: each one kept, and
// the percentile read from the values themselves (nearest rank), up to kExact of them;
// beyond that, counted in a LatencyHistogram (within 1/32 of the value), so that the
// memory of a long run stays flat — a year at 1 request/s would keep 250 MB of values.
#pragma once

#include "sim/metrics/latency_histogram.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace halab {

class LatencySample {
public:
  static constexpr std::size_t kExact = std::size_t{1} << 18;  // 2 MB of values

  void record(double seconds);
  // The nearest-rank percentile (p in (0, 1]); 0 when there are none.
  double percentile(double p) const;
  bool exact() const { return !histogram_; }

private:
  std::vector<double> values_;                // while exact
  std::optional<LatencyHistogram> histogram_;  // from the (kExact + 1)th on: every value
};

// The nearest-rank percentile of `values` (p in (0, 1]); 0 when there are none.
double nearest_rank_percentile(std::vector<double> values, double p);

}  // namespace halab
