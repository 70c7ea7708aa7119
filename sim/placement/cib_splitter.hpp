// Reads a CIB in chunks and hands over the elements directly inside the root's <status>
// one at a time, keeping only the rest of the document (the configuration) as text.
// The status section is most of a CIB with history (30 MB for 32 nodes × 2,000
// resources, each probed on each node) and a DOM of it several times that; split this
// way, the largest piece in memory is one node's <node_state>.
//
// Element boundaries are found with XML 1.0's lexical rules alone (§2.5 comments, §2.6
// processing instructions, §2.7 CDATA sections, §2.8 the document type declaration,
// §3.1 start-, end- and empty-element tags, whose attribute values may hold '>'); the
// well-formedness of each piece is left to the parser that reads it (pugixml). A child of
// <status> is first taken to end at the first end tag with its name (a substring search:
// ~2 ms for 33 MB, where the token-by-token scan takes ~25 ms); if that end tag was in a
// comment, a CDATA section, an attribute value or a nested element of the same name, the
// text up to it is not well-formed, the reader refuses it, and the token scan decides.
// Every byte is checked to be UTF-8, as libxml2 (Pacemaker's parser) requires.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace halab {

struct CibSplitError {
  std::string message;  // "invalid UTF-8", "unexpected end of document", …
  std::size_t offset;   // in the document
};

class CibSplitter {
 public:
  // Called with each element directly inside <status>: its text (writable, so that it
  // can be parsed in place; valid during the call). Returns an error (the parser's, its
  // offset within the text) when the text is not a well-formed element: the split then
  // looks for the element's end token by token, and stops with the error if that is
  // where it was.
  using StatusChild = std::function<std::optional<CibSplitError>(char* text, std::size_t size)>;

  explicit CibSplitter(std::istream& in);

  // Reads the whole input. On success the document without the children of <status>
  // (its start and end tags stay) is in outside().
  std::optional<CibSplitError> split(const StatusChild& on_child);

  std::string& outside() { return outside_; }
  // Where a byte of outside() was in the document.
  std::size_t document_offset(std::size_t outside_offset) const;

 private:
  // Positions are offsets in the document; buf_ holds [base_, base_ + size_).
  struct Token {
    enum Kind { start, empty, end, other } kind = other;
    std::size_t end_at = 0;  // just past the token
    std::size_t name_size = 0;  // of a start, empty or end tag
  };
  // The token at b[0] == '<' (end_at counted from b[0]), or nullopt when it goes on past
  // the end of b (XML 1.0 §2.5–2.8, §3.1).
  static std::optional<Token> scan_token(std::string_view b);
  bool read_more();
  // The token at buf_[at] == '<', reading more input as needed; nullopt at end of input.
  std::optional<Token> token_at(std::size_t at);
  // The end of the element whose start tag ends at `after_start_tag`, token by token.
  std::optional<std::size_t> element_end(std::size_t after_start_tag);
  // Just past the first `</name S? >` from `after_start_tag`.
  std::optional<std::size_t> quick_element_end(std::size_t after_start_tag, std::string_view name);
  // Hands the element at `open` to on_child and sets `end` just past it.
  std::optional<CibSplitError> hand_over(std::size_t open, const Token& token, const StatusChild& on_child, std::size_t& end);
  std::optional<CibSplitError> give(std::size_t open, std::size_t end, const StatusChild& on_child);
  std::optional<CibSplitError> keep_outside(std::size_t until);
  std::optional<CibSplitError> check_utf8(std::size_t from, std::size_t until);
  std::optional<std::size_t> next_tag_open(std::size_t from);
  char* at(std::size_t offset) { return buf_.get() + (offset - base_); }
  std::size_t buffered_to() const { return base_ + size_; }

  std::istream& in_;
  std::unique_ptr<char[]> buf_;  // not zeroed: only [0, size_) is ever read
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::size_t base_ = 0;     // document offset of buf_[0]
  std::size_t kept_to_ = 0;  // buf_ before this index is in outside_ or was handed over
  bool eof_ = false;
  std::string outside_;
  std::string piece_;  // the element being handed over: a copy, as a reader may parse it in place
  // (outside offset, document offset) where a removed child ended: outside_ is the
  // document with these cuts.
  std::vector<std::pair<std::size_t, std::size_t>> cuts_;
};

}  // namespace halab
