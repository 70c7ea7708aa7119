#include "sim/cluster/swim_tally.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>
#include <utility>

namespace halab {

SwimTally::SwimTally(std::vector<std::string> names, Emit emit)
    : names_(std::move(names)), emit_(std::move(emit)), views_(names_.size(), nullptr), subjects_(names_.size()) {}

void SwimTally::started(std::size_t m, View view) {
  if (!views_[m]) ++running_;
  views_[m] = std::move(view);
}

void SwimTally::crashed(double t, std::size_t m) {
  if (m >= views_.size() || !views_[m]) return;
  const View view = std::exchange(views_[m], nullptr);
  --running_;
  for (std::size_t node = 0; node < subjects_.size(); ++node)
    if (node != m) count(t, m, node, view(static_cast<std::uint32_t>(node)), SwimStatus::alive);
  // One fewer member to convince: some may now hold a member dead everywhere.
  for (std::size_t node = 0; node < subjects_.size(); ++node) check_everywhere(t, node);
}

void SwimTally::changed(double t, std::size_t observer, const SwimChange& change) {
  count(t, observer, change.node, change.before, change.status);
}

void SwimTally::count(double t, std::size_t observer, std::size_t node, SwimStatus before, SwimStatus after) {
  Subject& s = subjects_[node];
  s.suspect_by -= before == SwimStatus::suspect;
  s.dead_by -= held_dead(before);
  s.suspect_by += after == SwimStatus::suspect;
  s.dead_by += held_dead(after);
  if (!s.in_episode && s.suspect_by + s.dead_by > 0) {
    s = Subject{s.suspect_by, s.dead_by, 0, true};
    if (s.suspect_by > 0) emit_(t, event::member_suspect, {{"node", names_[node]}, {"by", names_[observer]}});
  }
  if (!s.in_episode) return;
  s.peak_dead = std::max(s.peak_dead, s.dead_by);
  if (s.dead_by > 0 && !s.dead_reported) {
    s.dead_reported = true;
    emit_(t, event::member_dead, {{"node", names_[node]}, {"by", names_[observer]}});
  }
  check_everywhere(t, node);
  if (s.suspect_by + s.dead_by == 0) {
    s.in_episode = false;
    emit_(t, event::member_alive, {{"node", names_[node]}, {"peak_dead", s.peak_dead}});
  }
}

void SwimTally::check_everywhere(double t, std::size_t node) {
  Subject& s = subjects_[node];
  const std::uint32_t others = running_ - (views_[node] ? 1 : 0);
  if (!s.in_episode || s.everywhere_reported || others == 0 || s.dead_by < others) return;
  s.everywhere_reported = true;
  emit_(t, event::member_dead_everywhere, {{"node", names_[node]}, {"members", others}});
}

}  // namespace halab
