#include "sim/metrics/latency_histogram.hpp"

#include <cmath>
#include <numeric>

namespace halab {

std::size_t LatencyHistogram::bucket_of(double seconds) {
  const double us = seconds * 1e6;
  if (!(us >= 1)) return 0;  // below a microsecond (or not a number)
  int exponent = 0;
  const double mantissa = std::frexp(us, &exponent);  // us = mantissa * 2^exponent, mantissa in [0.5, 1)
  const int octave = exponent - 1;                     // us in [2^octave, 2^(octave+1))
  if (octave >= kOctaves) return kBuckets - 1;
  const int sub = static_cast<int>((mantissa * 2 - 1) * kSubBuckets);
  return 1 + static_cast<std::size_t>(octave * kSubBuckets + sub);
}

double LatencyHistogram::value_of(std::size_t bucket) {
  if (bucket == 0) return 0.5e-6;
  const std::size_t i = bucket - 1;
  const int octave = static_cast<int>(i / kSubBuckets);
  const int sub = static_cast<int>(i % kSubBuckets);
  return std::ldexp(1 + (sub + 0.5) / kSubBuckets, octave) * 1e-6;
}

std::uint64_t LatencyHistogram::count() const {
  return std::accumulate(counts_.begin(), counts_.end(), std::uint64_t{0});
}

std::optional<double> LatencyHistogram::percentile(double p) const {
  const std::uint64_t n = count();
  if (n == 0) return std::nullopt;
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(n))));
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    seen += counts_[b];
    if (seen >= rank) return value_of(b);
  }
  return value_of(kBuckets - 1);
}

std::vector<std::pair<std::size_t, std::uint64_t>> LatencyHistogram::buckets() const {
  std::vector<std::pair<std::size_t, std::uint64_t>> out;
  for (std::size_t b = 0; b < kBuckets; ++b)
    if (counts_[b]) out.emplace_back(b, counts_[b]);
  return out;
}

}  // namespace halab
