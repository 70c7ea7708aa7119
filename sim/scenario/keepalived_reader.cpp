#include "sim/scenario/keepalived_reader.hpp"

#include <set>

namespace halab {
namespace {

void read_script(const Fields& f, TrackScriptConfig& s) {
  s.name = f.string("name", Fields::required).value_or("");
  f.interval("interval", Fields::optional, s.interval);
  s.fall = static_cast<int>(f.integer("fall", Fields::optional, 1, 1000).value_or(1));
  s.rise = static_cast<int>(f.integer("rise", Fields::optional, 1, 1000).value_or(1));
  s.weight = static_cast<int>(f.integer("weight", Fields::optional, -254, 254).value_or(0));
}

} // namespace

void read_keepalived_settings(const Fields& cluster, ClusterSpec& spec, const ScenarioLookup&) {
  spec.failback = cluster.boolean("failback", Fields::optional).value_or(false);
  spec.detector.kind = DetectorSpec::Kind::vrrp;  // unless /cluster/detector says otherwise
  read_detector(cluster, Fields::optional, spec.detector);
  for (std::size_t i = 0; i < spec.members.size(); ++i)
    if (spec.members[i].priority == 255)
      for (std::size_t j = 0; j < i; ++j)
        if (spec.members[j].priority == 255)
          cluster.diagnostics().error(pointer_join(pointer_join(cluster.pointer("members"), i), "priority"),
                                      "only one member can own the address (priority 255)");
  const auto* v = cluster.get("vrrp", Fields::optional);
  if (!v) return;
  Fields f(*v, cluster.pointer("vrrp"), cluster.diagnostics(), {"version", "preempt_delay", "scripts", "garp"});
  if (!f.is_object()) return;
  if (const auto* g = f.get("garp", Fields::optional)) {
    Fields gf(*g, f.pointer("garp"), f.diagnostics(), {"repeat", "delay", "interval"});
    if (gf.is_object()) {
      spec.vrrp.garp.repeat = static_cast<int>(gf.integer("repeat", Fields::optional, 1, 1000).value_or(5));
      if (auto d = gf.duration("delay", Fields::optional)) spec.vrrp.garp.delay = *d;
      if (auto i = gf.duration("interval", Fields::optional)) spec.vrrp.garp.interval = *i;
    }
  }
  spec.vrrp.version = static_cast<int>(f.integer("version", Fields::optional, 2, 3).value_or(2));
  if (auto delay = f.duration("preempt_delay", Fields::optional)) {
    spec.vrrp.preempt_delay = *delay;
    // keepalived resets preempt_delay under nopreempt ("incompatible with nopreempt mode").
    if (!spec.failback) f.diagnostics().error(f.pointer("preempt_delay"), "needs \"failback\": true (keepalived's preempt)");
  }
  const auto* scripts = f.get("scripts", Fields::optional);
  if (!scripts) return;
  if (!scripts->is_array()) {
    f.diagnostics().expected(f.pointer("scripts"), "an array of tracked scripts", scripts);
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < scripts->size(); ++i) {
    Fields sf((*scripts)[i], pointer_join(f.pointer("scripts"), i), f.diagnostics(),
              {"name", "interval", "fall", "rise", "weight", "checks"});
    if (!sf.is_object()) continue;
    TrackScriptConfig s;
    read_script(sf, s);
    ScriptCheck checks = ScriptCheck::faults_only;
    if (const auto* c = sf.get("checks", Fields::optional)) {
      if (*c == "process") checks = ScriptCheck::process;
      else if (*c == "http") checks = ScriptCheck::http;
      else sf.diagnostics().expected(sf.pointer("checks"), "\"process\" or \"http\" (the host's tier process)", c);
    }
    spec.vrrp.script_checks.push_back(checks);
    if (!s.name.empty() && !names.insert(s.name).second) sf.diagnostics().error(sf.pointer("name"), "\"" + s.name + "\" is listed twice");
    spec.vrrp.scripts.push_back(std::move(s));
  }
}

void read_check_fault(const Fields& f, const ClusterSpec& spec, FaultSpec& fault) {
  auto name = f.string("script", Fields::required);
  if (!name) return;
  for (std::size_t i = 0; i < spec.vrrp.scripts.size(); ++i)
    if (spec.vrrp.scripts[i].name == *name) {
      fault.script = i;
      return;
    }
  f.diagnostics().expected(f.pointer("script"), "the name of a script in /cluster/vrrp/scripts", f.get("script", Fields::optional));
}

} // namespace halab
