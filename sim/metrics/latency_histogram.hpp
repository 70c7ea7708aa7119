// Latencies counted in log-linear buckets, for percentiles of many answers without keeping
// each one: 16 buckets per power of two of microseconds (HdrHistogram's layout with 1
// significant binary digit of 4 bits), so a percentile read from it is within 1/32 of the
// latency it stands for. Fixed size: recording never allocates. A tier instance keeps one
// per `tier.stats` window and writes its non-empty buckets; the summary adds them up.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace halab {

class LatencyHistogram {
 public:
  static constexpr int kSubBuckets = 16;
  static constexpr int kOctaves = 42;  // 1 us to about 50 days
  static constexpr std::size_t kBuckets = 1 + kOctaves * kSubBuckets;

  // The bucket of a latency in seconds, and the latency a bucket stands for (its middle).
  static std::size_t bucket_of(double seconds);
  static double value_of(std::size_t bucket);

  void record(double seconds) { ++counts_[bucket_of(seconds)]; }
  void add(std::size_t bucket, std::uint64_t count) { counts_[bucket] += count; }
  std::uint64_t count() const;
  bool empty() const { return count() == 0; }
  // The nearest-rank percentile (p in (0, 1]); none when empty.
  std::optional<double> percentile(double p) const;
  // The non-empty buckets, as (bucket, count).
  std::vector<std::pair<std::size_t, std::uint64_t>> buckets() const;
  void clear() { counts_.fill(0); }

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
};

}  // namespace halab
