// What-if branches. A run is a pure function of (scenario, seed), so a branch from time t is
// the same scenario and seed with one more fault at t: identical to the original up to t,
// different after it. This writes that scenario.
#pragma once

#include <nlohmann/json.hpp>

#include <QString>

namespace halab::gui {

// The faults a user can inject from the GUI, at simulated time `at_s`.
nlohmann::json crash_fault(const std::string& host, double at_s);
nlohmann::json isolate_fault(const std::string& host, const std::vector<std::string>& others, double at_s);
nlohmann::json fence_device_fault(double at_s);
// Under the CRM: the agent of `resource` on `host` fails from then on (its monitor finds
// it dead, and it dies again after each start there).
nlohmann::json agent_fault(const std::string& host, const std::string& resource, double at_s);

// Writes `scenario` plus `fault` into `out`; false with `error` set when it cannot.
bool write_branch_scenario(const QString& scenario, const nlohmann::json& fault, const QString& out, QString* error);

} // namespace halab::gui
