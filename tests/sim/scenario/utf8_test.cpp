#include "sim/scenario/utf8.hpp"

#include <gtest/gtest.h>

namespace halab {
namespace {

TEST(Utf8, FindsTheFirstBadByteWhereverItFallsInAWord) {
  // The ASCII fast path reads eight bytes at a time: a bad byte at every phase.
  for (std::size_t at = 0; at < 24; ++at) {
    std::string text(30, 'a');
    text[at] = '\x80';
    EXPECT_EQ(invalid_utf8_at(text), at) << at;
  }
}

TEST(Utf8, AcceptsWellFormedSequencesAndRefusesMalformedOnes) {
  EXPECT_EQ(invalid_utf8_at("plain ascii, long enough for words"), std::nullopt);
  EXPECT_EQ(invalid_utf8_at("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 end of text"), std::nullopt);
  EXPECT_EQ(invalid_utf8_at("abcdefgh\xC0\xAF"), 8u);          // overlong '/'
  EXPECT_EQ(invalid_utf8_at("abc\xED\xA0\x80"), 3u);           // a surrogate
  EXPECT_EQ(invalid_utf8_at("abcdefghij\xF4\x90\x80\x80"), 10u);  // beyond U+10FFFF
  EXPECT_EQ(invalid_utf8_at("abcdefg\xE2\x82"), 7u);           // cut short
}

}  // namespace
}  // namespace halab
