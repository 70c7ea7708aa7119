// Pacemaker scores: integers bounded by ±INFINITY (1,000,000), added with saturation.
// Source: "Pacemaker Explained" 2.1, section "Scores" ("Infinity Math"): anything plus
// INFINITY is INFINITY, anything plus -INFINITY is -INFINITY, and INFINITY plus
// -INFINITY is -INFINITY; results are bounded to the range ±INFINITY.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace halab::placement {

using Score = int;
inline constexpr Score kInfinity = 1'000'000;

// Saturating score addition with -INFINITY winning over +INFINITY.
Score add_scores(Score a, Score b);

// "INFINITY", "+INFINITY", "-INFINITY", "red"/"yellow"/"green" are not accepted here
// (node-health strategies are not modelled); an integer is bounded to ±INFINITY.
// Returns nothing when the text is not a score.
std::optional<Score> parse_score(std::string_view text);

// "INFINITY", "-INFINITY" or the integer, as crm_simulate prints them.
std::string format_score(Score score);

}  // namespace halab::placement
