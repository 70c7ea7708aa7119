#include "sim/metrics/outage_runs.hpp"

#include <algorithm>
#include <iterator>

namespace halab {

void OutageRuns::fault(double t, std::uint64_t index, bool planned) {
  fault_events_.emplace_back(t, index);
  if (planned) planned_.insert(index);
}

void OutageRuns::outcome(double sent, double done, bool ok, bool degraded) {
  const auto at = std::upper_bound(waiting_.begin(), waiting_.end(), sent, [](double x, const Outcome& o) { return x < o.sent; });
  waiting_.insert(at, {sent, done, ok, degraded});
  // Every outcome still to come is learnt at `done` or later, so was sent after
  // done - reorder_s: those sent before are in their final order (and were learnt before
  // `done`, so the fault events up to then are in).
  while (!waiting_.empty() && waiting_.front().sent < done - reorder_s_) {
    count(waiting_.front());
    waiting_.pop_front();
  }
}

void OutageRuns::count(const Outcome& o) {
  if (o.sent < from_s_) return;
  if (failing_since_ != kNone && o.ok) end_outage(o.sent);
  if (degraded_since_ != kNone && !o.degraded) {
    figures_.degraded_s += o.sent - degraded_since_;
    degraded_since_ = kNone;
  }
  if (!o.ok && failing_since_ == kNone) failing_since_ = o.sent, planned_outage_ = planned_by(o.done);
  if (o.degraded && degraded_since_ == kNone) degraded_since_ = o.sent;
}

void OutageRuns::end_outage(double at) {
  OutageFigures& f = figures_;
  const double length = at - failing_since_;
  f.max_outage_s = std::max(f.max_outage_s, length);
  f.down_s += length;
  ++f.outages;
  if (planned_outage_) f.planned_down_s += length, ++f.planned_outages;
  failing_since_ = kNone;
}

bool OutageRuns::planned_by(double t) const {
  const auto after = std::upper_bound(fault_events_.begin(), fault_events_.end(), t,
                                      [](double x, const auto& e) { return x < e.first; });
  return after != fault_events_.begin() && planned_.count(std::prev(after)->second) > 0;
}

OutageFigures OutageRuns::finish(double end_s) {
  for (const Outcome& o : waiting_) count(o);
  waiting_.clear();
  // Runs still going at the end last until it.
  if (failing_since_ != kNone) end_outage(end_s);
  if (degraded_since_ != kNone) figures_.degraded_s += end_s - degraded_since_, degraded_since_ = kNone;
  return figures_;
}

}  // namespace halab
