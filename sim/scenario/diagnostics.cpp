#include "sim/scenario/diagnostics.hpp"

namespace halab {

std::string InputError::to_string() const {
  return file + ": " + (pointer.empty() ? "/" : pointer) + ": " + message;
}

void Diagnostics::expected(const std::string& pointer, const std::string& what, const nlohmann::json* found) {
  error(pointer, "expected " + what + ", found " + (found ? describe(*found) : "nothing (missing)"));
}

void Diagnostics::error(const std::string& pointer, const std::string& message) {
  errors_.push_back({file_, pointer, message});
}

void Diagnostics::warn(const std::string& pointer, const std::string& message) {
  warnings_.push_back({file_, pointer, message});
}

namespace {
struct TooDeep {};
}  // namespace

std::optional<nlohmann::json> parse_json(const std::string& text, Diagnostics& diag, const std::string& what) {
  // The parser itself is iterative, but every reader after it recurses: refuse absurd depth.
  auto depth_guard = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > kMaxJsonDepth) throw TooDeep{};
    return true;
  };
  try {
    return nlohmann::json::parse(text, depth_guard);
  } catch (const TooDeep&) {
    diag.error("", "not valid " + what + ": nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  } catch (const nlohmann::json::exception& e) {
    // parse errors, and numbers out of range (out_of_range.406)
    diag.error("", "not valid " + what + ": " + e.what());
  }
  return std::nullopt;
}

std::string describe(const nlohmann::json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array of " + std::to_string(value.size());
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

std::string pointer_join(const std::string& pointer, const std::string& key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') escaped += "~0";
    else if (c == '/') escaped += "~1";
    else escaped += c;
  }
  return pointer + "/" + escaped;
}

std::string pointer_join(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

} // namespace halab
