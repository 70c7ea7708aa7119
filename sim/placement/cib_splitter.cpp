#include "sim/placement/cib_splitter.hpp"

#include "sim/scenario/utf8.hpp"

#include <algorithm>
#include <cstring>

namespace halab {
namespace {

bool ends_name(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>'; }

}  // namespace

std::optional<CibSplitter::Token> CibSplitter::token_at(std::size_t open) const {
  using std::string_view;
  const string_view b = doc_.substr(open);
  auto done = [open](std::size_t at, string_view close) -> std::optional<Token> {
    if (at == string_view::npos) return std::nullopt;
    return Token{Token::other, open + at + close.size(), 0};
  };
  if (b.size() < 2) return std::nullopt;
  if (b[1] == '!' || b[1] == '?') {
    if (b.substr(0, 4) == "<!--") return done(b.find("-->", 4), "-->");
    if (b.substr(0, 9) == "<![CDATA[") return done(b.find("]]>", 9), "]]>");
    if (b[1] == '?') return done(b.find("?>", 2), "?>");
    // <!DOCTYPE …>, whose internal subset in [] may hold '>'
    int brackets = 0;
    char quote = 0;
    for (std::size_t i = 2; i < b.size(); ++i) {
      const char c = b[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        --brackets;
      } else if (c == '>' && brackets <= 0) {
        return Token{Token::other, open + i + 1, 0};
      }
    }
    return std::nullopt;
  }
  const bool closing = b[1] == '/';
  const std::size_t name_from = closing ? 2 : 1;
  std::size_t i = name_from;
  while (i < b.size() && !ends_name(b[i])) ++i;
  const std::size_t name_size = i - name_from;
  // Attribute values (in quotes) may hold '>'; memchr skips them.
  while (i < b.size()) {
    const char c = b[i];
    if (c == '>') return Token{closing ? Token::end : (b[i - 1] == '/' ? Token::empty : Token::start), open + i + 1, name_size};
    if (c == '"' || c == '\'') {
      const void* close = std::memchr(b.data() + i + 1, c, b.size() - i - 1);
      if (!close) return std::nullopt;
      i = static_cast<std::size_t>(static_cast<const char*>(close) - b.data()) + 1;
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> CibSplitter::element_end(std::size_t after_start_tag) const {
  int depth = 1;
  std::size_t pos = after_start_tag;
  while (depth > 0) {
    const std::size_t open = doc_.find('<', pos);
    if (open == std::string_view::npos) return std::nullopt;
    const auto token = token_at(open);
    if (!token) return std::nullopt;
    if (token->kind == Token::start) ++depth;
    else if (token->kind == Token::end) --depth;
    pos = token->end_at;
  }
  return pos;
}

std::optional<CibSplitError> CibSplitter::check_utf8(std::size_t from, std::size_t until) const {
  if (auto bad = invalid_utf8_at(doc_.substr(from, until - from))) return CibSplitError{"invalid UTF-8", from + *bad};
  return std::nullopt;
}

std::optional<CibSplitError> CibSplitter::keep_outside(std::size_t until) {
  if (auto bad = check_utf8(kept_to_, until)) return bad;
  outside_.append(doc_.substr(kept_to_, until - kept_to_));
  kept_to_ = until;
  return std::nullopt;
}

std::optional<std::size_t> CibSplitter::quick_element_end(std::size_t after_start_tag, std::string_view name) const {
  const std::string closing = "</" + std::string(name);
  for (std::size_t from = after_start_tag;;) {
    const std::size_t hit = doc_.find(closing, from);
    if (hit == std::string_view::npos) return std::nullopt;
    std::size_t i = hit + closing.size();  // S? '>' (XML 1.0 §3.1 ETag)
    while (i < doc_.size() && (doc_[i] == ' ' || doc_[i] == '\t' || doc_[i] == '\r' || doc_[i] == '\n')) ++i;
    if (i < doc_.size() && doc_[i] == '>') return i + 1;
    from = hit + 1;
  }
}

std::optional<CibSplitError> CibSplitter::give(std::size_t open, std::size_t end, const StatusChild& on_child) {
  piece_.assign(doc_.substr(open, end - open));
  if (auto bad = on_child(piece_.data(), piece_.size())) return CibSplitError{bad->message, open + bad->offset};
  return std::nullopt;
}

std::optional<CibSplitError> CibSplitter::hand_over(std::size_t open, const Token& token, const StatusChild& on_child,
                                                    std::size_t& end) {
  if (token.kind == Token::empty) {
    end = token.end_at;
    if (auto bad = check_utf8(open, end)) return bad;
    return give(open, end, on_child);
  }
  // The first end tag with the element's name ends it, unless that end tag is inside a
  // comment, a CDATA section, a processing instruction, an attribute value or an element
  // of the same name: then the text up to it is not well-formed, the reader refuses it,
  // and the element's end is found token by token.
  const auto quick = quick_element_end(token.end_at, doc_.substr(open + 1, token.name_size));
  if (!quick) return CibSplitError{"unexpected end of document", open};
  if (auto bad = check_utf8(open, *quick)) return bad;
  end = *quick;
  const auto refused = give(open, *quick, on_child);
  if (!refused) return std::nullopt;
  const auto careful = element_end(token.end_at);
  if (!careful) return CibSplitError{"unexpected end of document", open};
  if (*careful == *quick) return refused;
  if (auto bad = check_utf8(*quick, *careful)) return bad;
  end = *careful;
  return give(open, *careful, on_child);
}

std::optional<CibSplitError> CibSplitter::split(const StatusChild& on_child) {
  int depth = 0;
  bool in_status = false;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t open = doc_.find('<', pos);
    if (open == std::string_view::npos) return keep_outside(doc_.size());
    const auto token = token_at(open);
    if (!token) return CibSplitError{"unexpected end of document", open};
    if (in_status && depth == 2 && (token->kind == Token::start || token->kind == Token::empty)) {
      if (auto bad = keep_outside(open)) return bad;
      std::size_t end = 0;
      if (auto bad = hand_over(open, *token, on_child, end)) return bad;
      kept_to_ = pos = end;
      cuts_.emplace_back(outside_.size(), end);
      continue;
    }
    if (token->kind == Token::start) {
      if (depth == 1 && doc_.substr(open + 1, token->name_size) == "status") in_status = true;
      ++depth;
    } else if (token->kind == Token::end) {
      --depth;
      if (depth <= 1) in_status = false;
    }
    pos = token->end_at;
  }
}

std::size_t CibSplitter::document_offset(std::size_t outside_offset) const {
  // The last cut at or before the offset: bytes after it are shifted by what was removed.
  auto after = std::upper_bound(cuts_.begin(), cuts_.end(), outside_offset,
                                [](std::size_t o, const auto& cut) { return o < cut.first; });
  if (after == cuts_.begin()) return outside_offset;
  const auto& [cut_outside, cut_document] = *std::prev(after);
  return cut_document + (outside_offset - cut_outside);
}

}  // namespace halab
