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

std::string describe(const nlohmann::json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array of " + std::to_string(value.size());
  std::string text = value.dump();
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
