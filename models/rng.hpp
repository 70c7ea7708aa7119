// Seeded randomness owned by the caller.
//
// The standard distributions are not portable across standard libraries, so the few this
// project needs are written here on top of std::mt19937_64, whose output is specified.
// Independent streams come from one seed through SplitMix64 (Steele et al., "Fast
// splittable pseudorandom number generators", OOPSLA 2014).
#pragma once

#include <cstdint>
#include <random>
#include <string_view>

namespace halab {

class Rng {
public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // A stream for one named purpose ("loss", "client:c1"), independent of the others.
  static Rng stream(std::uint64_t seed, std::string_view purpose);

  std::uint64_t next_u64() { return engine_(); }
  // Uniform on [0, 1) with 53 random bits.
  double uniform01();
  // True with probability p.
  bool bernoulli(double p) { return uniform01() < p; }
  // Exponential with the given mean, by inversion.
  double exponential(double mean);
  // Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  // Standard normal, by the Box–Muller transform (one of its pair; two uniforms per draw).
  double standard_normal();

private:
  std::mt19937_64 engine_;
};

std::uint64_t splitmix64(std::uint64_t x);

} // namespace halab
