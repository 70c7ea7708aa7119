// Hands over the elements directly inside a CIB's root's <status> one at a time, and keeps
// the rest of the document (the configuration) as text. The status section is most of a
// CIB with history (30 MB for 32 nodes × 2,000 resources, each probed on each node) and a
// DOM of it several times that; split this way, the largest piece parsed is one node's
// <node_state>. The document itself is read where it lies (a mapped file: mapped_file.hpp).
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

  // The document must outlive the splitter.
  explicit CibSplitter(std::string_view document) : doc_(document) {}

  // Splits the whole document. On success the document without the children of <status>
  // (its start and end tags stay) is in outside().
  std::optional<CibSplitError> split(const StatusChild& on_child);

  std::string& outside() { return outside_; }
  // Where a byte of outside() was in the document.
  std::size_t document_offset(std::size_t outside_offset) const;

 private:
  // Positions are offsets in the document.
  struct Token {
    enum Kind { start, empty, end, other } kind = other;
    std::size_t end_at = 0;  // just past the token
    std::size_t name_size = 0;  // of a start, empty or end tag
  };
  // The token at doc_[open] == '<', or nullopt when it goes on past the end of the
  // document (XML 1.0 §2.5–2.8, §3.1).
  std::optional<Token> token_at(std::size_t open) const;
  // The end of the element whose start tag ends at `after_start_tag`, token by token.
  std::optional<std::size_t> element_end(std::size_t after_start_tag) const;
  // Just past the first `</name S? >` from `after_start_tag`.
  std::optional<std::size_t> quick_element_end(std::size_t after_start_tag, std::string_view name) const;
  // Hands the element at `open` to on_child and sets `end` just past it.
  std::optional<CibSplitError> hand_over(std::size_t open, const Token& token, const StatusChild& on_child, std::size_t& end);
  std::optional<CibSplitError> give(std::size_t open, std::size_t end, const StatusChild& on_child);
  std::optional<CibSplitError> keep_outside(std::size_t until);
  std::optional<CibSplitError> check_utf8(std::size_t from, std::size_t until) const;

  std::string_view doc_;
  std::size_t kept_to_ = 0;  // the document before this offset is in outside_ or was handed over
  std::string outside_;
  std::string piece_;  // the element being handed over: a copy, as a reader may parse it in place
  // (outside offset, document offset) where a removed child ended: outside_ is the
  // document with these cuts.
  std::vector<std::pair<std::size_t, std::size_t>> cuts_;
};

}  // namespace halab
