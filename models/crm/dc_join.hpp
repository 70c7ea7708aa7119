// The DC's join (Pacemaker's controller, join_dc.c; "Pacemaker Explained" 2.1, the DC):
// before the scheduler runs, every member of the partition's view must say what it runs.
// Members that have not answered are asked again every `retry` (the cluster's messaging
// retransmits within a ring, so a request lost in a partition too short to change the
// membership still arrives). A member that leaves the view, or whose controller
// restarted, joins again. Each joined member's answer is handed to the scheduler once, as
// its probe; what a joined member reports before that replaces its answer.
#pragma once

#include "models/placement/cluster_state.hpp"
#include "models/time.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace halab::crm {

class DcJoin {
 public:
  using Answer = std::vector<placement::ActiveResource>;

  explicit DcJoin(Duration retry) : retry_(retry) {}

  // The view is now `view` (the DC, `self`, is in it and answers at once with
  // `self_active`). Returns the members to ask now.
  std::vector<std::string> set_view(Instant t, std::vector<std::string> view, const std::string& self, Answer self_active);
  // A member's answer.
  void answered(const std::string& node, Answer active);
  // A member whose controller restarted must join again; false if it had not joined.
  bool forget(const std::string& node);
  // What a joined member runs now, from a status report, before its probe: replaces its
  // answer (once probed, the scheduler hears it instead).
  void update_unprobed(const std::string& node, const Answer& active);

  bool complete() const;
  bool joined(const std::string& node) const { return joined_.count(node) > 0; }
  bool probed(const std::string& node) const { return probed_.count(node) > 0; }
  // Joined members not yet handed to the scheduler, each once, in name order.
  std::vector<std::pair<std::string, Answer>> take_probes();

  std::optional<Instant> next_timer() const { return ask_again_at_; }
  // The members to ask again now.
  std::vector<std::string> on_timer(Instant t);

 private:
  std::vector<std::string> unanswered(Instant t);

  Duration retry_;
  std::vector<std::string> view_;
  std::map<std::string, Answer> joined_;  // node -> its answer
  std::set<std::string> probed_;          // joined nodes the scheduler has heard of
  std::optional<Instant> ask_again_at_;
};

}  // namespace halab::crm
