#include "sim/scenario/fields.hpp"

#include "sim/scenario/units.hpp"

#include <algorithm>
#include <cmath>

namespace halab {

Fields::Fields(const nlohmann::json& value, std::string pointer, Diagnostics& diag,
               const std::vector<std::string_view>& allowed)
    : pointer_(std::move(pointer)), diag_(diag) {
  if (!value.is_object()) {
    diag_.expected(pointer_, "an object", &value);
    return;
  }
  object_ = &value;
  for (const auto& [key, item] : value.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string known;
    for (std::string_view k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
    diag_.error(pointer_join(pointer_, key), "unknown key \"" + key + "\" (expected one of: " + known + ")");
  }
}

const nlohmann::json* Fields::get(std::string_view key, Need need) const {
  if (!object_) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end()) {
    if (need == required) diag_.expected(pointer(key), "a value for required key \"" + std::string(key) + "\"", nullptr);
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> Fields::string(std::string_view key, Need need) const {
  const nlohmann::json* v = get(key, need);
  if (!v) return std::nullopt;
  if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
    diag_.expected(pointer(key), "a non-empty string", v);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> Fields::boolean(std::string_view key, Need need) const {
  const nlohmann::json* v = get(key, need);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    diag_.expected(pointer(key), "true or false", v);
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<double> Fields::number(std::string_view key, Need need, double min, double max) const {
  const nlohmann::json* v = get(key, need);
  if (!v) return std::nullopt;
  if (!v->is_number() || !(v->get<double>() >= min && v->get<double>() <= max)) {
    diag_.expected(pointer(key), "a number from " + describe(min) + " to " + describe(max), v);
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<std::int64_t> Fields::integer(std::string_view key, Need need, std::int64_t min, std::int64_t max) const {
  const nlohmann::json* v = get(key, need);
  if (!v) return std::nullopt;
  bool whole = v->is_number_integer() || v->is_number_unsigned();
  if (!whole || v->get<double>() < static_cast<double>(min) || v->get<double>() > static_cast<double>(max)) {
    diag_.expected(pointer(key), "a whole number from " + std::to_string(min) + " to " + std::to_string(max), v);
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<Duration> Fields::duration(std::string_view key, Need need) const {
  const nlohmann::json* v = get(key, need);
  if (!v) return std::nullopt;
  std::optional<Duration> d;
  if (v->is_string()) d = parse_duration(v->get_ref<const std::string&>());
  if (!d) {
    bool negative = v->is_string() && !v->get_ref<const std::string&>().empty() && v->get_ref<const std::string&>()[0] == '-';
    diag_.expected(pointer(key),
                   negative ? "a non-negative duration" : "a duration string with a unit, like \"1.5s\", \"200ms\" or \"3m\"", v);
  } else if (*d > kMaxDuration) {
    diag_.expected(pointer(key), "a duration of at most 400 days", v);
    d.reset();
  }
  return d;
}

void Fields::positive_duration(std::string_view key, Need need, Duration& out) const {
  if (auto d = duration(key, need)) {
    if (*d > Duration()) out = *d;
    else diag_.expected(pointer(key), "a positive duration", get(key, Need::optional));
  }
}

void Fields::interval(std::string_view key, Need need, Duration& out) const {
  if (auto d = duration(key, need)) {
    if (*d >= kMinInterval) out = *d;
    else diag_.expected(pointer(key), "an interval of at least 1ms", get(key, Need::optional));
  }
}

std::optional<double> Fields::bandwidth(std::string_view key, Need need) const {
  const nlohmann::json* v = get(key, need);
  if (!v) return std::nullopt;
  std::optional<double> b;
  if (v->is_string()) b = parse_bandwidth(v->get_ref<const std::string&>());
  if (!b) diag_.expected(pointer(key), "a positive bandwidth like \"1Gbps\", \"100Mbps\" or \"10MBps\"", v);
  return b;
}

std::optional<std::vector<std::string>> Fields::strings(std::string_view key, Need need) const {
  const nlohmann::json* v = get(key, need);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    diag_.expected(pointer(key), "an array of names", v);
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    if (item.is_string() && !item.get_ref<const std::string&>().empty()) out.push_back(item.get<std::string>());
    else diag_.expected(pointer_join(pointer(key), i), "a non-empty string", &item);
  }
  return out;
}

std::map<std::string, int> Fields::integers(std::string_view key, int min, int max, const std::string& what,
                                            const std::string& each) const {
  std::map<std::string, int> out;
  const nlohmann::json* v = get(key, Need::optional);
  if (!v) return out;
  if (!v->is_object()) {
    diag_.expected(pointer(key), what, v);
    return out;
  }
  for (const auto& [name, value] : v->items()) {
    if (!value.is_number_integer() || value.get<long long>() < min || value.get<long long>() > max)
      diag_.expected(pointer_join(pointer(key), name), each, &value);
    else out[name] = value.get<int>();
  }
  return out;
}

} // namespace halab
