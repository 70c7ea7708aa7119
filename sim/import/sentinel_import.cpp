// sentinel.conf (Redis Sentinel documentation, "Configuring Sentinel"; redis 7's
// sentinel.conf) into a Redis cache tier watched by Sentinels. One file per Sentinel, or
// one file whose `sentinel known-sentinel` lines name the others (Sentinel writes them when
// it rewrites its configuration). Carried over: `sentinel monitor NAME IP PORT QUORUM`,
// `down-after-milliseconds`, `failover-timeout`, `known-replica` (the replicas; a master
// needs one to fail over to), `known-sentinel`. The master is the tier's first host; a
// Sentinel whose address is a Redis server's runs on that host, the others on hosts of
// their own (a file's own Sentinel is placed by its `sentinel announce-ip` or `bind`
// address). The skeleton around it: a keepalived pair of proxies, an application tier
// that looks the cache aside (mode "sentinel") and a database below.
#include "sim/import/directive.hpp"
#include "sim/import/importer.hpp"
#include "sim/scenario/units.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace halab {
namespace {

using nlohmann::ordered_json;

struct Watched {
  std::string name, master, file;  // master: "IP:PORT"
  int line = 0;
  long long quorum = 0;
  double down_after_s = 30, failover_timeout_s = 180;  // Sentinel's defaults
  std::vector<std::string> replicas;                   // "IP:PORT", in order found
  std::vector<std::string> sentinels;                  // known-sentinel "IP:PORT"
};

const std::set<std::string> kIgnoredTop{"port", "daemonize", "pidfile", "logfile", "dir", "protected-mode",
                                        "loglevel", "syslog-enabled", "syslog-ident", "acllog-max-len", "user",
                                        "aclfile", "requirepass", "tls-port", "tls-cert-file", "tls-key-file",
                                        "tls-ca-cert-file", "tls-replication", "supervised"};
const std::set<std::string> kIgnoredSentinel{"auth-pass", "auth-user", "notification-script", "client-reconfig-script",
                                             "announce-port", "resolve-hostnames", "announce-hostnames",
                                             "deny-scripts-reconfig", "myid", "config-epoch", "leader-epoch",
                                             "current-epoch", "rename-command", "sentinel-user", "sentinel-pass",
                                             "parallel-syncs", "master-reboot-down-after-period"};

void add_unique(std::vector<std::string>& list, const std::string& v) {
  if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
}

}  // namespace

ImportResult import_sentinel(const std::vector<std::string>& files) {
  ImportResult out;
  std::map<std::string, Watched> watched;  // by master name
  std::string first_name;
  std::vector<std::string> own_ips;  // each file's Sentinel's address, if it says (announce-ip, bind)
  for (const auto& file : files) {
    std::string text;
    if (!read_config_file(file, text, out.errors)) continue;
    std::string bind, announce;
    for (const auto& s : parse_config(text, ConfigSyntax::lines, file, out.errors)) {
      const Directive d(s, file, out);
      if (d.name() == "bind") {
        for (std::size_t i = 1; i < s.words.size() && bind.empty(); ++i)
          if (s.words[i].rfind("127.", 0) != 0 && s.words[i] != "::1" && s.words[i] != "0.0.0.0" && s.words[i].front() != '-')
            bind = s.words[i];
        continue;
      }
      if (d.name() == "sentinel" && s.words.size() == 3 && s.words[1] == "announce-ip") {
        announce = s.words[2];
        continue;
      }
      if (d.name() != "sentinel") {
        if (kIgnoredTop.count(d.name())) d.ignored("it does not change failover");
        else d.error(fmt::format("unknown sentinel.conf directive \"{}\"", d.name()));
        continue;
      }
      const auto sub = d.word(1, "a sentinel subcommand (monitor, down-after-milliseconds, …)");
      if (!sub) continue;
      if (kIgnoredSentinel.count(*sub)) {
        d.note(fmt::format("sentinel {} ignored: {}", *sub,
                           *sub == "parallel-syncs" ? "replicas resynchronise with the new master at once in the lab"
                                                    : "it does not change failover"));
        continue;
      }
      static const std::set<std::string> known{"monitor", "down-after-milliseconds", "failover-timeout", "known-replica",
                                               "known-slave", "known-sentinel"};
      if (!known.count(*sub)) {
        d.error(fmt::format("unknown sentinel subcommand \"{}\"", *sub));
        continue;
      }
      const Directive sd(s, file, out, "sentinel " + *sub);
      const auto name = sd.word(2, "the monitored master's name");
      if (!name) continue;
      if (*sub == "monitor") {
        Watched& w = watched[*name];
        if (s.words.size() != 6) {
          sd.error(fmt::format("{}: expected NAME IP PORT QUORUM, found {} word(s)", sd.name(), s.words.size() - 2));
          continue;
        }
        w.name = *name;
        w.file = file;
        w.line = s.line;
        if (sd.integer(4, 1, 65535)) w.master = s.words[3] + ":" + s.words[4];
        w.quorum = sd.integer(5, 1, 1000).value_or(0);
        if (first_name.empty()) first_name = *name;
        continue;
      }
      if (!watched.count(*name)) {
        sd.error(fmt::format("{}: \"{}\" is not monitored (a `sentinel monitor {} …` line must come first)", sd.name(), *name, *name));
        continue;
      }
      Watched& w = watched[*name];
      if (*sub == "down-after-milliseconds") {
        if (sd.takes(3)) w.down_after_s = static_cast<double>(sd.integer(3, 1, 1000000000).value_or(30000)) / 1000.0;
      } else if (*sub == "failover-timeout") {
        if (sd.takes(3)) w.failover_timeout_s = static_cast<double>(sd.integer(3, 1, 1000000000).value_or(180000)) / 1000.0;
      } else if (*sub == "known-replica" || *sub == "known-slave") {
        if (sd.takes(4) && sd.integer(4, 1, 65535)) add_unique(w.replicas, s.words[3] + ":" + s.words[4]);
      } else if (*sub == "known-sentinel") {
        if (sd.arguments() >= 4 && sd.integer(4, 1, 65535)) add_unique(w.sentinels, s.words[3] + ":" + s.words[4]);
        else if (sd.arguments() < 4) sd.error(sd.name() + ": expected NAME IP PORT RUNID");
      }
    }
    own_ips.push_back(announce.empty() ? bind : announce);
  }
  if (!out.errors.empty()) return out;
  if (watched.empty()) {
    out.errors.push_back(fmt::format("{}: no `sentinel monitor` line: nothing to import", files.front()));
    return out;
  }
  const Watched& w = watched[first_name];
  for (const auto& [name, other] : watched)
    if (name != first_name)
      out.notes.push_back(fmt::format("{}:{}: master \"{}\" not imported: the skeleton has one cache tier, for \"{}\"", other.file,
                                      other.line, name, first_name));
  const std::string at = fmt::format("{}:{}", w.file, w.line);
  if (w.replicas.empty()) {
    out.errors.push_back(fmt::format("{}: no replica of \"{}\" is known: list them as `sentinel known-replica {} IP PORT` (Sentinel "
                                     "writes these lines itself once it has seen them)", at, w.name, w.name));
    return out;
  }
  // Redis servers: the master, then the replicas. Sentinels: each file, or the known ones.
  std::vector<std::string> servers{w.master};
  for (const auto& r : w.replicas) add_unique(servers, r);
  std::vector<std::string> redis_hosts;
  std::map<std::string, std::string> host_of_ip;  // a Redis server's IP → its host
  for (std::size_t i = 0; i < servers.size(); ++i) {
    redis_hosts.push_back(fmt::format("redis{}", i + 1));
    host_of_ip.emplace(servers[i].substr(0, servers[i].find(':')), redis_hosts.back());
  }
  const std::size_t sentinels = std::max(files.size(), 1 + w.sentinels.size());
  std::vector<std::string> sentinel_hosts;
  std::vector<std::string> sentinel_ips = own_ips;
  for (const auto& known : w.sentinels) sentinel_ips.push_back(known.substr(0, known.find(':')));
  for (const auto& ip : sentinel_ips) {
    const auto it = host_of_ip.find(ip);
    if (it != host_of_ip.end()) add_unique(sentinel_hosts, it->second);
  }
  std::vector<std::string> own_hosts;
  for (std::size_t i = 1; sentinel_hosts.size() < sentinels; ++i) {
    own_hosts.push_back(fmt::format("sentinel{}", i));
    sentinel_hosts.push_back(own_hosts.back());
  }
  if (w.quorum > static_cast<long long>(sentinels)) {
    out.errors.push_back(fmt::format("{}: quorum {} with {} Sentinel(s) known: give each Sentinel's sentinel.conf, or its "
                                     "`sentinel known-sentinel` lines", at, w.quorum, sentinels));
    return out;
  }
  std::vector<std::string> hosts{"lb1", "lb2", "app1", "app2"};
  hosts.insert(hosts.end(), redis_hosts.begin(), redis_hosts.end());
  hosts.insert(hosts.end(), own_hosts.begin(), own_hosts.end());
  hosts.push_back("db1");
  std::string mapping;
  for (std::size_t i = 0; i < servers.size(); ++i) mapping += fmt::format("{}{} = {}", i ? ", " : "", redis_hosts[i], servers[i]);
  out.scenario = scenario_skeleton(fmt::format("imported Sentinel: {}", w.name),
                                   fmt::format("Imported by `halab import sentinel` from {} ({}; master {}). The proxies, the "
                                               "application and the database are placeholders. Add faults and expectations.",
                                               fmt::join(files, ", "), mapping, redis_hosts.front()),
                                   hosts, {"client1"});
  out.scenario["cluster"] = {{"manager", "keepalived"},
                             {"members", {{{"host", "lb1"}, {"priority", 200}}, {{"host", "lb2"}, {"priority", 100}}}}};
  out.scenario["service"] = {{"name", "shop"}, {"vip", "10.0.0.80"}};
  ordered_json sentinel{{"hosts", sentinel_hosts}, {"quorum", w.quorum}, {"down_after", duration_text(w.down_after_s)},
                        {"failover_timeout", duration_text(w.failover_timeout_s)}};
  out.scenario["stack"] = {
      {"tiers",
       {{{"name", "proxy"}, {"hosts", {"lb1", "lb2"}}, {"service_time", "100us"}, {"upstream", {{"tier", "app"}, {"timeout", "3s"}}}},
        {{"name", "app"},
         {"hosts", {"app1", "app2"}},
         {"service_time", "1ms"},
         {"cache", {{"tier", "cache"}, {"mode", "sentinel"}}},
         {"upstream", {{"tier", "db"}, {"timeout", "2s"}}}},
        {{"name", "cache"}, {"hosts", redis_hosts}, {"store", {{"capacity", 10000}, {"sentinel", sentinel}}}},
        {{"name", "db"}, {"hosts", {"db1"}}, {"service_time", "5ms"}}}}};
  finish_skeleton(out.scenario, {"client1"}, "");
  out.scenario["workload"]["write_fraction"] = 0.05;
  out.scenario["workload"]["keys"] = {{"count", 20000}, {"zipf", 0.99}};
  return out;
}

}  // namespace halab
