#include "sim/scenario/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace halab {

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t i = 0;
  while (i < text.size()) {
    // ASCII 32 and 8 bytes at a time: most of a CIB or a scenario is ASCII.
    std::uint64_t w[4];
    if (i + 32 <= text.size() && (std::memcpy(w, text.data() + i, 32), ((w[0] | w[1] | w[2] | w[3]) & kHigh) == 0)) {
      i += 32;
      continue;
    }
    if (i + 8 <= text.size() && (std::memcpy(w, text.data() + i, 8), (w[0] & kHigh) == 0)) {
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return i;
    std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc >> 6) != 0x2) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const std::uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;  // overlong, surrogate
    i += len;
  }
  return std::nullopt;
}

}  // namespace halab
