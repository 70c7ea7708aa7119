// The three configuration syntaxes, with the lines statements start on.
#include "sim/import/config_text.hpp"

#include "models/rng.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace halab {
namespace {

TEST(ConfigText, NginxStatementsEndAtSemicolonsAndBlocks) {
  std::vector<std::string> errors;
  const auto st = parse_config("http {\n  upstream app { server 10.0.0.1:80 weight=2;\n server \"a b\"; }\n  # comment\n}\n",
                               ConfigSyntax::nginx, "n.conf", errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(st.size(), 1u);
  ASSERT_EQ(st[0].block.size(), 1u);
  const auto& up = st[0].block[0];
  EXPECT_EQ(up.words, (std::vector<std::string>{"upstream", "app"}));
  EXPECT_EQ(up.line, 2);
  ASSERT_EQ(up.block.size(), 2u);
  EXPECT_EQ(up.block[0].words.size(), 3u);
  EXPECT_EQ(up.block[1].words[1], "a b");
  EXPECT_EQ(up.block[1].line, 3);
}

TEST(ConfigText, KeepalivedStatementsEndAtNewlinesAndBracesMayComeNext) {
  std::vector<std::string> errors;
  const auto st = parse_config("! comment\nvrrp_instance VI_1\n{\n  priority 100 # why\n  nopreempt\n  virtual_ipaddress {\n"
                               "    10.0.0.80/24 dev eth0\n  }\n}\n",
                               ConfigSyntax::keepalived, "k.conf", errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].line, 2);
  ASSERT_EQ(st[0].block.size(), 3u);
  EXPECT_EQ(st[0].block[0].words, (std::vector<std::string>{"priority", "100"}));
  EXPECT_EQ(st[0].block[1].words.front(), "nopreempt");
  EXPECT_EQ(st[0].block[2].block.at(0).words.size(), 3u);
  EXPECT_EQ(st[0].block[2].block.at(0).line, 7);
}

TEST(ConfigText, LinesHaveNoBlocks) {
  std::vector<std::string> errors;
  const auto st = parse_config("port 26379\n\nsentinel auth-pass m \"p w\"\n", ConfigSyntax::lines, "s.conf", errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(st.size(), 2u);
  EXPECT_EQ(st[1].line, 3);
  EXPECT_EQ(st[1].words.back(), "p w");
}

TEST(ConfigText, ReportsUnbalancedBracesAndOpenQuotesWithLines) {
  std::vector<std::string> errors;
  parse_config("a {\n b;\n", ConfigSyntax::nginx, "x.conf", errors);
  parse_config("}\n", ConfigSyntax::keepalived, "y.conf", errors);
  parse_config("x \"open\n", ConfigSyntax::lines, "z.conf", errors);
  parse_config("a b\n", ConfigSyntax::nginx, "w.conf", errors);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0], "x.conf:1: the block opened here is not closed");
  EXPECT_EQ(errors[1], "y.conf:1: a '}' closes no block");
  EXPECT_EQ(errors[2], "z.conf:1: a quoted word is not closed");
  EXPECT_EQ(errors[3], "w.conf:1: \"a\" is not ended by ';'");
}

// Arbitrary bytes (control characters, NULs, stray quotes and braces) always end: every
// byte is consumed, whatever the syntax.
TEST(ConfigText, AnyBytesEndInStatementsOrErrors) {
  Rng rng(5);
  for (int round = 0; round < 3000; ++round) {
    std::string text(static_cast<std::size_t>(rng.uniform01() * 200), '\0');
    for (auto& c : text) c = static_cast<char>(static_cast<int>(rng.uniform01() * 256) - 128);
    for (const auto syntax : {ConfigSyntax::nginx, ConfigSyntax::keepalived, ConfigSyntax::lines}) {
      std::vector<std::string> errors;
      parse_config(text, syntax, "r.conf", errors);
    }
  }
  std::vector<std::string> errors;
  const auto st = parse_config("a\vb\fc;\n", ConfigSyntax::nginx, "v.conf", errors);
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].words, (std::vector<std::string>{"a", "b", "c"}));
}

// A name that is not UTF-8 cannot go into a JSON scenario: refused at reading, with the
// line (libFuzzer found the importers dumping such a name: exit 70).
TEST(ConfigText, ReadingRefusesBytesThatAreNotUtf8) {
  const std::string path = ::testing::TempDir() + "latin1.conf";
  std::ofstream(path, std::ios::binary) << "a b;\nserver caf\xE9;\n";
  std::string text;
  std::vector<std::string> errors;
  EXPECT_FALSE(read_config_file(path, text, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], path + ":2: not UTF-8 text (byte 15)");
  std::ofstream(path, std::ios::binary) << "server caf\xC3\xA9;\n";
  errors.clear();
  EXPECT_TRUE(read_config_file(path, text, errors));
  EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace halab
