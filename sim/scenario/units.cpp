#include "sim/scenario/units.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <utility>

namespace halab {
namespace {

// Splits "12.5ms" into 12.5 and "ms"; the number must be plain decimal.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
  std::size_t i = 0;
  bool digits = false, dot = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') digits = true;
    else if (c == '.' && !dot) dot = true;
    else break;
  }
  if (!digits) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + i, value);
  if (ec != std::errc() || end != text.data() + i) return std::nullopt;
  return std::pair{value, text.substr(i)};
}

template <std::size_t N>
std::optional<double> scaled(std::string_view text, const std::array<std::pair<std::string_view, double>, N>& units) {
  auto split = split_number(text);
  if (!split) return std::nullopt;
  for (const auto& [unit, factor] : units)
    if (split->second == unit) return split->first * factor;
  return std::nullopt;
}

} // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, double>, 7> units{
      {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1.0}, {"m", 60.0}, {"h", 3600.0}, {"d", 86400.0}}};
  auto s = scaled(text, units);
  if (!s) return std::nullopt;
  return Duration::seconds(*s);
}

std::optional<double> parse_bandwidth(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, double>, 8> units{
      {{"bps", 1.0 / 8}, {"kbps", 1e3 / 8}, {"Mbps", 1e6 / 8}, {"Gbps", 1e9 / 8},
       {"Bps", 1.0}, {"kBps", 1e3}, {"MBps", 1e6}, {"GBps", 1e9}}};
  auto b = scaled(text, units);
  if (!b || *b <= 0) return std::nullopt;
  return b;
}

std::string duration_text(double seconds) {
  std::string text = fmt::format("{}", seconds);
  if (text.find('e') != std::string::npos) {  // parse_duration reads no exponent
    text = fmt::format("{:.17f}", seconds);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text + "s";
}

} // namespace halab
