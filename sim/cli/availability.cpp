// `halab availability`: the steady-state availability of a k-out-of-n system, or of an
// active/passive pair, from its components' MTTF and MTTR and its failover's times
// (models/availability), in the units architects read: nines, downtime per year, how often
// it goes down and for how long.
#include "models/availability/active_passive.hpp"
#include "models/availability/k_of_n.hpp"
#include "sim/cli/commands.hpp"
#include "sim/scenario/units.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <optional>
#include <stdexcept>

namespace halab {
namespace {

constexpr double kYear = 365.25 * 86400;

// A duration option, as in scenarios ("720h", "30d", "500ms"); with `positive`, not zero.
std::optional<double> duration_option(const std::string& option, const std::string& text, bool positive) {
  const auto d = parse_duration(text);
  if (!d || (positive && !(d->to_seconds() > 0))) {
    std::cerr << "availability: " << option << ": expected a " << (positive ? "positive " : "")
              << "duration such as \"720h\" or \"30d\", found \"" << text << "\"\n";
    return std::nullopt;
  }
  return d->to_seconds();
}
std::optional<double> positive_seconds(const std::string& option, const std::string& text) {
  return duration_option(option, text, true);
}
std::optional<double> seconds(const std::string& option, const std::string& text) { return duration_option(option, text, false); }

// "4 h 12 min", "38 s": a time a person reads at a glance.
std::string readable(double s) {
  if (s >= 2 * kYear) return fmt::format("{:.1f} years", s / kYear);
  if (s >= 2 * 86400) return fmt::format("{:.1f} days", s / 86400);
  if (s >= 2 * 3600) return fmt::format("{:.1f} h", s / 3600);
  if (s >= 120) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.2f} s", s);
}

}  // namespace

int command_availability(const AvailabilityCommand& options) {
  const auto mttf = positive_seconds("--mttf", options.mttf);
  const auto mttr = positive_seconds("--mttr", options.mttr);
  if (!mttf || !mttr) return kExitInput;
  Availability a;
  nlohmann::ordered_json system;
  std::string title;
  if (options.active_passive) {
    const auto detect = seconds("--detect", options.detect);
    const auto switchover = seconds("--switchover", options.switchover);
    if (!detect || !switchover) return kExitInput;
    std::optional<double> manual = 0.0;
    if (options.coverage < 1) {
      if (options.manual.empty()) {
        std::cerr << "availability: --coverage: below 1, failures are left to an operator: give their mean recovery time "
                     "with --manual\n";
        return kExitInput;
      }
      manual = positive_seconds("--manual", options.manual);
      if (!manual) return kExitInput;
    }
    a = active_passive({*mttf, *mttr, *detect, *switchover, options.coverage, *manual});
    system = {{"kind", "active-passive"}, {"mttf_s", *mttf}, {"mttr_s", *mttr}, {"detect_s", *detect},
              {"switchover_s", *switchover}, {"coverage", options.coverage}, {"manual_s", *manual}};
    title = fmt::format("active/passive (hot standby, one repair crew); each node: MTTF {}, MTTR {}; failover after {} + {}, "
                        "automatic for {:.4g} % of failures{}",
                        readable(*mttf), readable(*mttr), readable(*detect), readable(*switchover), 100 * options.coverage,
                        options.coverage < 1 ? ", the rest restored by hand in " + readable(*manual) : "");
  } else {
    if (options.k > options.n) {
      std::cerr << "availability: --k: " << options.k << " components needed up, of --n " << options.n << "\n";
      return kExitInput;
    }
    a = k_out_of_n({options.n, options.k, options.crews, *mttf, *mttr});
    system = {{"kind", "k-of-n"}, {"n", options.n}, {"k", options.k}, {"crews", options.crews}, {"mttf_s", *mttf}, {"mttr_s", *mttr}};
    title = fmt::format("{}-out-of-{}, {} repair crew{}; each component: MTTF {}, MTTR {}", options.k, options.n, options.crews,
                        options.crews == 1 ? "" : "s", readable(*mttf), readable(*mttr));
  }
  const double nines = a.unavailability > 0 ? -std::log10(a.unavailability) : INFINITY;
  if (options.json) {
    nlohmann::ordered_json j{{"system", system},
                             {"availability", a.availability},
                             {"unavailability", a.unavailability},
                             {"nines", a.unavailability > 0 ? nlohmann::ordered_json(nines) : nlohmann::ordered_json(nullptr)},
                             {"downtime_per_year_s", a.unavailability * kYear},
                             {"failures_per_year", a.failures_per_s * kYear},
                             {"mean_up_s", a.mean_up_s},
                             {"mean_down_s", a.mean_down_s}};
    std::cout << j.dump() << '\n';
    return kExitOk;
  }
  std::cout << title << "\n";
  std::cout << fmt::format("  availability    {:.10f} ({:.2f} nines)\n", a.availability, nines);
  std::cout << fmt::format("  unavailability  {:.4g}: down {} per year\n", a.unavailability, readable(a.unavailability * kYear));
  std::cout << fmt::format("  outages         {:.4g} per year: up {} between them, down {} each\n", a.failures_per_s * kYear,
                           readable(a.mean_up_s), readable(a.mean_down_s));
  return kExitOk;
}

}  // namespace halab
