#include "models/cache/zipf_keys.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace halab {

ZipfKeys::ZipfKeys(std::uint64_t count, double s) : cdf_(count) {
  assert(count > 0 && s >= 0);
  double sum = 0;
  for (std::uint64_t k = 0; k < count; ++k) cdf_[k] = sum += 1.0 / std::pow(static_cast<double>(k + 1), s);
  for (double& c : cdf_) c /= sum;
  cdf_.back() = 1.0;
}

std::uint64_t ZipfKeys::key(double u) const {
  return static_cast<std::uint64_t>(std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
}

double ZipfKeys::probability(std::uint64_t k) const { return k == 0 ? cdf_[0] : cdf_[k] - cdf_[k - 1]; }

}  // namespace halab
