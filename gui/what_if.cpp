#include "gui/what_if.hpp"

#include <QFile>

#include <fmt/format.h>

namespace halab::gui {
namespace {
std::string seconds(double t) {
  return fmt::format("{:.6f}s", t);
}
} // namespace

nlohmann::json crash_fault(const std::string& host, double at_s) {
  return {{"kind", "crash"}, {"host", host}, {"at", seconds(at_s)}};
}

nlohmann::json isolate_fault(const std::string& host, const std::vector<std::string>& others, double at_s) {
  return {{"kind", "partition"}, {"groups", {{host}, others}}, {"at", seconds(at_s)}};
}

nlohmann::json fence_device_fault(double at_s) {
  return {{"kind", "fence-device-failure"}, {"at", seconds(at_s)}};
}

nlohmann::json agent_fault(const std::string& host, const std::string& resource, double at_s) {
  return {{"kind", "agent-fail"}, {"host", host}, {"resource", resource}, {"at", seconds(at_s)}};
}

bool write_branch_scenario(const QString& scenario, const nlohmann::json& fault, const QString& out, QString* error) {
  QFile in(scenario);
  if (!in.open(QIODevice::ReadOnly)) {
    *error = scenario + ": cannot open the scenario";
    return false;
  }
  nlohmann::json doc;
  try {
    QByteArray text = in.readAll();
    doc = nlohmann::json::parse(text.constData(), text.constData() + text.size());
  } catch (const nlohmann::json::parse_error& e) {
    *error = scenario + ": not valid JSON: " + e.what();
    return false;
  }
  if (!doc.is_object()) {
    *error = scenario + ": not a scenario";
    return false;
  }
  doc["faults"].push_back(fault);
  doc.erase("expect");  // the original's expectations say nothing about a branch
  doc["name"] = doc.value("name", "scenario") + " (what-if: " + fault["kind"].get<std::string>() + " at " +
                fault["at"].get<std::string>() + ")";
  QFile file(out);
  if (!file.open(QIODevice::WriteOnly)) {
    *error = out + ": cannot write the branch scenario";
    return false;
  }
  file.write(QByteArray::fromStdString(doc.dump(2)));
  return true;
}

} // namespace halab::gui
