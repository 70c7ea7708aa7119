// `halab availability`: a k-out-of-n system's steady-state availability from its
// components' MTTF and MTTR (models/availability), in the units architects read: nines,
// downtime per year, how often it goes down and for how long.
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

std::optional<double> positive_seconds(const std::string& option, const std::string& text) {
  const auto d = parse_duration(text);
  if (!d || !(d->to_seconds() > 0)) {
    std::cerr << "availability: " << option << ": expected a positive duration such as \"720h\" or \"30d\", found \"" << text
              << "\"\n";
    return std::nullopt;
  }
  return d->to_seconds();
}

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
  if (options.k > options.n) {
    std::cerr << "availability: --k: " << options.k << " components needed up, of --n " << options.n << "\n";
    return kExitInput;
  }
  const Availability a = k_out_of_n({options.n, options.k, options.crews, *mttf, *mttr});
  const double nines = a.unavailability > 0 ? -std::log10(a.unavailability) : INFINITY;
  if (options.json) {
    nlohmann::ordered_json j{{"n", options.n},
                             {"k", options.k},
                             {"crews", options.crews},
                             {"mttf_s", *mttf},
                             {"mttr_s", *mttr},
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
  std::cout << fmt::format("{}-out-of-{}, {} repair crew{}; each component: MTTF {}, MTTR {}\n", options.k, options.n,
                           options.crews, options.crews == 1 ? "" : "s", readable(*mttf), readable(*mttr));
  std::cout << fmt::format("  availability    {:.10f} ({:.2f} nines)\n", a.availability, nines);
  std::cout << fmt::format("  unavailability  {:.4g}: down {} per year\n", a.unavailability, readable(a.unavailability * kYear));
  std::cout << fmt::format("  outages         {:.4g} per year: up {} between them, down {} each\n", a.failures_per_s * kYear,
                           readable(a.mean_up_s), readable(a.mean_down_s));
  return kExitOk;
}

}  // namespace halab
