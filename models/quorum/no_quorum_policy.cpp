#include "models/quorum/no_quorum_policy.hpp"

namespace halab {

std::optional<NoQuorumPolicy> parse_no_quorum_policy(std::string_view text) {
  if (text == "stop") return NoQuorumPolicy::stop;
  if (text == "freeze") return NoQuorumPolicy::freeze;
  if (text == "ignore") return NoQuorumPolicy::ignore;
  if (text == "suicide" || text == "fence") return NoQuorumPolicy::suicide;
  return std::nullopt;
}

} // namespace halab
