// Which key a request reads or writes: keys 0 … count-1 drawn from a Zipf distribution,
// P(key k) ∝ 1 / (k+1)^s — the popularity skew of web caches (Breslau et al., "Web Caching
// and Zipf-like Distributions", INFOCOM 1999: s between 0.64 and 0.83 for web proxies) and
// YCSB's default request distribution (s = 0.99). Drawn by inverting the cumulative
// distribution (a table of `count` doubles, binary search), from a uniform number the
// caller derives from the request, so that every tier finds the same key for it.
#pragma once

#include <cstdint>
#include <vector>

namespace halab {

class ZipfKeys {
 public:
  ZipfKeys(std::uint64_t count, double s);

  // The key for a uniform number u in [0, 1).
  std::uint64_t key(double u) const;
  // The probability of key k.
  double probability(std::uint64_t k) const;
  std::uint64_t count() const { return static_cast<std::uint64_t>(cdf_.size()); }

 private:
  std::vector<double> cdf_;  // cdf_[k] = P(key <= k)
};

}  // namespace halab
