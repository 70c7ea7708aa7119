// Matching the errors a reader reports, for the tests of user input.
#pragma once

#include "sim/scenario/diagnostics.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace halab::test {

// True when an error at `pointer` contains `text`.
inline bool has_error(const std::vector<InputError>& errors, const std::string& pointer, const std::string& text) {
  return std::any_of(errors.begin(), errors.end(), [&](const InputError& e) {
    return e.pointer == pointer && e.message.find(text) != std::string::npos;
  });
}

// Every error, a line each: what a failed check prints.
inline std::string all(const std::vector<InputError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

}  // namespace halab::test
