#include "models/placement/score.hpp"

#include <charconv>

namespace halab::placement {

Score add_scores(Score a, Score b) {
  if (a <= -kInfinity || b <= -kInfinity) return -kInfinity;
  if (a >= kInfinity || b >= kInfinity) return kInfinity;
  const Score sum = a + b;  // |a|,|b| < 1e6: no overflow
  if (sum >= kInfinity) return kInfinity;
  if (sum <= -kInfinity) return -kInfinity;
  return sum;
}

std::optional<Score> parse_score(std::string_view text) {
  if (text == "INFINITY" || text == "+INFINITY") return kInfinity;
  if (text == "-INFINITY") return -kInfinity;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
  if (value >= kInfinity) return kInfinity;
  if (value <= -kInfinity) return -kInfinity;
  return static_cast<Score>(value);
}

std::string format_score(Score score) {
  if (score >= kInfinity) return "INFINITY";
  if (score <= -kInfinity) return "-INFINITY";
  return std::to_string(score);
}

}  // namespace halab::placement
