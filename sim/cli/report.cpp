#include "sim/cli/report.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace halab {
namespace {

std::string seconds(const std::optional<double>& t, double since) {
  return t ? fmt::format("+{:.3f} s", *t - since) : "never";
}

std::string availability_text(std::optional<double> availability) {
  return availability ? fmt::format("{:.3f}%", *availability * 100) : "n/a";
}

} // namespace

std::string format_verdict(const Summary& s) {
  std::string fenced;
  for (const auto& f : s.fenced)
    fenced += (fenced.empty() ? "" : ", ") +
              (f.by == f.node ? fmt::format("{} itself at {:.1f} s", f.node, f.at_s)
                              : fmt::format("{} at {:.1f} s by {}", f.node, f.at_s, f.by));
  // With several services the time without a holder is per floating IP, summed.
  const std::string unserved = s.services.size() > 1
                                   ? fmt::format("IPs without a holder {:.1f} s (summed over {})", s.no_service_s, s.services.size())
                                   : fmt::format("without service {:.1f} s", s.no_service_s);
  return fmt::format("verdict       split brain {}, corrupted writes {}, fenced: {}{}, {}", s.max_ip_holders > 1 ? "YES" : "no",
                     s.storage ? std::to_string(s.corrupted_writes) : "not measured (no shared storage)",
                     fenced.empty() ? "nobody" : fenced,
                     s.fence_failures ? fmt::format(" ({} fencing failures)", s.fence_failures) : "", unserved);
}

// The request path: failures by cause and by the tier they began in, then each tier.
std::string format_request_path(const Summary& s) {
  auto counts = [](const std::map<std::string, std::uint64_t>& by) {
    std::string out;
    for (const auto& [name, n] : by) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", name, n);
    return out.empty() ? std::string("none") : out;
  };
  std::string out = fmt::format("  failures      {}\n", counts(s.failures));
  // Which tier each failed request began in (a request never answered: "unanswered").
  if (!s.blame.empty()) {
    std::uint64_t total = 0;
    for (const auto& [tier, n] : s.blame) total += n;
    out += fmt::format("  began in      {:<12} {:>9}  {:>7}\n", "tier", "failed", "share");
    for (const auto& [tier, n] : s.blame)
      out += fmt::format("                {:<12} {:>9}  {:>6.1f}%\n", tier, n, 100.0 * static_cast<double>(n) / static_cast<double>(total));
  }
  if (s.requests_degraded) out += fmt::format("  degraded      {} requests answered with a fallback\n", s.requests_degraded);
  for (const auto& [name, t] : s.tiers) {
    if (t.served) {  // a cache tier: it answers gets and sets, not requests
      out += fmt::format("  tier {:<8} cache: {} gets, {} hits, {} sets", name, t.served->gets, t.served->get_hits, t.served->sets);
      if (t.sentinel)
        out += !t.sentinel->promotions ? "; no Sentinel failover"
               : t.sentinel->max_failover_s
                   ? fmt::format("; {} Sentinel failover(s), the longest {:.2f} s after the master's crash",
                                 t.sentinel->promotions, *t.sentinel->max_failover_s)
                   : fmt::format("; {} Sentinel failover(s), none after a crash (not timed)", t.sentinel->promotions);
      if (t.served->sets_readonly || t.served->sets_noreplicas)
        out += fmt::format("; sets refused: {} by a replica (READONLY), {} for want of good replicas (NOREPLICAS)",
                           t.served->sets_readonly, t.served->sets_noreplicas);
      if (t.sentinel && t.sentinel->sets_discarded)
        out += fmt::format("; {} sets discarded by demoted masters", t.sentinel->sets_discarded);
      out += "\n";
      continue;
    }
    if (t.director) {
      out += fmt::format("  tier {:<8} LVS director: {} connections, {} forwarded, {} with no real server listed\n", name,
                         t.requests, t.forwarded, t.failed(CallFailure::no_backend));
      continue;
    }
    std::string failed;  // by cause, the causes it had
    for (CallFailure f : kCallFailures)
      if (t.failed(f)) failed += fmt::format("{}{} {}", failed.empty() ? " (" : ", ", to_string(f), t.failed(f));
    if (!failed.empty()) failed += ")";
    std::string retried = t.retried ? fmt::format(", {} retried below", t.retried) : "";
    std::string degraded = t.degraded ? fmt::format(" ({} degraded)", t.degraded) : "";
    const auto p50 = t.latency.percentile(0.5), p99 = t.latency.percentile(0.99);
    std::string latency = p50 ? fmt::format("; p50 {:.2f} ms, p99 {:.2f} ms", *p50 * 1e3, *p99 * 1e3) : "";
    out += fmt::format("  tier {:<8} {} requests, {} ok{}, {} failed{}{}; success {}{}; at most {} busy, {} queued\n", name,
                       t.requests, t.ok, degraded, t.failed(), failed, retried, availability_text(t.success_rate()),
                       latency, t.max_busy, t.max_queue);
    if (const auto& b = t.buffer)
      out += fmt::format("                buffer: {} calls accepted, {} delivered ({} deliveries failed and waited again), {} lost, "
                         "{} left; at most {} held, longest wait {:.3f} s\n",
                         b->buffered, b->delivered, b->redelivered, b->lost, b->undelivered(), b->max_held, b->max_wait_s);
    if (const auto& c = t.cache)
      out += fmt::format("                cache: {} lookups, {} hits ({:.1f}%), {} unanswered in time\n", c->lookups, c->hits,
                         c->lookups ? 100.0 * static_cast<double>(c->hits) / static_cast<double>(c->lookups) : 0.0, c->timeouts);
    if (const auto& d = t.database) {
      out += fmt::format("                reads: {}, {} stale (at most {:.3f} s behind)\n", d->reads, d->reads_stale, d->max_stale_s);
      out += fmt::format("                failovers: {} promotion(s), {} acknowledged writes lost (over {:.3f} s), {} unacknowledged; "
                         "{} semi-sync fallback(s), {} view eviction(s)\n",
                         d->promotions, d->writes_lost, d->lost_window_s, d->unacknowledged_lost, d->semi_sync_fallbacks,
                         d->view_evictions);
      if (d->drops)
        out += fmt::format("                operator errors: {} table(s) dropped, {} acknowledged writes lost since the last backup\n",
                           d->drops, d->drop_writes_lost);
    }
    if (t.writes_applied || t.writes_deduplicated)
      out += fmt::format("                writes: {} applied, {} of them again (a retried call), {} kept out by idempotency keys\n",
                         t.writes_applied, t.writes_duplicated, t.writes_deduplicated);
  }
  return out;
}

namespace {

// Per memberlist service: its members' crashes, how fast they were declared dead, and the
// live members wrongly declared dead.
std::string format_membership(const Summary& s) {
  std::string out;
  for (const auto& [name, f] : s.membership) out += "  membership    " + describe_membership(name, f) + "\n";
  return out;
}

std::string format_end(const Summary& s, std::size_t expectations, const std::vector<std::string>& unmet) {
  std::string out;
  for (const auto& w : s.warnings) out += "  warning       " + w + "\n";
  if (expectations == 0) out += "  expectations  none stated\n";
  else if (unmet.empty()) out += fmt::format("  expectations  all {} met\n", expectations);
  else {
    out += fmt::format("  expectations  {} of {} UNMET\n", unmet.size(), expectations);
    for (const auto& u : unmet) out += "    - " + u + "\n";
  }
  return out;
}

}  // namespace

std::string format_run_report(const Summary& s, std::size_t expectations, const std::vector<std::string>& unmet) {
  std::string out = fmt::format("{}  (seed {}, {:.1f} s simulated)\n", s.scenario, s.seed, s.duration_s);
  // Membership-only services (memberlist) serve no IP: no requests, holders or failovers to tell.
  if (s.services.empty() && !s.membership.empty()) return out + format_membership(s) + format_end(s, expectations, unmet);
  // time_availability is the IP's reachability, not the request path's health: said so,
  // lest a stack whose tiers fail read as served.
  out += fmt::format("  requests      {} total, {} failed, availability {} (IP reachable {} of the time)\n", s.requests_total,
                     s.requests_failed, availability_text(s.availability), availability_text(s.time_availability));
  // One datacenter's outage must not hide in the run's figure.
  if (s.datacenters.size() > 1)
    for (const auto& [dc, f] : s.datacenters)
      out += fmt::format("  clients in {:<3} availability {} (IP reachable {} of the time, {:.1f} s not)\n", dc,
                         availability_text(f.availability()), availability_text(f.time_availability()),
                         f.window_s - f.served_s);
  out += fmt::format("  latency       p50 {:.2f} ms, p99 {:.2f} ms; longest outage {:.3f} s, down {:.3f} s in {} outage{}{}{}\n",
                     s.latency_p50_s * 1e3, s.latency_p99_s * 1e3, s.max_outage_s, s.down_s, s.outages, s.outages == 1 ? "" : "s",
                     s.planned_outages > 0 ? fmt::format(" ({} planned: {:.3f} s)", s.planned_outages, s.planned_down_s) : "",
                     s.degraded_s > 0 ? fmt::format(", degraded {:.3f} s", s.degraded_s) : "");
  if (!s.tiers.empty()) out += format_request_path(s);
  // A preemption's overlap lasts one network delay: shown in microseconds, not as 0.000 s.
  std::string overlap = s.split_brain_s > 0 && s.split_brain_s < 1e-3 ? fmt::format("{:.0f} us", s.split_brain_s * 1e6)
                                                                       : fmt::format("{:.3f} s", s.split_brain_s);
  out += fmt::format("  IP holders    at most {}; split brain {} ({} with more than one holder)\n", s.max_ip_holders,
                     s.max_ip_holders > 1 ? "YES" : "no", overlap);
  if (s.services.size() > 1)
    for (const auto& [name, f] : s.services)
      out += fmt::format("  service {:<6}{} failovers, at most {} holders, {:.3f} s with more than one, {:.1f} s with none\n",
                         name + " ", f.failovers, f.max_ip_holders, f.split_brain_s, f.no_service_s);
  if (s.dns_name) {
    std::string answers, changes;
    for (const auto& [service, n] : s.dns_answers) answers += fmt::format("{}{} {}", answers.empty() ? "" : ", ", service, n);
    for (const auto& c : s.dns_changes)
      changes += fmt::format("; {} marked {} at {:.1f} s", c.service, c.healthy ? "healthy" : "down", c.at_s);
    out += fmt::format("  dns           {}: answers first naming {}{}\n", *s.dns_name, answers.empty() ? "none" : answers, changes);
  }
  if (s.failovers.empty()) out += "  failovers     none\n";
  for (std::size_t i = 0; i < s.failovers.size(); ++i) {
    const FailoverRecord& f = s.failovers[i];
    double base = f.fault_at_s.value_or(f.ip_moved_at_s);
    // Phases a manager does not have (a decision under keepalived, fencing without it) are left out.
    std::string phases = f.detected_at_s ? "detected " + seconds(f.detected_at_s, base) : "no detector fired";
    if (f.decided_at_s) phases += ", decided " + seconds(f.decided_at_s, base);
    if (f.fenced_at_s) phases += ", fenced " + seconds(f.fenced_at_s, base);
    out += fmt::format("  failover {}    {}{}{} -> {} at {:.3f} s: {}{}, IP moved {}, first success {}\n", i + 1,
                       f.false_alarm() ? "FALSE ALARM (the holder lived) " : "",
                       s.services.size() > 1 ? f.service + ": " : "", f.from.value_or("nobody"), f.node, f.ip_moved_at_s,
                       f.cause ? fmt::format("{} (fault {}) at {:.3f} s, ", f.cause->what, f.cause->fault, *f.fault_at_s)
                               : "no fault caused it, ",
                       phases, seconds(f.ip_moved_at_s, base),
                       f.client_facing ? seconds(f.first_success_at_s, base) : std::string("not measured (a tier calls this IP)"));
    out += fmt::format("                why: {}\n", f.reason);
  }
  out += "  " + format_verdict(s) + "\n";
  out += format_membership(s);
  if (s.crm_transitions > 0) {
    std::string where;
    for (const auto& [rsc, node] : s.placement.items()) {
      std::vector<std::string> nodes;
      if (node.is_string()) nodes.push_back(node.get<std::string>());
      else nodes = node.get<std::vector<std::string>>();
      std::string on = nodes.empty() ? std::string("stopped") : fmt::format("{}", fmt::join(nodes, "+"));
      if (s.promoted.contains(rsc))
        on += fmt::format(" (promoted: {})", fmt::join(s.promoted[rsc].get<std::vector<std::string>>(), "+"));
      where += fmt::format("{}{} {}", where.empty() ? "" : ", ", rsc, on);
    }
    out += fmt::format("  crm           {} transitions, {} failed operations; at the end: {}\n", s.crm_transitions,
                       s.crm_failed_operations, where);
  }
  return out + format_end(s, expectations, unmet);
}

std::string format_suite_report(const std::vector<SuiteRow>& rows) {
  std::string out = fmt::format("{:<40} {:>9} {:>9} {:>6} {:>7} {:>10} {:>11}  {}\n", "scenario", "avail", "failed",
                                "fails", "holders", "split s", "outage s", "expectations");
  std::size_t ok = 0;
  for (const auto& r : rows) {
    std::string name = r.file.substr(r.file.find_last_of('/') + 1);
    if (!r.error.empty()) {
      out += fmt::format("{:<40} ERROR: {}\n", name, r.error);
      continue;
    }
    const auto& s = r.summary;
    std::string verdict = r.unmet.empty() ? fmt::format("{} met", r.expectations) : fmt::format("{} UNMET", r.unmet.size());
    if (r.unmet.empty()) ++ok;
    std::string avail = availability_text(s["availability"].is_null() ? std::nullopt
                                                                      : std::optional(s["availability"].get<double>()));
    if (s["services"].empty() && s.contains("membership")) {
      // Membership only (memberlist): no requests, IP or outages to count; what the members
      // held of each other, below, instead.
      out += fmt::format("{:<40} {:>9} {:>9} {:>6} {:>7} {:>10} {:>11}  {}\n", name, avail, "n/a", "n/a", "n/a", "n/a",
                         "n/a", verdict);
    } else {
      out += fmt::format("{:<40} {:>9} {:>9} {:>6} {:>7} {:>10.3f} {:>11.3f}  {}\n", name, avail,
                         s["requests_failed"].get<std::uint64_t>(), s["failovers"].size(),
                         s["max_ip_holders"].get<std::uint64_t>(), s["split_brain_s"].get<double>(),
                         s["max_outage_s"].get<double>(), verdict);
    }
    if (s.contains("membership"))
      for (const auto& [svc, m] : s["membership"].items()) out += "    membership " + describe_membership(svc, membership_figures(m)) + "\n";
    for (const auto& u : r.unmet) out += "    - " + u + "\n";
  }
  out += fmt::format("\n{} of {} scenarios met their expectations\n", ok, rows.size());
  return out;
}

std::string format_sweep_report(const std::vector<SuiteRow>& rows) {
  const auto base_name = [](const std::string& file) { return file.substr(file.find_last_of('/') + 1); };
  std::size_t width = 40;  // the longest scenario file name
  for (const auto& r : rows) width = std::max(width, base_name(r.file).size());
  std::string out = fmt::format("{:<{}} {:>11}  {}\n", "scenario", width, "seeds met", "failing seeds");
  std::size_t scenarios = 0, clean = 0;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    std::vector<std::uint64_t> failing;
    const SuiteRow* first_failure = nullptr;
    for (; j < rows.size() && rows[j].file == rows[i].file; ++j) {
      if (rows[j].error.empty() && rows[j].unmet.empty()) continue;
      failing.push_back(rows[j].seed);
      if (!first_failure) first_failure = &rows[j];
    }
    ++scenarios;
    if (failing.empty()) ++clean;
    out += fmt::format("{:<{}} {:>5} of {:<3}  {}\n", base_name(rows[i].file), width, j - i - failing.size(), j - i,
                       fmt::join(failing, " "));
    if (first_failure) {
      if (!first_failure->error.empty()) out += fmt::format("    seed {}: {}\n", first_failure->seed, first_failure->error);
      for (const auto& u : first_failure->unmet) out += fmt::format("    seed {}: {}\n", first_failure->seed, u);
    }
    i = j;
  }
  out += fmt::format("\n{} of {} scenarios met their expectations at every seed\n", clean, scenarios);
  return out;
}

std::string readable_duration(double s) {
  if (s >= 2 * kSecondsPerYear) return fmt::format("{:.1f} years", s / kSecondsPerYear);
  if (s >= 2 * 86400) return fmt::format("{:.1f} days", s / 86400);
  if (s >= 2 * 3600) return fmt::format("{:.1f} h", s / 3600);
  if (s >= 120) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.2f} s", s);
}

} // namespace halab
