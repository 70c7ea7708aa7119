// Strong time types shared by every model.
//
// Simulated time is a double number of seconds since the start of a run, as in SimGrid's
// clock; the types only keep durations and instants from being mixed up.
#pragma once

#include <compare>
#include <limits>

namespace halab {

class Duration {
public:
  constexpr Duration() = default;
  static constexpr Duration seconds(double s) { return Duration(s); }
  static constexpr Duration millis(double ms) { return Duration(ms / 1e3); }
  static constexpr Duration micros(double us) { return Duration(us / 1e6); }
  static constexpr Duration infinite() { return Duration(std::numeric_limits<double>::infinity()); }
  constexpr double to_seconds() const { return s_; }

  constexpr Duration operator+(Duration o) const { return Duration(s_ + o.s_); }
  constexpr Duration operator-(Duration o) const { return Duration(s_ - o.s_); }
  constexpr Duration operator*(double k) const { return Duration(s_ * k); }
  constexpr auto operator<=>(const Duration&) const = default;

private:
  constexpr explicit Duration(double s) : s_(s) {}
  double s_ = 0;
};

class Instant {
public:
  constexpr Instant() = default;
  static constexpr Instant at_seconds(double s) { return Instant(s); }
  static constexpr Instant never() { return Instant(std::numeric_limits<double>::infinity()); }
  constexpr double to_seconds() const { return s_; }

  constexpr Instant operator+(Duration d) const { return Instant(s_ + d.to_seconds()); }
  constexpr Duration operator-(Instant o) const { return Duration::seconds(s_ - o.s_); }
  constexpr auto operator<=>(const Instant&) const = default;

private:
  constexpr explicit Instant(double s) : s_(s) {}
  double s_ = 0;
};

} // namespace halab
