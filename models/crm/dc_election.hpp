// Pacemaker's election of the designated coordinator (DC) of a partition (Pacemaker's
// lib/cluster/election.c, election_count_vote; "Pacemaker Explained", the DC): of the
// members of the view, the one with the highest feature-set version wins, then the one whose
// controller has run longest (the earliest start), then the lowest node name compared
// without case. Every member computes the same winner from the same facts, so the lab does
// not exchange the votes; all its nodes run one version.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace halab {

struct DcCandidate {
  std::string name;
  double started_s = 0;  // when its controller started
};

// The winner among the nodes marked in `members`; none when no node is.
std::optional<std::size_t> elect_dc(const std::vector<DcCandidate>& nodes, const std::vector<bool>& members);

} // namespace halab
