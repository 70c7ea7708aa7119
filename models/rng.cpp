#include "models/rng.hpp"

#include <cmath>

namespace halab {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

Rng Rng::stream(std::uint64_t seed, std::string_view purpose) {
  // FNV-1a of the purpose, mixed with the seed: stable across platforms and compilers.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : purpose) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return Rng(splitmix64(seed ^ splitmix64(h)));
}

double Rng::uniform01() {
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double Rng::exponential(double mean) {
  return -mean * std::log1p(-uniform01());
}

double Rng::standard_normal() {
  const double radius = std::sqrt(-2 * std::log1p(-uniform01()));
  return radius * std::cos(2 * M_PI * uniform01());
}

} // namespace halab
