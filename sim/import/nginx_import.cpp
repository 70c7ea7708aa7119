// nginx.conf's upstream block (ngx_http_upstream_module: server, weight, max_fails,
// fail_timeout, backup, down, max_conns; least_conn, random [two [least_conn]], hash …
// consistent, ip_hash) and the proxy module's proxy_next_upstream_tries /
// proxy_next_upstream_timeout / proxy_connect_timeout + proxy_read_timeout into an nginx
// proxy tier calling a tier of the upstream's servers. The upstream imported is the one a
// `proxy_pass http://NAME` uses (else the first). The proxies run on a keepalived pair
// (lb1, lb2) holding the entry IP; the servers are hosts NAME1, NAME2, … (the description
// maps them to their addresses).
#include "sim/import/directive.hpp"
#include "sim/import/importer.hpp"
#include "sim/scenario/units.hpp"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <map>

namespace halab {
namespace {

using nlohmann::ordered_json;

// nginx's time syntax (ngx_parse_time): "10s", "1m30s", "500ms", "30" (seconds).
std::optional<double> nginx_seconds(const std::string& text) {
  static const std::map<std::string, double> units{{"ms", 1e-3}, {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800}};
  double total = 0;
  std::size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i) return std::nullopt;
    const double n = std::stod(text.substr(i, j - i));
    std::size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const std::string unit = text.substr(j, k - j);
    if (unit.empty()) {
      if (k != text.size()) return std::nullopt;
      total += n;
    } else if (units.count(unit)) {
      total += n * units.at(unit);
    } else {
      return std::nullopt;
    }
    i = k;
  }
  return total;
}

struct Server {
  std::string address;
  int line = 0;
  long long weight = 1, max_fails = 1, max_conns = 0;
  double fail_timeout = 10;
  bool backup = false, down = false;
};

void visit(const std::vector<ConfigStatement>& statements, const std::function<void(const ConfigStatement&)>& f) {
  for (const auto& s : statements) {
    f(s);
    visit(s.block, f);
  }
}

Server read_server(const Directive& d) {
  Server s;
  s.line = d.statement().line;
  s.address = d.word(1, "the server's address").value_or("");
  for (std::size_t i = 2; i < d.statement().words.size(); ++i) {
    const std::string& w = d.statement().words[i];
    const auto eq = w.find('=');
    const std::string key = w.substr(0, eq), value = eq == std::string::npos ? "" : w.substr(eq + 1);
    const auto integer = [&](long long lo, long long hi) -> long long {
      char* end = nullptr;
      const long long v = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end || v < lo || v > hi) {
        d.error(fmt::format("server {}: {}: expected an integer from {} to {}, found \"{}\"", s.address, key, lo, hi, value));
        return lo;
      }
      return v;
    };
    if (key == "weight") s.weight = integer(1, 1000000);
    else if (key == "max_fails") s.max_fails = integer(0, 1000);
    else if (key == "max_conns") s.max_conns = integer(0, 1000000);
    else if (key == "fail_timeout") {
      const auto t = nginx_seconds(value);
      if (!t || *t != std::floor(*t)) d.error(fmt::format("server {}: fail_timeout: expected whole seconds (\"10s\", \"1m\"), found \"{}\"", s.address, value));
      else s.fail_timeout = *t;
    } else if (w == "backup") s.backup = true;
    else if (w == "down") s.down = true;
    else if (key == "resolve" || key == "route" || key == "service" || key == "slow_start" || key == "drain")
      d.note(fmt::format("server {}: {} is not modelled: ignored", s.address, key));
    else d.error(fmt::format("server {}: unknown parameter \"{}\"", s.address, w));
  }
  return s;
}

}  // namespace

ImportResult import_nginx(const std::vector<std::string>& files) {
  ImportResult out;
  if (files.size() != 1) {
    out.errors.push_back("nginx: expected one nginx.conf (the one with the upstream block)");
    return out;
  }
  const std::string& file = files.front();
  std::string text;
  if (!read_config_file(file, text, out.errors)) return out;
  const auto statements = parse_config(text, ConfigSyntax::nginx, file, out.errors);
  if (!out.errors.empty()) return out;
  std::vector<const ConfigStatement*> upstreams;
  std::string passed;  // the upstream a proxy_pass names: `location /`'s, else the first
  ordered_json edge = ordered_json::object();
  std::optional<double> connect, read;
  visit(statements, [&](const ConfigStatement& s) {
    const Directive d(s, file, out);
    if (d.name() == "upstream" && s.has_block) upstreams.push_back(&s);
    const auto target = [](const ConfigStatement& p) {
      return p.words[1].substr(7, p.words[1].find_first_of(":/", 7) - 7);
    };
    const auto is_pass = [](const ConfigStatement& p) {
      return p.words.front() == "proxy_pass" && p.words.size() == 2 && p.words[1].rfind("http://", 0) == 0;
    };
    if (is_pass(s) && passed.empty()) passed = target(s);
    if (d.name() == "location" && s.words.size() == 2 && s.words[1] == "/")
      for (const auto& inner : s.block)
        if (is_pass(inner)) passed = target(inner);
    if (d.name() == "proxy_next_upstream_tries" && d.takes(1)) {
      if (auto v = d.integer(1, 0, 1000)) edge["tries"] = *v;
    }
    const auto time = [&](const char* what) -> std::optional<double> {
      if (!d.takes(1)) return std::nullopt;
      const auto t = nginx_seconds(s.words[1]);
      if (!t) d.error(fmt::format("{}: expected a time (\"10s\", \"500ms\"), found \"{}\"", what, s.words[1]));
      return t;
    };
    if (d.name() == "proxy_next_upstream_timeout") {
      if (auto t = time("proxy_next_upstream_timeout")) edge["tries_timeout"] = duration_text(*t);
    }
    if (d.name() == "proxy_connect_timeout") connect = time("proxy_connect_timeout");
    if (d.name() == "proxy_read_timeout") read = time("proxy_read_timeout");
  });
  if (upstreams.empty()) {
    out.errors.push_back(file + ": no upstream block: nothing to import");
    return out;
  }
  const ConfigStatement* up = upstreams.front();
  for (const auto* u : upstreams)
    if (u->words.size() > 1 && u->words[1] == passed) up = u;
  const std::string name = up->words.size() > 1 ? up->words[1] : "backend";
  for (const auto* u : upstreams)
    if (u != up) out.notes.push_back(fmt::format("{}:{}: upstream {} not imported: the skeleton's proxies call {}", file, u->line,
                                                 u->words.size() > 1 ? u->words[1] : "?", name));
  std::string method = "round-robin";
  std::vector<Server> servers;
  for (const auto& s : up->block) {
    const Directive d(s, file, out);
    const std::string& k = d.name();
    if (k == "server") {
      servers.push_back(read_server(d));
    } else if (k == "least_conn") {
      method = "least-conn";
    } else if (k == "random") {
      method = s.words.size() >= 2 && s.words[1] == "two" ? "random-two-least-conn" : "random";
      if (s.words.size() == 3 && s.words[2] != "least_conn")
        d.note(fmt::format("random two {} is not modelled: imported as random two least_conn", s.words[2]));
    } else if (k == "hash" || k == "ip_hash") {
      method = "consistent-hash";
      const bool consistent = s.words.size() == 3 && s.words[2] == "consistent";
      if (k == "ip_hash" || !consistent || s.words[1] != "$remote_addr")
        d.note(fmt::format("{} imported as `hash $remote_addr consistent` (the lab keys by the client's address on a ketama ring{})",
                           fmt::join(s.words, " "), consistent ? "" : "; without `consistent` nginx remaps most keys when a server changes"));
    } else if (k == "keepalive" || k == "keepalive_timeout" || k == "keepalive_requests" || k == "keepalive_time" || k == "zone" ||
               k == "resolver" || k == "resolver_timeout") {
      d.ignored("connection reuse and shared memory do not change failover");
    } else if (k == "queue" || k == "sticky" || k == "ntlm" || k == "least_time") {
      d.note(k + " (NGINX Plus) is not modelled: ignored");
    } else {
      d.error(fmt::format("unknown upstream directive \"{}\"", k));
    }
  }
  if (!out.errors.empty()) return out;
  std::vector<Server> used;
  for (const auto& s : servers) {
    if (s.down) out.notes.push_back(fmt::format("{}:{}: server {} is marked down: left out", file, s.line, s.address));
    else used.push_back(s);
  }
  if (used.empty()) {
    out.errors.push_back(fmt::format("{}:{}: upstream {} has no server that is not down", file, up->line, name));
    return out;
  }
  ordered_json upstream{{"tier", name}, {"method", method}};
  const Server& first = used.front();
  upstream["max_fails"] = first.max_fails;
  upstream["fail_timeout"] = duration_text(first.fail_timeout);
  if (first.max_conns) upstream["max_conns"] = first.max_conns;
  std::vector<std::string> hosts, backup;
  ordered_json weights = ordered_json::object();
  std::string mapping;
  for (std::size_t i = 0; i < used.size(); ++i) {
    const Server& s = used[i];
    hosts.push_back(fmt::format("{}{}", name, i + 1));
    mapping += fmt::format("{}{} = {}", i ? ", " : "", hosts.back(), s.address);
    if (s.backup) backup.push_back(hosts.back());
    if (s.weight != 1) weights[hosts.back()] = s.weight;
    if (s.max_fails != first.max_fails || s.fail_timeout != first.fail_timeout || s.max_conns != first.max_conns)
      out.notes.push_back(fmt::format("{}:{}: server {}: max_fails, fail_timeout and max_conns are one per upstream in the lab: "
                                      "{}'s are used", file, s.line, s.address, first.address));
  }
  if (!backup.empty()) upstream["backup"] = backup;
  if (!weights.empty()) upstream["weights"] = weights;
  if (connect || read) upstream["timeout"] = duration_text(connect.value_or(60) + read.value_or(60));
  for (const auto& [k, v] : edge.items()) upstream[k] = v;
  std::vector<std::string> all{"lb1", "lb2"};
  all.insert(all.end(), hosts.begin(), hosts.end());
  out.scenario = scenario_skeleton(fmt::format("imported nginx upstream: {}", name),
                                   fmt::format("Imported by `halab import nginx` from {} ({}). The proxies lb1 and lb2 share the "
                                               "entry IP (keepalived); service times are placeholders. Add faults and expectations.",
                                               file, mapping),
                                   all, {"client1"});
  out.scenario["cluster"] = {{"manager", "keepalived"},
                             {"members", {{{"host", "lb1"}, {"priority", 200}}, {{"host", "lb2"}, {"priority", 100}}}}};
  out.scenario["service"] = {{"name", "entry"}, {"vip", "10.0.0.80"}};
  out.scenario["stack"] = {{"tiers",
                            {{{"name", "proxy"}, {"hosts", {"lb1", "lb2"}}, {"service_time", "100us"}, {"upstream", upstream}},
                             {{"name", name}, {"hosts", hosts}, {"service_time", "2ms"}}}}};
  finish_skeleton(out.scenario, {"client1"}, "");
  return out;
}

}  // namespace halab
