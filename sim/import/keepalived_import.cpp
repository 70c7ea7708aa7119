// keepalived.conf (keepalived.conf(5), keepalived 2.2) into a keepalived cluster: one file
// per member, the members of each vrrp_instance matched by virtual_router_id; several
// instances become several services. Carried over: priority (the address owner's 255
// too), advert_int (the Advertisement_Interval, one for all members as VRRP needs),
// nopreempt / preempt / preempt_delay (keepalived preempts unless told nopreempt),
// virtual_ipaddress (the first address is the service's IP), track_script with vrrp_script's
// interval, fall, rise and weight (a track_script's weight overrides the script's),
// garp_master_repeat / _delay / garp_interval (and global_defs' vrrp_ forms), vrrp_version
// / version, router_id (the member's host name; else the file's name).
#include "sim/import/directive.hpp"
#include "sim/import/importer.hpp"
#include "sim/scenario/units.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>

namespace halab {
namespace {

using nlohmann::ordered_json;

struct Script {
  double interval = 1;
  long long fall = 1, rise = 1, weight = 0;
};

struct Instance {
  std::string name;
  std::string file;
  int line = 0;
  long long vrid = -1;
  long long priority = 100;  // keepalived's default
  std::optional<double> advert_int;
  bool nopreempt = false;
  std::optional<double> preempt_delay;
  std::vector<std::string> addresses;
  std::vector<std::pair<std::string, std::optional<long long>>> tracked;  // script, weight override
  std::map<std::string, double> garp;  // "repeat", "delay", "interval"
  std::optional<long long> version;
};

struct Member {
  std::string file;
  std::string host;
  std::map<std::string, Script> scripts;
  std::vector<Instance> instances;
  std::map<std::string, double> garp;  // global_defs' vrrp_garp_*
  std::optional<long long> version;
};

const std::set<std::string> kIgnoredEverywhere{"notification_email", "notification_email_from", "smtp_server",
                                               "smtp_connect_timeout", "smtp_alert", "enable_script_security",
                                               "script_user", "vrrp_skip_check_adv_addr", "vrrp_strict",
                                               "vrrp_iptables", "dynamic_interfaces", "lvs_id", "max_auto_priority",
                                               "vrrp_gna_interval", "vrrp_garp_master_refresh",
                                               "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay",
                                               "vrrp_garp_lower_prio_repeat", "vrrp_no_swap", "checker_no_swap",
                                               "vrrp_priority", "checker_priority", "process_names", "vrrp_mcast_group4"};

// An address of virtual_ipaddress: "10.0.0.80/24 dev eth0 label eth0:1" → "10.0.0.80".
std::string address_of(const std::string& word) { return word.substr(0, word.find('/')); }

void read_garp(const Directive& d, const std::string& key, std::map<std::string, double>& garp) {
  if (!d.takes(1)) return;
  if (key == "repeat") {
    if (auto v = d.integer(1, 1, 255)) garp[key] = static_cast<double>(*v);
  } else if (auto v = d.number(1, 0, 1000, "seconds")) {
    garp[key] = *v;
  }
}

void read_instance(const ConfigStatement& st, const std::string& file, ImportResult& out, Instance& in) {
  for (const auto& s : st.block) {
    const Directive d(s, file, out);
    const std::string& k = d.name();
    if (k == "virtual_router_id") {
      if (d.takes(1)) in.vrid = d.integer(1, 1, 255).value_or(-1);
    } else if (k == "priority") {
      if (d.takes(1)) in.priority = d.integer(1, 1, 255).value_or(in.priority);
    } else if (k == "advert_int") {
      if (d.takes(1)) in.advert_int = d.number(1, 0.01, 255, "seconds from 0.01 to 255");
    } else if (k == "nopreempt") {
      in.nopreempt = true;
    } else if (k == "preempt") {
      in.nopreempt = false;
    } else if (k == "preempt_delay") {
      if (d.takes(1)) in.preempt_delay = d.number(1, 0, 1000, "seconds from 0 to 1000");
    } else if (k == "virtual_ipaddress") {
      for (const auto& a : s.block) in.addresses.push_back(address_of(a.words.front()));
      if (in.addresses.empty()) d.error("virtual_ipaddress: expected at least one address, found none");
    } else if (k == "track_script") {
      for (const auto& t : s.block) {
        const Directive td(t, file, out);
        std::optional<long long> weight;
        if (t.words.size() == 3 && t.words[1] == "weight") weight = td.integer(2, -254, 254);
        else if (t.words.size() != 1) td.error(fmt::format("expected a vrrp_script's name [weight W], found \"{}\"", fmt::join(t.words, " ")));
        in.tracked.emplace_back(t.words.front(), weight);
      }
    } else if (k == "garp_master_repeat") {
      read_garp(d, "repeat", in.garp);
    } else if (k == "garp_master_delay") {
      read_garp(d, "delay", in.garp);
    } else if (k == "garp_interval") {
      read_garp(d, "interval", in.garp);
    } else if (k == "version") {
      if (d.takes(1)) in.version = d.integer(1, 2, 3);
    } else if (k == "state") {
      if (d.takes(1) && s.words[1] != "MASTER" && s.words[1] != "BACKUP")
        d.error(fmt::format("state: expected MASTER or BACKUP, found \"{}\"", s.words[1]));
      else d.ignored("the starting state; the priorities decide who is Master once the adverts flow");
    } else if (k == "interface" || k == "unicast_src_ip" || k == "unicast_peer" || k == "mcast_src_ip" || k == "authentication" ||
               k == "use_vmac" || k == "vmac_xmit_base" || k == "dont_track_primary" || k == "native_ipv6" ||
               k == "strict_mode" || k == "accept" || k == "no_accept" || k == "skip_check_adv_addr" || k == "debug" ||
               k == "virtual_ipaddress_excluded" || k == "virtual_routes" || k == "virtual_rules") {
      d.ignored("addressing and transport; the lab's members reach each other over the topology");
    } else if (k.rfind("notify", 0) == 0 || k == "smtp_alert") {
      d.ignored("notification scripts do not change failover");
    } else if (k == "track_interface" || k == "track_process" || k == "track_file" || k == "track_bfd" ||
               k == "garp_master_refresh" || k == "garp_master_refresh_repeat" || k == "garp_lower_prio_delay" ||
               k == "garp_lower_prio_repeat") {
      d.note(k + " is not modelled: ignored (track a vrrp_script instead; lower-priority GARPs follow garp_master_*)");
    } else {
      d.error(fmt::format("unknown vrrp_instance keyword \"{}\"", k));
    }
  }
}

void read_script(const ConfigStatement& st, const std::string& file, ImportResult& out, Script& sc) {
  for (const auto& s : st.block) {
    const Directive d(s, file, out);
    const std::string& k = d.name();
    if (k == "interval") {
      if (d.takes(1)) sc.interval = d.number(1, 0.001, 86400, "seconds").value_or(sc.interval);
    } else if (k == "fall") {
      if (d.takes(1)) sc.fall = d.integer(1, 1, 1000).value_or(sc.fall);
    } else if (k == "rise") {
      if (d.takes(1)) sc.rise = d.integer(1, 1, 1000).value_or(sc.rise);
    } else if (k == "weight") {
      if (d.arguments() >= 1) sc.weight = d.integer(1, -254, 254).value_or(sc.weight);
      if (d.arguments() == 2 && s.words[2] != "reverse") d.error(fmt::format("weight: expected \"reverse\" or nothing after the weight, found \"{}\"", s.words[2]));
      if (d.arguments() == 2 && s.words[2] == "reverse") d.note("weight ... reverse is not modelled: read as the plain weight");
    } else if (k == "script") {
      d.note("the script's command is not run: it fails while a check-fail fault says so (or give the scenario a /stack tier and \"checks\")");
    } else if (k == "timeout" || k == "user" || k == "init_fail") {
      d.ignored("a check that fails is what the lab models, not how the command runs");
    } else {
      d.error(fmt::format("unknown vrrp_script keyword \"{}\"", k));
    }
  }
}

Member read_member(const std::string& file, ImportResult& out) {
  Member m{file, std::filesystem::path(file).stem().string(), {}, {}, {}, {}};
  std::string text;
  if (!read_config_file(file, text, out.errors)) return m;
  for (const auto& s : parse_config(text, ConfigSyntax::keepalived, file, out.errors)) {
    const Directive d(s, file, out);
    const std::string& k = s.words.front();
    if (k == "global_defs") {
      for (const auto& g : s.block) {
        const Directive gd(g, file, out);
        const std::string& gk = g.words.front();
        if (gk == "router_id") {
          if (gd.takes(1)) m.host = g.words[1];
        } else if (gk == "vrrp_garp_master_repeat") {
          read_garp(gd, "repeat", m.garp);
        } else if (gk == "vrrp_garp_master_delay") {
          read_garp(gd, "delay", m.garp);
        } else if (gk == "vrrp_garp_interval") {
          read_garp(gd, "interval", m.garp);
        } else if (gk == "vrrp_version") {
          if (gd.takes(1)) m.version = gd.integer(1, 2, 3);
        } else if (kIgnoredEverywhere.count(gk)) {
          gd.ignored("it does not change failover");
        } else {
          gd.error(fmt::format("unknown global_defs keyword \"{}\"", gk));
        }
      }
    } else if (k == "vrrp_script") {
      if (d.takes(1) || s.has_block) read_script(s, file, out, m.scripts[s.words.size() > 1 ? s.words[1] : ""]);
    } else if (k == "vrrp_instance") {
      Instance in;
      in.name = s.words.size() > 1 ? s.words[1] : "";
      in.file = file;
      in.line = s.line;
      if (in.name.empty()) d.error("vrrp_instance: expected its name, found nothing");
      read_instance(s, file, out, in);
      if (in.vrid < 0) d.error("vrrp_instance " + in.name + ": virtual_router_id is required");
      m.instances.push_back(std::move(in));
    } else if (k == "virtual_server" || k == "virtual_server_group" || k == "real_server") {
      d.note(k + " (LVS) is not imported: describe the director as a /stack tier with a \"director\"");
    } else if (k == "vrrp_sync_group" || k == "static_ipaddress" || k == "static_routes" || k == "static_rules" ||
               k == "include" || k == "linkbeat_use_polling") {
      d.note(k + " is not modelled: ignored");
    } else {
      d.error(fmt::format("unknown keyword \"{}\"", k));
    }
  }
  return m;
}

}  // namespace

ImportResult import_keepalived(const std::vector<std::string>& files) {
  ImportResult out;
  std::vector<Member> members;
  for (const auto& f : files) members.push_back(read_member(f, out));
  if (!out.errors.empty()) return out;
  // Host names: router_id, unless two members share one (keepalived's sample "LVS_DEVEL").
  std::set<std::string> hosts;
  for (const auto& m : members) hosts.insert(m.host);
  for (std::size_t i = 0; hosts.size() != members.size() && i < members.size(); ++i) members[i].host = fmt::format("node{}", i + 1);
  // The instances by virtual_router_id, members in file order.
  std::map<long long, std::vector<std::pair<const Member*, const Instance*>>> by_vrid;
  for (const auto& m : members)
    for (const auto& in : m.instances) by_vrid[in.vrid].emplace_back(&m, &in);
  if (by_vrid.empty()) {
    out.errors.push_back(fmt::format("{}: no vrrp_instance in {}", files.front(), files.size() == 1 ? "the file" : "the files"));
    return out;
  }
  ordered_json services = ordered_json::array();
  std::vector<std::string> all_hosts;
  for (const auto& [vrid, list] : by_vrid) {
    const Instance& first = *list.front().second;
    const std::string at = fmt::format("{}:{}", first.file, first.line);
    if (list.size() < 2) {
      out.errors.push_back(fmt::format("{}: vrrp_instance {} (virtual_router_id {}) has one member: give each member's keepalived.conf "
                                       "(at least two files)", at, first.name, vrid));
      continue;
    }
    ordered_json cluster;
    cluster["manager"] = "keepalived";
    ordered_json member_list = ordered_json::array();
    const Instance* best = list.front().second;
    int owners = 0;
    for (const auto& [m, in] : list) {
      member_list.push_back({{"host", m->host}, {"priority", in->priority}});
      if (std::find(all_hosts.begin(), all_hosts.end(), m->host) == all_hosts.end()) all_hosts.push_back(m->host);
      if (in->priority > best->priority) best = in;
      owners += in->priority == 255 ? 1 : 0;
      const std::string here = fmt::format("{}:{}", in->file, in->line);
      if (in->advert_int.value_or(1) != first.advert_int.value_or(1))
        out.errors.push_back(fmt::format("{}: advert_int {} differs from {}'s {} (VRRP needs one Advertisement_Interval per virtual router)",
                                         here, in->advert_int.value_or(1), first.file, first.advert_int.value_or(1)));
      if (in->addresses != first.addresses)
        out.errors.push_back(fmt::format("{}: virtual_ipaddress differs from {}'s (one virtual router has one set of addresses)", here, first.file));
    }
    if (owners > 1) out.errors.push_back(fmt::format("{}: {} members have priority 255 (only the address owner may)", at, owners));
    if (first.addresses.empty()) out.errors.push_back(fmt::format("{}: vrrp_instance {} has no virtual_ipaddress", at, first.name));
    cluster["members"] = member_list;
    cluster["heartbeat_interval"] = duration_text(first.advert_int.value_or(1));
    // The member that would preempt is the best-ranked one: its setting decides.
    cluster["failback"] = !best->nopreempt;
    for (const auto& [m, in] : list)
      if (in->nopreempt != best->nopreempt)
        out.notes.push_back(fmt::format("{}:{}: {}preempt differs from the highest-priority member's ({}): the lab uses one setting, {}'s",
                                        in->file, in->line, in->nopreempt ? "no" : "", best->file, best->file));
    ordered_json vrrp = ordered_json::object();
    const Member& lead = *list.front().first;
    if (auto v = first.version ? first.version : lead.version) vrrp["version"] = *v;
    if (best->preempt_delay && !best->nopreempt) vrrp["preempt_delay"] = duration_text(*best->preempt_delay);
    std::map<std::string, double> garp = lead.garp;
    for (const auto& [k, v] : first.garp) garp[k] = v;
    if (!garp.empty()) {
      ordered_json g;
      if (garp.count("repeat")) g["repeat"] = static_cast<long long>(garp["repeat"]);
      if (garp.count("delay")) g["delay"] = duration_text(garp["delay"]);
      if (garp.count("interval")) g["interval"] = duration_text(garp["interval"]);
      vrrp["garp"] = g;
    }
    ordered_json scripts = ordered_json::array();
    for (const auto& [name, weight] : first.tracked) {
      const auto it = lead.scripts.find(name);
      if (it == lead.scripts.end()) {
        out.errors.push_back(fmt::format("{}: track_script names \"{}\", which no vrrp_script of {} defines", at, name, lead.file));
        continue;
      }
      scripts.push_back({{"name", name}, {"interval", duration_text(it->second.interval)}, {"fall", it->second.fall},
                         {"rise", it->second.rise}, {"weight", weight.value_or(it->second.weight)}});
    }
    for (const auto& [m, in] : list)
      if (in->tracked != first.tracked)
        out.notes.push_back(fmt::format("{}:{}: track_script differs from {}'s: every member tracks {}'s scripts", in->file, in->line,
                                        first.file, first.file));
    if (!scripts.empty()) vrrp["scripts"] = scripts;
    if (!vrrp.empty()) cluster["vrrp"] = vrrp;
    services.push_back({{"name", first.name}, {"vip", first.addresses.empty() ? "" : first.addresses.front()}, {"cluster", cluster}});
    if (first.addresses.size() > 1)
      out.notes.push_back(fmt::format("{}: virtual_ipaddress: {} more address(es) move with the first; the service's IP is {}", at,
                                      first.addresses.size() - 1, first.addresses.front()));
  }
  if (!out.errors.empty()) return out;
  out.scenario = scenario_skeleton(fmt::format("imported keepalived: {}", services.front()["name"].get<std::string>()),
                                   fmt::format("Imported by `halab import keepalived` from {}. Add faults and expectations.",
                                               fmt::join(files, ", ")),
                                   all_hosts, {"client1"});
  if (services.size() == 1) {
    out.scenario["cluster"] = services.front()["cluster"];
    out.scenario["service"] = {{"name", services.front()["name"]}, {"vip", services.front()["vip"]}};
  } else {
    out.scenario["services"] = services;
  }
  finish_skeleton(out.scenario, {"client1"}, services.size() == 1 ? "" : services.front()["name"].get<std::string>());
  return out;
}

}  // namespace halab
