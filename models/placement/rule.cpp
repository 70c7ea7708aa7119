#include "models/placement/rule.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <charconv>
#include <strings.h>

namespace halab::placement {
namespace {

std::optional<std::string> attribute(const Node& node, const std::string& name) {
  if (name == "#uname" || name == "#id") return node.name;
  if (name == "#kind") return std::string("cluster");
  auto it = node.attributes.find(name);
  if (it == node.attributes.end()) return std::nullopt;
  return it->second;
}

std::optional<double> as_number(const std::string& text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// -1, 0, 1 for dotted version strings, component by component.
int compare_versions(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    // Each component saturates at LONG_MAX, as strtol does in Pacemaker's compare_version.
    auto component = [](const std::string& s, size_t& k) {
      long v = 0;
      for (; k < s.size() && s[k] != '.'; ++k) {
        const long digit = std::isdigit(static_cast<unsigned char>(s[k])) ? s[k] - '0' : 0;
        v = v > (std::numeric_limits<long>::max() - digit) / 10 ? std::numeric_limits<long>::max() : v * 10 + digit;
      }
      return v;
    };
    const long x = component(a, i), y = component(b, j);
    if (x != y) return x < y ? -1 : 1;
    ++i, ++j;
  }
  return 0;
}

bool expression_matches(const RuleExpression& e, const Node& node) {
  const auto actual = attribute(node, e.attribute);
  if (e.operation == "defined") return actual.has_value();
  if (e.operation == "not_defined") return !actual.has_value();
  if (!actual) return false;
  int cmp = 0;
  const bool ordering = e.operation != "eq" && e.operation != "ne";
  const auto x = as_number(*actual), y = as_number(e.value);
  if (e.type == "version") {
    cmp = compare_versions(*actual, e.value);
  } else if (e.type == "integer" || e.type == "number" || (e.type.empty() && ordering && x && y)) {
    if (!x || !y) return false;
    cmp = *x < *y ? -1 : (*x > *y ? 1 : 0);
  } else {
    cmp = strcasecmp(actual->c_str(), e.value.c_str());
    cmp = cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
  }
  if (e.operation == "eq") return cmp == 0;
  if (e.operation == "ne") return cmp != 0;
  if (e.operation == "lt") return cmp < 0;
  if (e.operation == "gt") return cmp > 0;
  if (e.operation == "lte") return cmp <= 0;
  if (e.operation == "gte") return cmp >= 0;
  return false;
}

}  // namespace

bool rule_matches(const Rule& rule, const Node& node) {
  if (rule.expressions.empty()) return true;
  auto match = [&](const RuleExpression& e) { return expression_matches(e, node); };
  return rule.any ? std::any_of(rule.expressions.begin(), rule.expressions.end(), match)
                  : std::all_of(rule.expressions.begin(), rule.expressions.end(), match);
}

std::optional<Score> rule_score(const Rule& rule, const Node& node) {
  if (!rule.score_attribute) return rule.score;
  const auto value = attribute(node, *rule.score_attribute);
  if (!value) return std::nullopt;
  return parse_score(*value);
}

}  // namespace halab::placement
