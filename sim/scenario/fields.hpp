// Typed, diagnosed access to the fields of one JSON object in user input. Each accessor
// reports a missing required key or a value of the wrong kind to Diagnostics and returns
// nullopt; unknown keys are reported when the object is opened.
#pragma once

#include "models/time.hpp"
#include "sim/scenario/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace halab {

class Fields {
public:
  enum Need { optional, required };

  // Reports `value` if it is not an object, and each key not in `allowed`.
  Fields(const nlohmann::json& value, std::string pointer, Diagnostics& diag,
         const std::vector<std::string_view>& allowed);

  bool is_object() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string pointer(std::string_view key) const { return pointer_join(pointer_, std::string(key)); }
  Diagnostics& diagnostics() const { return diag_; }

  const nlohmann::json* get(std::string_view key, Need need) const;
  std::optional<std::string> string(std::string_view key, Need need) const;
  std::optional<bool> boolean(std::string_view key, Need need) const;
  std::optional<double> number(std::string_view key, Need need, double min, double max) const;
  std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min, std::int64_t max) const;
  // A duration from 0 to kMaxDuration.
  std::optional<Duration> duration(std::string_view key, Need need) const;
  // A duration above 0; sets `out` when one is given and right.
  void positive_duration(std::string_view key, Need need, Duration& out) const;
  // How often something repeats (a heartbeat, a write, a monitor): at least kMinInterval,
  // so that no run drowns in events; sets `out` when one is given and right.
  void interval(std::string_view key, Need need, Duration& out) const;
  static constexpr Duration kMaxDuration = Duration::seconds(400 * 86400.0);  // 400 days
  static constexpr Duration kMinInterval = Duration::millis(1);
  std::optional<double> bandwidth(std::string_view key, Need need) const;
  // An array of strings; each element diagnosed on its own.
  std::optional<std::vector<std::string>> strings(std::string_view key, Need need) const;
  // An object {name: integer from min to max} (weights, priorities); `what` names the
  // object and `each` an integer in the messages; each entry diagnosed on its own.
  std::map<std::string, int> integers(std::string_view key, int min, int max, const std::string& what, const std::string& each) const;

private:
  const nlohmann::json* object_ = nullptr;
  std::string pointer_;
  Diagnostics& diag_;
};

} // namespace halab
