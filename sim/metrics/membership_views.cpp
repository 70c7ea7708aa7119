#include "sim/metrics/membership_views.hpp"

#include "sim/trace/event_names.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace halab {
namespace {

void keep_max(std::optional<double>& slowest, double d) { slowest = std::max(slowest.value_or(d), d); }

}  // namespace

bool keeps_membership_only(std::string_view manager) { return manager == "memberlist" || manager == "zookeeper"; }

MembershipViews::Member* MembershipViews::member(const TraceEvent& e, const char* key) {
  auto it = e.find(key);
  if (it == e.end() || !it->is_string()) return nullptr;
  auto m = members_.find(it->get_ref<const std::string&>());
  return m == members_.end() ? nullptr : &m->second;
}

void MembershipViews::observe(const TraceEvent& e) {
  const std::string& ev = e["ev"].get_ref<const std::string&>();
  if (ev == event::run_start) {
    for (const auto& svc : e.value("services", TraceEvent::array())) {
      if (!keeps_membership_only(svc.value("manager", ""))) continue;
      const std::string name = svc["name"].get<std::string>();
      figures_[name];
      for (const auto& h : svc["members"]) members_[h.get<std::string>()].service = name;
    }
    return;
  }
  if (members_.empty()) return;
  const double t = e["t"].get<double>();
  if (ev == event::fault_crash) {
    if (Member* m = member(e, "host"); m && m->up) {
      m->up = false;
      ++figures_[m->service].crashes;
      if (!m->held_dead) m->crashed_at = m->converging = t;
    }
  } else if (ev == event::fault_restart || ev == event::node_boot) {
    if (Member* m = member(e, ev == event::node_boot ? "node" : "host")) {
      m->up = true;
      m->crashed_at.reset();
      m->converging.reset();
    }
  } else if (ev == event::member_dead) {
    if (Member* m = member(e, "node")) {
      MembershipFigures& f = figures_[m->service];
      m->held_dead = true;
      if (m->up) ++f.false_deaths;
      if (m->crashed_at) {
        ++f.detected;
        keep_max(f.max_detection_s, t - *m->crashed_at);
        m->crashed_at.reset();
      }
    }
  } else if (ev == event::member_dead_everywhere) {
    if (Member* m = member(e, "node"); m && m->converging) {
      keep_max(figures_[m->service].max_convergence_s, t - *m->converging);
      m->converging.reset();
    }
  } else if (ev == event::member_alive) {
    if (Member* m = member(e, "node")) m->held_dead = false;
  }
}

std::map<std::string, MembershipFigures> MembershipViews::finish() const {
  std::map<std::string, MembershipFigures> out = figures_;
  for (const auto& [host, m] : members_)
    if (m.up && m.held_dead) ++out[m.service].apart_at_end;
  return out;
}

TraceEvent membership_json(const MembershipFigures& f) {
  auto optional = [](const std::optional<double>& v) { return v ? TraceEvent(*v) : TraceEvent(nullptr); };
  return {{"crashes", f.crashes},
          {"detected", f.detected},
          {"max_detection_s", optional(f.max_detection_s)},
          {"max_convergence_s", optional(f.max_convergence_s)},
          {"false_deaths", f.false_deaths},
          {"apart_at_end", f.apart_at_end}};
}

MembershipFigures membership_figures(const TraceEvent& j) {
  auto optional = [](const TraceEvent& v) { return v.is_null() ? std::nullopt : std::optional(v.get<double>()); };
  return {j.at("crashes").get<std::uint64_t>(),       j.at("detected").get<std::uint64_t>(),
          optional(j.at("max_detection_s")),          optional(j.at("max_convergence_s")),
          j.at("false_deaths").get<std::uint64_t>(),  j.at("apart_at_end").get<std::uint64_t>()};
}

std::string describe_membership(const std::string& service, const MembershipFigures& f) {
  const std::string detection =
      f.max_detection_s ? fmt::format(" (slowest: declared dead after {:.3f} s, ", *f.max_detection_s) +
                              (f.max_convergence_s ? fmt::format("by all after {:.3f} s)", *f.max_convergence_s)
                                                   : std::string("never by all)"))
                        : std::string();
  return fmt::format("{}: {} crash{}, {} detected{}; {} live member{} declared dead; {} still held dead at the end",
                     service, f.crashes, f.crashes == 1 ? "" : "es", f.detected, detection, f.false_deaths,
                     f.false_deaths == 1 ? "" : "s", f.apart_at_end);
}

}  // namespace halab
