// `halab availability`: the steady-state availability of a k-out-of-n system or of a
// failover cluster (active/passive, N+M, N-to-1, N-to-N), from its nodes' MTTF and MTTR and
// its failover's times (models/availability), in the units architects read: nines,
// downtime per year, how often it goes down and for how long, and the writes an
// asynchronous replica loses.
#include "models/availability/async_rpo.hpp"
#include "models/availability/failover_cluster.hpp"
#include "models/availability/k_of_n.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/report.hpp"
#include "sim/scenario/units.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>

namespace halab {
namespace {

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



// The options each topology reads (beyond --topology, --mttf, --mttr, --json).
const std::map<std::string, std::vector<std::string>> kReads{
    {"k-of-n", {"--n", "--k", "--crews"}},
    {"active-passive", {"--crews", "--detect", "--switchover", "--coverage", "--manual", "--failback", "--restore", "--writes", "--lag"}},
    {"n+m", {"--n", "--m", "--crews", "--detect", "--switchover", "--coverage", "--manual", "--failback", "--restore"}},
    {"n-to-1", {"--n", "--crews", "--detect", "--switchover", "--coverage", "--manual", "--failback", "--restore"}},
    {"n-to-n", {"--n", "--k", "--crews", "--detect", "--switchover", "--coverage", "--manual", "--failback", "--restore"}},
};

bool unread_option(const AvailabilityCommand& options) {
  const std::vector<std::string>& reads = kReads.at(options.topology);
  for (const std::string& option : options.given) {
    if (option == "--topology" || option == "--mttf" || option == "--mttr" || option == "--json") continue;
    if (std::find(reads.begin(), reads.end(), option) == reads.end()) {
      std::cerr << "availability: " << option << ": not read by --topology " << options.topology << " (it reads";
      for (const std::string& r : reads) std::cerr << ' ' << r;
      std::cerr << ")\n";
      return true;
    }
  }
  return false;
}

bool given(const AvailabilityCommand& options, const std::string& option) {
  return std::find(options.given.begin(), options.given.end(), option) != options.given.end();
}

// The failover cluster the options describe, or nullopt after a message.
std::optional<FailoverClusterSpec> cluster(const AvailabilityCommand& options, double mttf, double mttr) {
  FailoverClusterSpec spec;
  spec.mttf_s = mttf;
  spec.mttr_s = mttr;
  spec.crews = options.crews;
  spec.coverage = options.coverage;
  const auto detect = seconds("--detect", options.detect);
  const auto switchover = seconds("--switchover", options.switchover);
  if (!detect || !switchover) return std::nullopt;
  spec.detect_s = *detect;
  spec.switchover_s = *switchover;
  if (options.coverage < 1) {
    if (options.manual.empty()) {
      std::cerr << "availability: --coverage: below 1, failures are left to an operator: give their mean recovery time "
                   "with --manual\n";
      return std::nullopt;
    }
    const auto manual = positive_seconds("--manual", options.manual);
    if (!manual) return std::nullopt;
    spec.manual_s = *manual;
  }
  if (!options.failback.empty()) {
    const auto failback = seconds("--failback", options.failback);
    if (!failback) return std::nullopt;
    spec.failback_s = *failback;
  } else if (options.topology == "n-to-1") {
    spec.failback_s = spec.switchover_s;
  }
  if (!options.restore.empty()) {
    const auto restore = seconds("--restore", options.restore);
    if (!restore) return std::nullopt;
    spec.restore_s = *restore;
  }
  if (options.topology == "n-to-n") {
    if (options.k > options.n) {
      std::cerr << "availability: --k: " << options.k << " nodes needed up, of --n " << options.n << "\n";
      return std::nullopt;
    }
    spec.layout = FailoverClusterSpec::Layout::all_active;
    spec.workloads = options.k;
    spec.spares = options.n - options.k;
  } else {
    spec.workloads = options.topology == "active-passive" ? 1 : options.n;
    spec.spares = options.topology == "n+m" ? options.m : 1;
  }
  return spec;
}

std::string describe(const AvailabilityCommand& options, const FailoverClusterSpec& s) {
  std::string shape;
  if (options.topology == "active-passive") shape = "active/passive (a hot standby)";
  else if (options.topology == "n+m") shape = fmt::format("{}+{} ({} node{} with a workload, {} standby{})", s.workloads, s.spares,
                                                          s.workloads, s.workloads == 1 ? "" : "s", s.spares, s.spares == 1 ? "" : "s");
  else if (options.topology == "n-to-1") shape = fmt::format("{}-to-1 ({} nodes share one standby, workloads fail back)", s.workloads, s.workloads);
  else shape = fmt::format("{}-to-{} (all active, {} of {} needed up)", s.workloads + s.spares, s.workloads + s.spares, s.workloads,
                           s.workloads + s.spares);
  return fmt::format("{}, {} repair crew{}; each node: MTTF {}, MTTR {}; failover after {} + {}, automatic for {:.4g} % of "
                     "failures{}{}{}",
                     shape, s.crews, s.crews == 1 ? "" : "s", readable_duration(s.mttf_s), readable_duration(s.mttr_s), readable_duration(s.detect_s),
                     readable_duration(s.switchover_s), 100 * s.coverage,
                     s.coverage < 1 ? ", the rest restored by hand in " + readable_duration(s.manual_s) : "",
                     s.failback_s > 0 ? "; failback " + readable_duration(s.failback_s) : "",
                     s.restore_s ? "; back from too few nodes in " + readable_duration(*s.restore_s) : "");
}

nlohmann::ordered_json to_json(const AvailabilityCommand& options, const FailoverClusterSpec& s) {
  return {{"kind", options.topology}, {"workloads", s.workloads}, {"spares", s.spares},
          {"layout", s.layout == FailoverClusterSpec::Layout::standby ? "standby" : "all-active"},
          {"crews", s.crews}, {"mttf_s", s.mttf_s}, {"mttr_s", s.mttr_s}, {"detect_s", s.detect_s},
          {"switchover_s", s.switchover_s}, {"coverage", s.coverage}, {"manual_s", s.manual_s}, {"failback_s", s.failback_s},
          {"restore_s", s.restore_s.value_or(s.detect_s + s.switchover_s)}};
}

}  // namespace

int command_availability(const AvailabilityCommand& options) {
  if (unread_option(options)) return kExitInput;
  const auto mttf = positive_seconds("--mttf", options.mttf);
  const auto mttr = positive_seconds("--mttr", options.mttr);
  if (!mttf || !mttr) return kExitInput;
  if (given(options, "--writes") != given(options, "--lag")) {
    std::cerr << "availability: --writes and --lag go together (the RPO is the writes in flight: rate × lag)\n";
    return kExitInput;
  }
  Availability a;
  nlohmann::ordered_json system;
  std::string title;
  std::optional<AsyncRpo> rpo;
  try {
    if (options.topology == "k-of-n") {
      if (options.k > options.n) {
        std::cerr << "availability: --k: " << options.k << " components needed up, of --n " << options.n << "\n";
        return kExitInput;
      }
      a = k_out_of_n({options.n, options.k, options.crews, *mttf, *mttr});
      system = {{"kind", "k-of-n"}, {"n", options.n}, {"k", options.k}, {"crews", options.crews}, {"mttf_s", *mttf}, {"mttr_s", *mttr}};
      title = fmt::format("{}-out-of-{}, {} repair crew{}; each component: MTTF {}, MTTR {}", options.k, options.n, options.crews,
                          options.crews == 1 ? "" : "s", readable_duration(*mttf), readable_duration(*mttr));
    } else {
      const auto spec = cluster(options, *mttf, *mttr);
      if (!spec) return kExitInput;
      a = failover_cluster(*spec);
      system = to_json(options, *spec);
      title = describe(options, *spec);
      if (given(options, "--lag")) {
        const auto lag = seconds("--lag", options.lag);
        if (!lag) return kExitInput;
        rpo = async_rpo({options.writes, *lag, a.failovers_per_s});
      }
    }
  } catch (const ChainTooLarge& e) {
    std::cerr << "availability: --n: " << options.n << " nodes: " << e.what() << "\n";
    return kExitInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "availability: " << e.what() << "\n";
    return kExitInput;
  }
  const double nines = a.unavailability > 0 ? -std::log10(a.unavailability) : INFINITY;
  if (options.json) {
    nlohmann::ordered_json j{{"system", system},
                             {"availability", a.availability},
                             {"unavailability", a.unavailability},
                             {"nines", a.unavailability > 0 ? nlohmann::ordered_json(nines) : nlohmann::ordered_json(nullptr)},
                             {"downtime_per_year_s", a.unavailability * kSecondsPerYear},
                             {"failures_per_year", a.failures_per_s * kSecondsPerYear},
                             {"mean_up_s", a.mean_up_s},
                             {"mean_down_s", a.mean_down_s}};
    if (options.topology != "k-of-n") j["failovers_per_year"] = a.failovers_per_s * kSecondsPerYear;
    if (rpo)
      j["rpo"] = {{"writes_per_s", options.writes}, {"lag_s", rpo->window_s}, {"writes_lost_per_failover", rpo->writes_lost_per_failover},
                  {"window_s", rpo->window_s}, {"writes_lost_per_year", rpo->writes_lost_per_s * kSecondsPerYear}};
    std::cout << j.dump() << '\n';
    return kExitOk;
  }
  std::cout << title << "\n";
  std::cout << fmt::format("  availability    {:.10f} ({:.2f} nines)\n", a.availability, nines);
  std::cout << fmt::format("  unavailability  {:.4g}: down {} per year\n", a.unavailability, readable_duration(a.unavailability * kSecondsPerYear));
  std::cout << fmt::format("  outages         {:.4g} per year: up {} between them, down {} each\n", a.failures_per_s * kSecondsPerYear,
                           readable_duration(a.mean_up_s), readable_duration(a.mean_down_s));
  if (options.topology != "k-of-n") std::cout << fmt::format("  failovers       {:.4g} per year\n", a.failovers_per_s * kSecondsPerYear);
  if (rpo)
    std::cout << fmt::format("  data loss       {:.4g} writes per failover (those of the last {}), {:.4g} per year\n",
                             rpo->writes_lost_per_failover, readable_duration(rpo->window_s), rpo->writes_lost_per_s * kSecondsPerYear);
  return kExitOk;
}

}  // namespace halab
