#include "sim/import/importer.hpp"

namespace halab {

const std::vector<std::string>& import_kinds() {
  static const std::vector<std::string> kinds{"cib", "keepalived", "sentinel", "nginx"};
  return kinds;
}

ImportResult import_config(const std::string& kind, const std::vector<std::string>& files) {
  if (kind == "cib") return import_cib(files);
  if (kind == "keepalived") return import_keepalived(files);
  if (kind == "sentinel") return import_sentinel(files);
  if (kind == "nginx") return import_nginx(files);
  return {{}, {}, {"unknown kind \"" + kind + "\" (expected cib, keepalived, sentinel or nginx)"}};
}

nlohmann::ordered_json scenario_skeleton(const std::string& name, const std::string& description,
                                         const std::vector<std::string>& hosts, const std::vector<std::string>& clients) {
  std::vector<std::string> all = hosts;
  all.insert(all.end(), clients.begin(), clients.end());
  nlohmann::ordered_json s;
  s["version"] = 1;
  s["name"] = name;
  s["description"] = description;
  s["seed"] = 1;
  s["duration"] = "120s";
  s["topology"] = {{"regions", {{{"name", "region1"}, {"datacenters", {{{"name", "dc1"}, {"hosts", all}}}}}}}};
  return s;
}

void finish_skeleton(nlohmann::ordered_json& scenario, const std::vector<std::string>& clients, const std::string& target) {
  nlohmann::ordered_json workload{{"clients", clients}, {"rate", 10}, {"timeout", "1s"}, {"start", "5s"}};
  if (!target.empty()) workload["target"] = target;
  scenario["workload"] = workload;
  scenario["faults"] = nlohmann::ordered_json::array();
  scenario["expect"] = nlohmann::ordered_json::object();
}

}  // namespace halab
