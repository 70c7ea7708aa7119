#include "sim/scenario/kind_reader.hpp"

#include "sim/scenario/units.hpp"

#include <fmt/format.h>

namespace halab {

void refuse_failover_keys(const Fields& cluster, std::string_view manager, std::string_view heartbeat_instead,
                          std::string_view detector_instead) {
  const std::string not_ours = fmt::format("not a setting of the {} manager (", manager);
  if (cluster.get("heartbeat_interval", Fields::optional))
    cluster.diagnostics().error(cluster.pointer("heartbeat_interval"), fmt::format("{}{})", not_ours, heartbeat_instead));
  if (cluster.get("detector", Fields::optional))
    cluster.diagnostics().error(cluster.pointer("detector"), fmt::format("{}{})", not_ours, detector_instead));
  if (const auto* members = cluster.get("members", Fields::optional); members && members->is_array())
    for (std::size_t i = 0; i < members->size(); ++i)
      if ((*members)[i].is_object() && (*members)[i].contains("priority"))
        cluster.diagnostics().error(pointer_join(pointer_join(cluster.pointer("members"), i), "priority"),
                                    fmt::format("{} members have no priority (they keep membership; nothing is placed)", manager));
}

void warn_if_no_loss_shows(Diagnostics& diag, const std::string& pointer, Duration soonest, Duration run,
                           std::string_view how) {
  if (run <= Duration() || soonest < run) return;
  diag.warn(pointer, fmt::format("{}, no sooner than the run ends ({}): no crash or partition in this run can change the "
                                 "membership",
                                 how, duration_text(run.to_seconds())));
}

void read_detector(const Fields& cluster, Fields::Need need, DetectorSpec& d) {
  using Need = Fields::Need;
  const auto* v = cluster.get("detector", need);
  if (!v) return;
  Fields f(*v, cluster.pointer("detector"), cluster.diagnostics(),
           {"kind", "timeout", "threshold", "window", "min_std_dev", "acceptable_pause", "first_heartbeat_estimate"});
  if (!f.is_object()) return;
  auto kind = f.string("kind", Need::required);
  if (!kind) return;
  auto positive = [&](std::string_view key, Need n, Duration& out) { f.positive_duration(key, n, out); };
  auto reject = [&](std::initializer_list<std::string_view> keys, const char* kind_name) {
    for (auto key : keys)
      if (f.get(key, Need::optional))
        f.diagnostics().error(f.pointer(key), "not a setting of the " + std::string(kind_name) + " detector");
  };
  if (*kind == "fixed-timeout") {
    d.kind = DetectorSpec::Kind::fixed_timeout;
    positive("timeout", Need::required, d.timeout);
    reject({"threshold", "window", "min_std_dev", "acceptable_pause", "first_heartbeat_estimate"}, "fixed-timeout");
  } else if (*kind == "phi-accrual") {
    d.kind = DetectorSpec::Kind::phi_accrual;
    reject({"timeout"}, "phi-accrual");
    d.phi.threshold = f.number("threshold", Need::optional, 0.1, 300).value_or(d.phi.threshold);
    d.phi.max_samples = static_cast<std::size_t>(f.integer("window", Need::optional, 2, 100000).value_or(1000));
    positive("min_std_dev", Need::optional, d.phi.min_std_dev);
    if (auto p = f.duration("acceptable_pause", Need::optional)) d.phi.acceptable_pause = *p;
    positive("first_heartbeat_estimate", Need::optional, d.phi.first_heartbeat_estimate);
  } else if (*kind == "vrrp") {
    d.kind = DetectorSpec::Kind::vrrp;  // RFC 5798 timing from heartbeat_interval and priority
    reject({"timeout", "threshold", "window", "min_std_dev", "acceptable_pause", "first_heartbeat_estimate"}, "vrrp");
  } else {
    f.diagnostics().expected(f.pointer("kind"), "\"fixed-timeout\", \"phi-accrual\" or \"vrrp\"",
                             f.get("kind", Need::optional));
  }
}

}  // namespace halab
