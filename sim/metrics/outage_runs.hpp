// Client-observed outages, counted as the requests' outcomes come in: runs of failed
// requests (down) and of degraded successes, by send time, each from the first of the run
// to the next request that is not of it (or the run's end). An outage is planned when the
// latest fault event by the time its first failed request failed is a maintenance window's
// stop or start.
//
// Outcomes come in the order clients learn them, not the order they sent the requests: a
// request that timed out is learnt `timeout` after its send, later than quicker answers to
// requests sent after it. They wait in a buffer ordered by send time until no outcome still
// to come can be sent earlier — `reorder_s` after their send — so the buffer holds about
// one timeout's worth of requests, and memory stays flat over simulated time.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <set>
#include <utility>
#include <vector>

namespace halab {

struct OutageFigures {
  double max_outage_s = 0;
  double down_s = 0;
  std::size_t outages = 0;
  double planned_down_s = 0;
  std::size_t planned_outages = 0;
  double degraded_s = 0;
};

class OutageRuns {
public:
  // Requests sent before `from_s` count in no run. `reorder_s`: the longest an outcome can
  // come after its request was sent (infinity: every outcome is held until finish).
  explicit OutageRuns(double from_s = 0, double reorder_s = std::numeric_limits<double>::infinity())
      : from_s_(from_s), reorder_s_(reorder_s) {}

  // A fault event (its beginning or its end) at `t`, in trace order.
  void fault(double t, std::uint64_t index, bool planned);
  // A request sent at `sent` whose outcome the client learnt at `done`, in trace order.
  void outcome(double sent, double done, bool ok, bool degraded);
  std::size_t waiting() const { return waiting_.size(); }  // outcomes not yet counted
  // The figures of a run that ended at `end_s`.
  OutageFigures finish(double end_s);

private:
  struct Outcome {
    double sent;
    double done;
    bool ok;
    bool degraded;
  };
  void count(const Outcome& o);
  void end_outage(double at);
  bool planned_by(double t) const;  // whether the latest fault event by t is of a planned fault

  static constexpr double kNone = -1;  // sent times are never negative
  double from_s_;
  double reorder_s_;
  std::deque<Outcome> waiting_;  // by send time; ties in the order they came
  std::vector<std::pair<double, std::uint64_t>> fault_events_;  // (t, fault index)
  std::set<std::uint64_t> planned_;
  OutageFigures figures_;
  double failing_since_ = kNone;
  double degraded_since_ = kNone;
  bool planned_outage_ = false;
};

}  // namespace halab
