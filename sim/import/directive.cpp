#include "sim/import/directive.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace halab {

std::string Directive::where() const { return fmt::format("{}:{}", file_, st_.line); }

void Directive::error(const std::string& message) const { out_.errors.push_back(fmt::format("{}: {}", where(), message)); }
void Directive::note(const std::string& message) const { out_.notes.push_back(fmt::format("{}: {}", where(), message)); }

std::optional<std::string> Directive::word(std::size_t i, const std::string& what) const {
  if (i < st_.words.size()) return st_.words[i];
  error(fmt::format("{}: expected {}, found nothing", name(), what));
  return std::nullopt;
}

std::optional<double> Directive::number(std::size_t i, double lo, double hi, const std::string& what) const {
  const auto w = word(i, what);
  if (!w) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(w->c_str(), &end);
  if (w->empty() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi) {
    error(fmt::format("{}: expected {}, found \"{}\"", name(), what, *w));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> Directive::integer(std::size_t i, long long lo, long long hi) const {
  const std::string what = fmt::format("an integer from {} to {}", lo, hi);
  const auto v = number(i, static_cast<double>(lo), static_cast<double>(hi), what);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v)) {
    error(fmt::format("{}: expected {}, found \"{}\"", name(), what, st_.words[i]));
    return std::nullopt;
  }
  return static_cast<long long>(*v);
}

bool Directive::takes(std::size_t n) const {
  if (arguments() == n) return true;
  error(fmt::format("{}: expected {} argument{}, found {}", name(), n, n == 1 ? "" : "s", arguments()));
  return false;
}

}  // namespace halab
