#include "models/storage/write_conflicts.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace halab {

namespace {

struct Flags {
  bool conflicting = false;
  bool lost = false;
};

std::vector<Flags> flag_writes(const std::vector<WriteRecord>& writes) {
  struct Span {
    double first, last;
  };
  std::map<std::pair<std::string, std::uint64_t>, Span> sessions;
  for (const auto& w : writes) {
    auto [it, fresh] = sessions.try_emplace({w.writer, w.epoch}, Span{w.at_s, w.at_s});
    if (!fresh) it->second.last = w.at_s;
  }
  // The overlap windows each session shares with another writer's session, and whether this
  // session is the older of the pair (its writes there are the ones thrown away).
  struct Overlap {
    Span span;
    bool older;
  };
  std::map<std::pair<std::string, std::uint64_t>, std::vector<Overlap>> overlaps;
  for (auto a = sessions.begin(); a != sessions.end(); ++a)
    for (auto b = std::next(a); b != sessions.end(); ++b) {
      if (a->first.first == b->first.first) continue;  // one writer's successive sessions
      double from = std::max(a->second.first, b->second.first);
      double to = std::min(a->second.last, b->second.last);
      if (from > to) continue;
      bool a_older = a->first.second != b->first.second ? a->first.second < b->first.second
                                                        : a->second.first < b->second.first;
      overlaps[a->first].push_back({{from, to}, a_older});
      overlaps[b->first].push_back({{from, to}, !a_older});
    }
  std::vector<Flags> flags(writes.size());
  for (std::size_t i = 0; i < writes.size(); ++i) {
    const WriteRecord& w = writes[i];
    auto it = overlaps.find({w.writer, w.epoch});
    if (it == overlaps.end()) continue;
    for (const Overlap& o : it->second)
      if (w.at_s >= o.span.first && w.at_s <= o.span.last) {
        flags[i].conflicting = true;
        flags[i].lost = flags[i].lost || o.older;
      }
  }
  return flags;
}

} // namespace

WriteConflicts count_conflicting_writes(const std::vector<WriteRecord>& writes) {
  WriteConflicts result;
  for (const Flags& f : flag_writes(writes)) {
    result.conflicting += f.conflicting;
    result.lost += f.lost;
  }
  return result;
}

std::vector<bool> conflicting_write_flags(const std::vector<WriteRecord>& writes) {
  std::vector<bool> out;
  for (const Flags& f : flag_writes(writes)) out.push_back(f.conflicting);
  return out;
}

} // namespace halab
