#include "sim/scenario/database_reader.hpp"

#include "sim/service/service_kind.hpp"

#include <algorithm>
#include <set>

namespace halab {

using Need = Fields::Need;

void read_database(const Fields& f, DatabaseSpec& d) {
  Diagnostics& diag = f.diagnostics();
  d.write_vip = f.string("write_vip", Need::required).value_or("");
  if (const auto* r = f.get("replication", Need::required)) {
    Fields rf(*r, f.pointer("replication"), diag, {"mode", "timeout", "wait_for_replica_count"});
    if (rf.is_object()) {
      ReplicationConfig& c = d.replication;
      if (auto mode = rf.string("mode", Need::required)) {
        if (*mode == "async") c.mode = ReplicationMode::async;
        else if (*mode == "semi-sync") c.mode = ReplicationMode::semi_sync;
        else if (*mode == "sync") c.mode = ReplicationMode::sync;
        else diag.expected(rf.pointer("mode"), "\"async\", \"semi-sync\" or \"sync\"", rf.get("mode", Need::optional));
      }
      // rpl_semi_sync_source_timeout defaults to 10 s; Galera's evs.suspect_timeout to 5 s.
      c.timeout = c.mode == ReplicationMode::sync ? Duration::seconds(5) : Duration::seconds(10);
      rf.positive_duration("timeout", Need::optional, c.timeout);
      c.wait_for_replica_count =
          static_cast<int>(rf.integer("wait_for_replica_count", Need::optional, 1, 65535).value_or(1));
      if (c.mode == ReplicationMode::async)
        for (const char* key : {"timeout", "wait_for_replica_count"})
          if (rf.get(key, Need::optional))
            diag.error(rf.pointer(key), "asynchronous replication waits for no replica: \"" + std::string(key) + "\" has no effect");
      if (c.mode == ReplicationMode::sync && rf.get("wait_for_replica_count", Need::optional))
        diag.error(rf.pointer("wait_for_replica_count"), "synchronous replication waits for every replica in its view");
    }
  }
  f.positive_duration("apply_time", Need::optional, d.apply_time);
  Duration backup;
  f.positive_duration("backup_interval", Need::optional, backup);
  if (backup > Duration()) d.backup_interval = backup;
  if (auto pool = f.strings("read_pool", Need::optional)) {
    d.read_pool = *pool;
    if (pool->empty()) diag.expected(f.pointer("read_pool"), "at least one host to serve reads", f.get("read_pool", Need::optional));
  }
}

void check_databases(const std::string& ptr, const Scenario& s, Diagnostics& diag) {
  for (std::size_t i = 0; i < s.stack->tiers.size(); ++i) {
    const TierSpec& t = s.stack->tiers[i];
    if (!t.database) continue;
    const DatabaseSpec& d = *t.database;
    const std::string dptr = pointer_join(pointer_join(pointer_join(ptr, "tiers"), i), "database");
    const std::set<std::string> hosts(t.hosts.begin(), t.hosts.end());
    if (const ServiceSpec* svc = s.service_named(d.write_vip)) {
      if (svc->cluster.kind && !svc->cluster.kind->serves_ip)
        diag.error(dptr + "/write_vip", "service \"" + d.write_vip + "\" keeps membership only: it has no floating IP to write to");
      for (const auto& m : svc->cluster.members)
        if (!hosts.count(m.name))
          diag.error(dptr + "/write_vip", "member \"" + m.name + "\" of service \"" + d.write_vip +
                                              "\" runs no instance of tier \"" + t.name + "\": the write IP would move to a host without the database");
      if (i == 0) diag.error(dptr, "the entry tier serves the clients' requests: a database is called by a tier above it");
    } else if (!d.write_vip.empty()) {
      diag.error(dptr + "/write_vip", "expected the name of a service in /services, found \"" + d.write_vip + "\"");
    }
    const int replicas = static_cast<int>(t.hosts.size()) - 1;
    const ReplicationConfig& r = d.replication;
    if (r.mode != ReplicationMode::async && replicas < 1)
      diag.error(dptr + "/replication/mode", std::string(r.mode == ReplicationMode::sync ? "synchronous" : "semi-synchronous") +
                                                 " replication needs a replica: tier \"" + t.name + "\" has one host");
    else if (r.mode == ReplicationMode::semi_sync && r.wait_for_replica_count > replicas)
      diag.error(dptr + "/replication/wait_for_replica_count",
                 "tier \"" + t.name + "\" has " + std::to_string(replicas) +
                     " replica(s) besides the primary: every commit would wait out the timeout");
    std::set<std::string> seen;
    for (std::size_t k = 0; k < d.read_pool.size(); ++k) {
      const std::string& h = d.read_pool[k];
      const std::string hptr = pointer_join(dptr + "/read_pool", k);
      if (!hosts.count(h)) diag.error(hptr, "\"" + h + "\" is not a host of tier \"" + t.name + "\"");
      else if (!seen.insert(h).second) diag.error(hptr, "\"" + h + "\" is in the read pool twice");
    }
  }
}

}  // namespace halab
