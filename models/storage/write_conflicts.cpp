#include "models/storage/write_conflicts.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace halab {

std::uint64_t count_conflicting_writes(const std::vector<WriteRecord>& writes) {
  struct Span {
    double first, last;
  };
  std::map<std::pair<std::string, std::uint64_t>, Span> sessions;
  for (const auto& w : writes) {
    auto [it, fresh] = sessions.try_emplace({w.writer, w.epoch}, Span{w.at_s, w.at_s});
    if (!fresh) it->second.last = w.at_s;
  }
  // The overlap windows each session shares with another writer's session.
  std::map<std::pair<std::string, std::uint64_t>, std::vector<Span>> overlaps;
  for (auto a = sessions.begin(); a != sessions.end(); ++a)
    for (auto b = std::next(a); b != sessions.end(); ++b) {
      if (a->first.first == b->first.first) continue;  // one writer's successive sessions
      double from = std::max(a->second.first, b->second.first);
      double to = std::min(a->second.last, b->second.last);
      if (from > to) continue;
      overlaps[a->first].push_back({from, to});
      overlaps[b->first].push_back({from, to});
    }
  std::uint64_t conflicting = 0;
  for (const auto& w : writes) {
    auto it = overlaps.find({w.writer, w.epoch});
    if (it == overlaps.end()) continue;
    if (std::any_of(it->second.begin(), it->second.end(),
                    [&](const Span& s) { return w.at_s >= s.first && w.at_s <= s.last; }))
      ++conflicting;
  }
  return conflicting;
}

} // namespace halab
