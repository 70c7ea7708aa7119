#include "sim/trace/event_schema.hpp"

#include "sim/metrics/latency_histogram.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/trace/event_names.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <vector>

namespace halab {
namespace {

enum class Type {
  string, number, count, boolean, strings, groups, string_or_null, members, regions, tiers, services, buckets,
};

struct Key {
  const char* name;
  Type type;
  bool required = true;
};

constexpr bool kOptional = false;

bool all_strings(const TraceEvent& v) {
  if (!v.is_array()) return false;
  for (const auto& s : v)
    if (!s.is_string()) return false;
  return true;
}

// Whether `v` is an array whose every element passes `ok`.
template <class Ok>
bool every(const TraceEvent& v, Ok&& ok) {
  return v.is_array() && std::all_of(v.begin(), v.end(), ok);
}

bool is_string(const TraceEvent& o, const char* key) { return o.contains(key) && o[key].is_string(); }

// Whether `v` has the type, and what was expected when not.
const char* mismatch(const TraceEvent& v, Type type) {
  switch (type) {
    case Type::string: return v.is_string() ? nullptr : "a string";
    case Type::number: return v.is_number() && std::isfinite(v.get<double>()) ? nullptr : "a finite number";
    case Type::count: return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0) ? nullptr : "a non-negative integer";
    case Type::boolean: return v.is_boolean() ? nullptr : "true or false";
    case Type::strings: return all_strings(v) ? nullptr : "an array of strings";
    case Type::string_or_null: return v.is_string() || v.is_null() ? nullptr : "a string or null";
    case Type::groups: {
      bool ok = v.is_array();
      if (ok)
        for (const auto& g : v) ok = ok && all_strings(g);
      return ok ? nullptr : "an array of arrays of host names";
    }
    case Type::members:
      return every(v, [](const TraceEvent& m) {
               return m.is_object() && is_string(m, "host") && (!m.contains("priority") || m["priority"].is_number());
             })
                 ? nullptr
                 : "an array of {\"host\": name, \"priority\": number}";
    case Type::regions:
      return every(v, [](const TraceEvent& r) {
               return r.is_object() && is_string(r, "name") && r.contains("datacenters") &&
                      every(r["datacenters"], [](const TraceEvent& d) {
                        return d.is_object() && is_string(d, "name") && d.contains("hosts") && all_strings(d["hosts"]);
                      });
             })
                 ? nullptr
                 : "an array of {\"name\", \"datacenters\": [{\"name\", \"hosts\"}]}";
    case Type::tiers:
      return every(v, [](const TraceEvent& t) {
               return t.is_object() && is_string(t, "name") && t.contains("hosts") && all_strings(t["hosts"]) &&
                      (!t.contains("calls") || t["calls"].is_string());
             })
                 ? nullptr
                 : "an array of {\"name\", \"hosts\", \"calls\"}";
    case Type::buckets:  // a LatencyHistogram's non-empty buckets: [[bucket, count], ...]
      return every(v, [](const TraceEvent& b) {
               return b.is_array() && b.size() == 2 && b[0].is_number_unsigned() &&
                      b[0].get<std::uint64_t>() < LatencyHistogram::kBuckets && b[1].is_number_unsigned();
             })
                 ? nullptr
                 : "an array of [bucket, count] pairs";
    case Type::services:
      return every(v, [](const TraceEvent& x) {
               return x.is_object() && is_string(x, "name") && (!x.contains("vip") || is_string(x, "vip")) && x.contains("members") &&
                      all_strings(x["members"]) && (!x.contains("resources") || all_strings(x["resources"])) &&
                      (!x.contains("ensemble") || all_strings(x["ensemble"]));
             })
                 ? nullptr
                 : "an array of {\"name\", \"vip\"?, \"members\", \"resources\"?: [names]}";
  }
  return "a known type";
}

using T = Type;
const std::map<std::string_view, std::vector<Key>>& schema() {
  static const std::map<std::string_view, std::vector<Key>> kSchema{
      {event::run_start,
       {{"hosts", T::strings}, {"members", T::members}, {"regions", T::regions, kOptional},
        {"duration_s", T::number, kOptional}, {"heartbeat_interval_s", T::number, kOptional},
        {"clients", T::strings, kOptional}, {"vip", T::string, kOptional}, {"scenario", T::string, kOptional},
        {"seed", T::count, kOptional}, {"schema", T::count, kOptional}, {"storage", T::boolean, kOptional},
        {"tiers", T::tiers, kOptional}, {"services", T::services, kOptional}, {"dns", T::string, kOptional}}},
      {event::run_end, {}},
      {event::run_warning, {{"pointer", T::string}, {"message", T::string}}},
      {event::fault_crash, {{"fault", T::count}, {"host", T::string}}},
      {event::fault_restart, {{"fault", T::count}, {"host", T::string}}},
      {event::fault_stop, {{"fault", T::count}, {"host", T::string}, {"process", T::string, kOptional}, {"planned", T::boolean, kOptional}}},
      {event::fault_check, {{"fault", T::count}, {"host", T::string}, {"script", T::string}, {"failing", T::boolean}}},
      {event::fault_partition, {{"fault", T::count}, {"groups", T::groups}, {"one_way", T::boolean}}},
      {event::fault_heal, {{"fault", T::count}}},
      {event::fault_degrade, {{"fault", T::count}, {"link", T::string}, {"extra_latency_s", T::number}, {"loss", T::number}}},
      {event::fault_restore, {{"fault", T::count}, {"link", T::string}}},
      {event::fault_link_down, {{"fault", T::count}, {"link", T::string}}},
      {event::fault_link_up, {{"fault", T::count}, {"link", T::string}}},
      {event::fault_pause, {{"fault", T::count}, {"host", T::string}}},
      {event::fault_resume, {{"fault", T::count}, {"host", T::string}}},
      {event::fault_fence_device, {{"fault", T::count}, {"failing", T::boolean}}},
      {event::fault_agent_fail, {{"fault", T::count}, {"host", T::string}, {"resource", T::string}, {"operation", T::string}}},
      {event::fault_agent_recover, {{"fault", T::count}}},
      {event::detector_suspect, {{"node", T::string}, {"peer", T::string}, {"suspicion", T::number, kOptional}}},
      {event::detector_trust, {{"node", T::string}, {"peer", T::string}}},
      {event::member_suspect, {{"node", T::string}, {"by", T::string}}},
      {event::member_dead, {{"node", T::string}, {"by", T::string}}},
      {event::member_dead_everywhere, {{"node", T::string}, {"members", T::count}}},
      {event::member_alive, {{"node", T::string}, {"peak_dead", T::count}}},
      {event::token, {{"node", T::string}}},
      {event::token_lost, {{"node", T::string}, {"timeout", T::boolean}}},
      {event::vrrp_state, {{"node", T::string}, {"state", T::string}, {"priority", T::count}, {"reason", T::string, kOptional}}},
      {event::vrrp_priority, {{"node", T::string}, {"priority", T::count}}},
      {event::role, {{"node", T::string}, {"role", T::string}, {"reason", T::string, kOptional}, {"epoch", T::count, kOptional}}},
      {event::ip_take, {{"node", T::string}, {"ip", T::string, kOptional}, {"reason", T::string, kOptional},
                   {"announced", T::boolean, kOptional}}},
      {event::ip_arp, {{"node", T::string}, {"ip", T::string, kOptional}}},
      {event::ip_release, {{"node", T::string}, {"ip", T::string, kOptional}, {"reason", T::string, kOptional}}},
      {event::belief,
       {{"node", T::string}, {"members", T::strings, kOptional}, {"quorate", T::boolean, kOptional},
        {"dc", T::boolean, kOptional}, {"holder", T::string_or_null, kOptional}, {"epoch", T::count, kOptional},
        {"blocked", T::string, kOptional}, {"ring", T::count, kOptional}}},
      {event::storage_write, {{"node", T::string}, {"epoch", T::count}, {"result", T::string}}},
      {event::fence_request, {{"by", T::string}, {"target", T::string}, {"fires_at_s", T::number, kOptional}}},
      {event::fence_fire, {{"by", T::string}, {"target", T::string}}},
      {event::fence_abandon, {{"by", T::string}, {"target", T::string}}},
      {event::fence_done, {{"by", T::string}, {"target", T::string}, {"success", T::boolean}, {"kind", T::string}}},
      {event::fence_self, {{"node", T::string}, {"reason", T::string, kOptional}}},
      {event::node_boot, {{"node", T::string}}},
      {event::crm_rejoin, {{"dc", T::string}, {"node", T::string}}},
      {event::crm_action_timeout, {{"dc", T::string}, {"node", T::string}, {"rsc", T::string}, {"task", T::string}}},
      {event::crm_dc, {{"node", T::string}, {"term", T::count}, {"members", T::strings, kOptional}}},
      {event::crm_dc_resign, {{"node", T::string}, {"term", T::count}}},
      {event::crm_transition, {{"dc", T::string}, {"term", T::count}, {"transition", T::count}, {"actions", T::strings}}},
      {event::crm_action, {{"node", T::string}, {"rsc", T::string}, {"task", T::string}, {"rc", T::number}}},
      {event::crm_monitor, {{"node", T::string}, {"rsc", T::string}, {"rc", T::number}}},
      {event::request,
       {{"client", T::string}, {"id", T::count, kOptional}, {"sent", T::number}, {"outcome", T::string},
        {"server", T::string, kOptional}, {"latency_s", T::number, kOptional}, {"cause", T::string, kOptional},
        {"blame", T::string, kOptional}, {"degraded", T::boolean, kOptional}}},
      {event::tier_stats,
       {{"tier", T::string}, {"node", T::string}, {"requests", T::count}, {"ok", T::count}, {"timeout", T::count},
        {"no_backend", T::count}, {"overloaded", T::count}, {"breaker_open", T::count}, {"pool_exhausted", T::count},
        {"rate_limited", T::count}, {"bulkhead_full", T::count}, {"refused", T::count}, {"buffer_full", T::count}, {"read_only", T::count}, {"disk_full", T::count}, {"no_table", T::count},
        {"degraded", T::count}, {"retried", T::count},
        {"max_busy", T::count}, {"max_queue", T::count}, {"writes_applied", T::count}, {"writes_duplicated", T::count},
        {"writes_deduplicated", T::count}, {"latency", T::buckets}, {"buffered", T::count, kOptional},
        {"delivered", T::count, kOptional}, {"redelivered", T::count, kOptional}, {"buffer_lost", T::count, kOptional},
        {"max_buffer", T::count, kOptional}, {"max_buffer_wait_s", T::number, kOptional}, {"reads", T::count, kOptional},
        {"reads_stale", T::count, kOptional}, {"max_stale_s", T::number, kOptional},
        {"cache_lookups", T::count, kOptional}, {"cache_hits", T::count, kOptional},
        {"cache_timeouts", T::count, kOptional}, {"gets", T::count, kOptional}, {"get_hits", T::count, kOptional},
        {"sets_readonly", T::count, kOptional}, {"sets_noreplicas", T::count, kOptional},
        {"sets", T::count, kOptional}}},
      {event::dns_resolve, {{"client", T::string}, {"name", T::string}, {"service", T::string}, {"ip", T::string}}},
      {event::dns_health, {{"name", T::string}, {"service", T::string}, {"healthy", T::boolean}}},
      {event::director_stats,
       {{"tier", T::string}, {"node", T::string}, {"connections", T::count}, {"forwarded", T::count},
        {"no_backend", T::count}}},
      {event::db_promote,
       {{"tier", T::string}, {"node", T::string}, {"from", T::string}, {"term", T::count}, {"position", T::count},
        {"writes_lost", T::count}, {"unacknowledged_lost", T::count}, {"lost_from_s", T::number, kOptional},
        {"lost_until_s", T::number, kOptional}}},
      {event::db_drop,
       {{"fault", T::count}, {"tier", T::string}, {"share", T::number}, {"backup_at_s", T::number, kOptional},
        {"writes_lost", T::count}}},
      {event::db_restore, {{"fault", T::count}, {"tier", T::string}}},
      {event::db_replication,
       {{"tier", T::string}, {"node", T::string}, {"change", T::string}, {"position", T::count},
        {"replica", T::string, kOptional}}},
      {event::sentinel_event,
       {{"tier", T::string}, {"sentinel", T::string}, {"event", T::string}, {"epoch", T::count}, {"who", T::string, kOptional}}},
      {event::sentinel_switch,
       {{"tier", T::string}, {"sentinel", T::string}, {"from", T::string}, {"to", T::string}, {"epoch", T::count}}},
      {event::cache_role, {{"tier", T::string}, {"node", T::string}, {"role", T::string}, {"master", T::string, kOptional},
                           {"discarded", T::count, kOptional}}},
      {event::registry_change,
       {{"tier", T::string}, {"server", T::string}, {"listed", T::boolean}, {"visible_at_s", T::number}}},
      {event::breaker_state, {{"tier", T::string}, {"node", T::string}, {"calls", T::string}, {"state", T::string}}},
      {event::check_state, {{"tier", T::string}, {"node", T::string}, {"server", T::string}, {"up", T::boolean}}},
      {event::upstream_failed,
       {{"tier", T::string}, {"node", T::string}, {"server", T::string}, {"fails", T::count}, {"until_s", T::number}}},
      {event::fault_hang, {{"fault", T::count}, {"host", T::string}, {"hung", T::boolean}}},
      {event::tier_stop, {{"tier", T::string}, {"node", T::string}, {"in_flight", T::count}}},
      {event::tier_stopped, {{"tier", T::string}, {"node", T::string}}},
      {event::fault_slow, {{"fault", T::count}, {"host", T::string}, {"factor", T::number}}},
      {event::fault_disk_full, {{"fault", T::count}, {"host", T::string}, {"full", T::boolean}}},
      {event::fault_replication, {{"fault", T::count}, {"host", T::string}, {"broken", T::boolean}, {"thread", T::string}}},
      {event::fault_site, {{"fault", T::count}, {"site", T::string}, {"down", T::boolean}}},
  };
  return kSchema;
}

}  // namespace

std::optional<std::string> event_schema_error(const TraceEvent& event) {
  if (!event.is_object()) return "/: expected an event object, found " + describe(event);
  if (!event.contains("t") || !event["t"].is_number())
    return "/t: expected the event's time in seconds, found " + (event.contains("t") ? describe(event["t"]) : "nothing");
  const double t = event["t"].get<double>();
  if (!std::isfinite(t) || t < 0 || t > kMaxTraceTime)
    return "/t: expected a time from 0 to 400 days in seconds, found " + describe(event["t"]);
  if (!event.contains("ev") || !event["ev"].is_string())
    return "/ev: expected the event's kind, found " + (event.contains("ev") ? describe(event["ev"]) : "nothing");
  const auto kind = schema().find(event["ev"].get_ref<const std::string&>());
  if (kind == schema().end()) return std::nullopt;
  for (const Key& key : kind->second) {
    if (!event.contains(key.name)) {
      if (key.required) return "/" + std::string(key.name) + ": expected a value, found nothing (missing)";
      continue;
    }
    if (const char* expected = mismatch(event[key.name], key.type))
      return "/" + std::string(key.name) + ": expected " + expected + ", found " + describe(event[key.name]);
  }
  if (kind->first == event::request) {
    const auto& outcome = event["outcome"];
    if (outcome != "ok" && outcome != "timeout" && outcome != "unreachable" && outcome != "error")
      return "/outcome: expected \"ok\", \"timeout\", \"unreachable\" or \"error\", found " + describe(outcome);
    if (outcome == "error" && (!event.contains("cause") || !event.contains("blame")))
      return "/cause: expected the cause and blamed tier of a failed request, found nothing (missing)";
    if (outcome == "ok" && (!event.contains("latency_s") || !event.contains("server")))
      return "/latency_s: expected the latency and server of a successful request, found nothing (missing)";
  }
  if (kind->first == event::tier_stats) {
    // An instance's optional counts come in groups, all or none: a buffer's, a cache
    // client's lookups, a cache server's gets and sets, a database's reads.
    struct Group {
      const char* first;
      std::vector<const char*> rest;
    };
    static const Group kGroups[]{{"buffered", {"delivered", "redelivered", "buffer_lost", "max_buffer", "max_buffer_wait_s"}},
                                 {"cache_lookups", {"cache_hits", "cache_timeouts"}},
                                 {"gets", {"get_hits", "sets", "sets_readonly", "sets_noreplicas"}},
                                 {"reads", {"reads_stale", "max_stale_s"}}};
    for (const Group& g : kGroups) {
      if (!event.contains(g.first)) continue;
      for (const char* key : g.rest)
        if (!event.contains(key))
          return "/" + std::string(key) + ": expected a value with \"" + g.first + "\", found nothing (missing)";
    }
  }
  if (kind->first == event::run_start) {
    // Every member and client is one of the run's hosts.
    const auto& hosts = event["hosts"];
    auto known = [&](const TraceEvent& name) { return std::find(hosts.begin(), hosts.end(), name) != hosts.end(); };
    for (std::size_t i = 0; i < event["members"].size(); ++i)
      if (!known(event["members"][i]["host"]))
        return "/members/" + std::to_string(i) + "/host: expected one of /hosts, found " + describe(event["members"][i]["host"]);
    if (event.contains("clients"))
      for (std::size_t i = 0; i < event["clients"].size(); ++i)
        if (!known(event["clients"][i]))
          return "/clients/" + std::to_string(i) + ": expected one of /hosts, found " + describe(event["clients"][i]);
  }
  return std::nullopt;
}

}  // namespace halab
