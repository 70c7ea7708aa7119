#include "sim/metrics/request_path.hpp"

#include "sim/trace/event_names.hpp"

#include <algorithm>

namespace halab {

std::optional<double> TierFigures::success_rate() const {
  const std::uint64_t answered = ok + failed();
  if (answered == 0) return std::nullopt;
  return static_cast<double>(ok) / static_cast<double>(answered);
}

TierFigures& RequestPath::tier(const std::string& name) {
  for (auto& [n, t] : tiers_)
    if (n == name) return t;
  return tiers_.emplace_back(name, TierFigures{}).second;
}

void RequestPath::observe(const TraceEvent& e) {
  const std::string& ev = e["ev"].get_ref<const std::string&>();
  if (ev == event::run_start) {
    for (const auto& t : e.value("tiers", TraceEvent::array())) {
      TierFigures& figures = tier(t["name"].get<std::string>());
      figures.director = t.contains("director");
      if (t.contains("sentinels")) figures.sentinel.emplace();
      if (t.contains("database")) figures.database.emplace();
    }
  } else if (ev == event::request) {
    const std::string& outcome = e["outcome"].get_ref<const std::string&>();
    if (outcome == "ok") {
      if (e.value("degraded", false)) ++degraded_;
      return;
    }
    if (outcome == "error") {
      ++failures_[e["cause"].get<std::string>()];
      ++blame_[e["blame"].get<std::string>()];
    } else {
      ++failures_[outcome];
      ++blame_["unanswered"];
    }
  } else if (ev == event::director_stats) {
    TierFigures& t = tier(e["tier"].get<std::string>());
    t.director = true;
    t.requests += e["connections"].get<std::uint64_t>();
    t.forwarded += e["forwarded"].get<std::uint64_t>();
    t.by_failure[index_of(CallFailure::no_backend)] += e["no_backend"].get<std::uint64_t>();
  } else if (ev == event::tier_stats) {
    TierFigures& t = tier(e["tier"].get<std::string>());
    t.add_from(e);
    t.max_busy = std::max(t.max_busy, e["max_busy"].get<std::uint64_t>());
    t.max_queue = std::max(t.max_queue, e["max_queue"].get<std::uint64_t>());
    for (const auto& b : e["latency"]) t.latency.add(b[0].get<std::size_t>(), b[1].get<std::uint64_t>());
    if (e.contains("buffered")) {
      if (!t.buffer) t.buffer.emplace();
      t.buffer->add_from(e);
    }
    if (e.contains("cache_lookups")) {
      if (!t.cache) t.cache.emplace();
      t.cache->add_from(e);
    }
    if (e.contains("gets")) {
      if (!t.served) t.served.emplace();
      t.served->add_from(e);
    }
    if (e.contains("reads")) {
      if (!t.database) t.database.emplace();
      t.database->add_from(e);
    }
  } else if (ev == event::fault_crash) {
    crashed_at_[e["host"].get<std::string>()] = e["t"].get<double>();
  } else if (ev == event::sentinel_switch) {
    TierFigures& t = tier(e["tier"].get<std::string>());
    if (!t.sentinel) t.sentinel.emplace();
    const std::uint64_t epoch = e["epoch"].get<std::uint64_t>();
    std::uint64_t& last = switched_epoch_[e["tier"].get<std::string>()];
    if (epoch > last) {  // the first Sentinel to switch to this configuration
      last = epoch;
      ++t.sentinel->promotions;
      if (auto c = crashed_at_.find(e["from"].get<std::string>()); c != crashed_at_.end())
        t.sentinel->max_failover_s = std::max(t.sentinel->max_failover_s.value_or(0.0), e["t"].get<double>() - c->second);
    }
  } else if (ev == event::cache_role) {
    if (e.contains("discarded")) {
      TierFigures& t = tier(e["tier"].get<std::string>());
      if (!t.sentinel) t.sentinel.emplace();
      t.sentinel->sets_discarded += e["discarded"].get<std::uint64_t>();
    }
  } else if (ev == event::db_promote) {
    TierFigures& t = tier(e["tier"].get<std::string>());
    if (!t.database) t.database.emplace();
    ++t.database->promotions;
    t.database->writes_lost += e["writes_lost"].get<std::uint64_t>();
    t.database->unacknowledged_lost += e["unacknowledged_lost"].get<std::uint64_t>();
    if (e.contains("lost_from_s"))
      t.database->lost_window_s =
          std::max(t.database->lost_window_s, e["lost_until_s"].get<double>() - e["lost_from_s"].get<double>());
  } else if (ev == event::db_drop) {
    TierFigures& t = tier(e["tier"].get<std::string>());
    if (!t.database) t.database.emplace();
    ++t.database->drops;
    t.database->drop_writes_lost += e["writes_lost"].get<std::uint64_t>();
  } else if (ev == event::db_replication) {
    TierFigures& t = tier(e["tier"].get<std::string>());
    if (!t.database) t.database.emplace();
    const std::string& change = e["change"].get_ref<const std::string&>();
    if (change == "semi_sync_off") ++t.database->semi_sync_fallbacks;
    if (change == "left_view") ++t.database->view_evictions;
  }
}

}  // namespace halab
