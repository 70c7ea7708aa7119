// One configuration statement as an importer reads it: its arguments checked, with errors
// and notes that name the file and line ("keepalived.conf:12: priority: expected an
// integer from 1 to 255, found \"300\"").
#pragma once

#include "sim/import/config_text.hpp"
#include "sim/import/importer.hpp"

#include <optional>
#include <string>

namespace halab {

class Directive {
 public:
  // `label` names it in messages (default: its first word; "sentinel monitor", say).
  Directive(const ConfigStatement& statement, const std::string& file, ImportResult& out) : st_(statement), file_(file), out_(out) {}
  Directive(const ConfigStatement& statement, const std::string& file, ImportResult& out, std::string label)
      : st_(statement), file_(file), out_(out), label_(std::move(label)) {}

  const std::string& name() const { return label_ ? *label_ : st_.words.front(); }
  std::size_t arguments() const { return st_.words.size() - 1; }
  const ConfigStatement& statement() const { return st_; }
  std::string where() const;

  void error(const std::string& message) const;
  void note(const std::string& message) const;
  // "ignored: WHY" — a directive that does not change what the lab simulates.
  void ignored(const std::string& why) const { note(name() + " ignored: " + why); }

  // Argument `i` (1-based) as a word, or an error naming `what` was expected.
  std::optional<std::string> word(std::size_t i, const std::string& what) const;
  std::optional<double> number(std::size_t i, double lo, double hi, const std::string& what) const;
  std::optional<long long> integer(std::size_t i, long long lo, long long hi) const;
  // Exactly `n` arguments, else an error.
  bool takes(std::size_t n) const;

 private:
  const ConfigStatement& st_;
  const std::string& file_;
  ImportResult& out_;
  std::optional<std::string> label_;
};

}  // namespace halab
