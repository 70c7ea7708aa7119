#include "models/crm/dc_election.hpp"

#include <strings.h>

#include <stdexcept>

namespace halab {

std::optional<std::size_t> elect_dc(const std::vector<DcCandidate>& nodes, const std::vector<bool>& members) {
  if (members.size() != nodes.size()) throw std::invalid_argument("dc election: one membership flag per node");
  auto better = [&](std::size_t a, std::size_t b) {
    if (nodes[a].started_s != nodes[b].started_s) return nodes[a].started_s < nodes[b].started_s;
    return strcasecmp(nodes[a].name.c_str(), nodes[b].name.c_str()) < 0;
  };
  std::optional<std::size_t> winner;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (members[i] && (!winner || better(i, *winner))) winner = i;
  return winner;
}

} // namespace halab
