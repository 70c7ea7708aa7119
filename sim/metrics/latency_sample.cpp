#include "sim/metrics/latency_sample.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

void LatencySample::record(double seconds) {
  if (histogram_) {
    histogram_->record(seconds);
    return;
  }
  if (values_.size() < kExact) {
    values_.push_back(seconds);
    return;
  }
  histogram_.emplace();
  for (double v : values_) histogram_->record(v);
  histogram_->record(seconds);
  values_ = {};
}

double LatencySample::percentile(double p) const {
  if (histogram_) return histogram_->percentile(p).value_or(0);
  return nearest_rank_percentile(values_, p);
}

double nearest_rank_percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

}  // namespace halab
