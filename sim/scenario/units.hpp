// The unit-bearing strings used in scenarios: durations ("1.5s", "200ms", "3m", "250us",
// "1h") and bandwidths ("1Gbps", "100Mbps", "10MBps": b = bits, B = bytes).
#pragma once

#include "models/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace halab {

// Non-negative durations only; a sign, a missing unit or junk gives nullopt.
std::optional<Duration> parse_duration(std::string_view text);
// A duration written in seconds, as the lab writes scenarios (explore, import): "30s",
// "0.25s", "27.961s", "0.00001s" — the shortest text that parse_duration reads back as
// `seconds`, never in exponent notation.
std::string duration_text(double seconds);
// Bytes per second; must be positive.
std::optional<double> parse_bandwidth(std::string_view text);

} // namespace halab
