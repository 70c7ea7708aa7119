// Well-formed UTF-8 (RFC 3629): what JSON (RFC 8259) and XML documents must be, checked
// before text read from a user's file goes into one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace halab {

// The offset of the first byte that is not well-formed UTF-8 (a stray continuation byte,
// a truncated sequence, an overlong form, a surrogate, beyond U+10FFFF), if any.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

}  // namespace halab
