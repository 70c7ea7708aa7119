// Errors in user input, collected rather than thrown so that a user sees all of them at
// once, each as `file: /json/pointer: expected …, found …`.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace halab {

struct InputError {
  std::string file;
  std::string pointer;  // RFC 6901 JSON pointer; "" is the whole document
  std::string message;
  std::string to_string() const;
};

class Diagnostics {
public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  // `found` is the offending value, or nullptr when the key is missing.
  void expected(const std::string& pointer, const std::string& what, const nlohmann::json* found);
  void error(const std::string& pointer, const std::string& message);
  // Valid input that the modelled system accepts but that likely does not do what its
  // author meant (votequorum's two_node on more than two nodes): reported, not refused.
  void warn(const std::string& pointer, const std::string& message);

  bool empty() const { return errors_.empty(); }
  const std::vector<InputError>& errors() const { return errors_; }
  const std::vector<InputError>& warnings() const { return warnings_; }
  const std::string& file() const { return file_; }

private:
  std::string file_;
  std::vector<InputError> errors_;
  std::vector<InputError> warnings_;
};

// Parses a whole JSON document, or records why it is not one (syntax, a number out of
// range such as 1e400, invalid UTF-8, nesting deeper than kMaxJsonDepth) and returns
// nothing. `what` names the expected content in the message ("JSON", "JSON or CIB XML").
inline constexpr int kMaxJsonDepth = 256;
std::optional<nlohmann::json> parse_json(const std::string& text, Diagnostics& diag, const std::string& what = "JSON");

// A short rendering of a JSON value for error messages: `"12s"`, `12`, `an object`.
std::string describe(const nlohmann::json& value);
// Appends a key or index to a JSON pointer, escaping '~' and '/' as RFC 6901 says.
std::string pointer_join(const std::string& pointer, const std::string& key);
std::string pointer_join(const std::string& pointer, std::size_t index);

} // namespace halab
