#include "sim/import/config_text.hpp"

#include "sim/scenario/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace halab {
namespace {

struct Token {
  enum Kind { word, open, close, semicolon, newline } kind;
  std::string text;
  int line;
};

std::vector<Token> tokenize(const std::string& text, ConfigSyntax syntax, const std::string& file,
                            std::vector<std::string>& errors) {
  std::vector<Token> out;
  int line = 1;
  const bool braces = syntax != ConfigSyntax::lines;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      out.push_back({Token::newline, "", line++});
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {  // '\n' aside: blanks, '\r', '\v', '\f'
      ++i;
    } else if (c == '#' || (c == '!' && syntax == ConfigSyntax::keepalived)) {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (braces && c == '{') {
      out.push_back({Token::open, "{", line});
      ++i;
    } else if (braces && c == '}') {
      out.push_back({Token::close, "}", line});
      ++i;
    } else if (c == ';' && syntax == ConfigSyntax::nginx) {
      out.push_back({Token::semicolon, ";", line});
      ++i;
    } else if (c == '"' || (c == '\'' && syntax != ConfigSyntax::keepalived)) {
      const int start = line;
      std::string word;
      std::size_t j = i + 1;
      for (; j < text.size() && text[j] != c; ++j) {
        if (text[j] == '\\' && j + 1 < text.size()) ++j;
        if (text[j] == '\n') ++line;
        word += text[j];
      }
      if (j >= text.size()) {
        errors.push_back(fmt::format("{}:{}: a quoted word is not closed", file, start));
        return out;
      }
      out.push_back({Token::word, word, start});
      i = j + 1;
    } else {
      std::string word(1, text[i++]);  // a word char: whatever the branches above left
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
             !(braces && (text[i] == '{' || text[i] == '}')) && !(syntax == ConfigSyntax::nginx && text[i] == ';') &&
             text[i] != '#')
        word += text[i++];
      out.push_back({Token::word, word, line});
    }
  }
  return out;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, ConfigSyntax syntax, const std::string& file, std::vector<std::string>& errors)
      : tokens_(std::move(tokens)), syntax_(syntax), file_(file), errors_(errors) {}

  // Statements until a '}' (inside a block) or the end.
  std::vector<ConfigStatement> statements(bool in_block, int opened_at) {
    std::vector<ConfigStatement> out;
    ConfigStatement current;
    const auto finish = [&] {
      if (!current.words.empty()) out.push_back(std::move(current));
      current = ConfigStatement{};
    };
    while (at_ < tokens_.size()) {
      const Token& t = tokens_[at_++];
      switch (t.kind) {
        case Token::word:
          if (current.words.empty()) current.line = t.line;
          current.words.push_back(t.text);
          break;
        case Token::semicolon:
          if (current.words.empty()) errors_.push_back(fmt::format("{}:{}: an empty statement (a stray ';')", file_, t.line));
          finish();
          break;
        case Token::newline:
          if (syntax_ != ConfigSyntax::nginx && !next_is_open()) finish();
          break;
        case Token::open:
          if (current.words.empty()) {
            errors_.push_back(fmt::format("{}:{}: a block without a directive before it", file_, t.line));
            current.line = t.line;
          }
          current.has_block = true;
          current.block = statements(true, t.line);
          finish();
          break;
        case Token::close:
          if (!in_block) {
            errors_.push_back(fmt::format("{}:{}: a '}}' closes no block", file_, t.line));
            break;
          }
          if (!current.words.empty() && syntax_ == ConfigSyntax::nginx)
            errors_.push_back(fmt::format("{}:{}: \"{}\" is not ended by ';'", file_, current.line, current.words.front()));
          finish();
          return out;
      }
    }
    if (!current.words.empty() && syntax_ == ConfigSyntax::nginx)
      errors_.push_back(fmt::format("{}:{}: \"{}\" is not ended by ';'", file_, current.line, current.words.front()));
    finish();
    if (in_block) errors_.push_back(fmt::format("{}:{}: the block opened here is not closed", file_, opened_at));
    return out;
  }

 private:
  // keepalived: a newline before a '{' does not end the statement.
  bool next_is_open() const {
    for (std::size_t i = at_; i < tokens_.size(); ++i) {
      if (tokens_[i].kind == Token::newline) continue;
      return tokens_[i].kind == Token::open;
    }
    return false;
  }

  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  ConfigSyntax syntax_;
  const std::string& file_;
  std::vector<std::string>& errors_;
};

}  // namespace

std::vector<ConfigStatement> parse_config(const std::string& text, ConfigSyntax syntax, const std::string& file,
                                          std::vector<std::string>& errors) {
  return Parser(tokenize(text, syntax, file, errors), syntax, file, errors).statements(false, 0);
}

bool read_config_file(const std::string& file, std::string& text, std::vector<std::string>& errors) {
  std::ifstream in(file);
  if (!in) {
    errors.push_back(file + ": cannot open the file");
    return false;
  }
  std::stringstream s;
  s << in.rdbuf();
  text = s.str();
  // The scenario is JSON: names and words carried into it must be UTF-8 text.
  if (const auto at = invalid_utf8_at(text)) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*at), '\n');
    errors.push_back(file + ":" + std::to_string(line) + ": not UTF-8 text (byte " + std::to_string(*at) + ")");
    return false;
  }
  return true;
}

}  // namespace halab
