#include "sim/placement/cib_splitter.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <functional>
#include <memory>

namespace halab {
namespace {

struct Split {
  std::optional<CibSplitError> error;
  std::vector<std::string> children;
  std::string outside;
  std::size_t outside_to_document(std::size_t o) const { return offsets(o); }
  std::function<std::size_t(std::size_t)> offsets;
};

// `text` outlives the split, as the splitter reads it where it lies.
Split split(const std::string& text) {
  auto splitter = std::make_shared<CibSplitter>(text);
  Split out;
  // As the CIB reader does: a child that is not a well-formed element is refused.
  out.error = splitter->split([&](char* t, std::size_t n) -> std::optional<CibSplitError> {
    const std::string given(t, n);
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer_inplace(t, n);
    if (!parsed) return CibSplitError{parsed.description(), static_cast<std::size_t>(parsed.offset)};
    out.children.push_back(given);
    return std::nullopt;
  });
  out.outside = splitter->outside();
  out.offsets = [splitter](std::size_t o) { return splitter->document_offset(o); };
  return out;
}

TEST(CibSplitter, HandsOverTheChildrenOfStatusAndKeepsTheRest) {
  const std::string doc =
      "<?xml version=\"1.0\"?>\n<cib a=\"1\"><configuration><status-like/></configuration>\n"
      "<status>\n  <node_state id=\"1\"><lrm><x/></lrm></node_state>\n  <tickets/>\n</status></cib>\n";
  const Split s = split(doc);
  ASSERT_FALSE(s.error);
  ASSERT_EQ(s.children.size(), 2u);
  EXPECT_EQ(s.children[0], "<node_state id=\"1\"><lrm><x/></lrm></node_state>");
  EXPECT_EQ(s.children[1], "<tickets/>");
  EXPECT_EQ(s.outside,
            "<?xml version=\"1.0\"?>\n<cib a=\"1\"><configuration><status-like/></configuration>\n"
            "<status>\n  \n  \n</status></cib>\n");
  // "</status>" in the outside text is where it was in the document.
  EXPECT_EQ(doc.substr(s.outside_to_document(s.outside.find("</status>")), 9), "</status>");
  EXPECT_EQ(s.outside_to_document(3), 3u);
}

TEST(CibSplitter, FollowsXmlsLexicalRulesNotTheFirstAngleBracket) {
  // '>' and tag-like text inside attribute values, comments, CDATA, processing
  // instructions and a document type declaration's internal subset; an end tag with the
  // child's name in each of them, and in a nested element of the same name.
  const std::vector<std::string> children = {
      "<node_state uname='a>b' note=\"</node_state>\"><![CDATA[</node_state><x>]]><?pi </status> ?>"
      "<!-- </node_state> --><lrm/></node_state>",
      "<node_state><![CDATA[</node_state>]]></node_state >",
      "<node_state><!-- </node_state> --></node_state\n>",
      "<node_state><?pi </node_state>?></node_state>",
      "<node_state><node_state></node_state></node_state>",
      "<node_state><node_statex/></node_state>",
  };
  std::string doc = "<!DOCTYPE cib [ <!ENTITY e \"<status>\"> ]><cib><!-- <status> --><status>";
  for (const auto& c : children) doc += c;
  doc += "</status></cib>";
  const Split s = split(doc);
  ASSERT_FALSE(s.error) << s.error->message;
  EXPECT_EQ(s.children, children);
}

TEST(CibSplitter, StopsAtAChildThatIsNotWellFormed) {
  const std::string doc = "<cib><status><node_state><lrm></x></node_state></status></cib>";
  const Split s = split(doc);
  ASSERT_TRUE(s.error);
  EXPECT_GE(s.error->offset, doc.find("</x>"));
  EXPECT_TRUE(s.children.empty());
}

TEST(CibSplitter, EveryByteIsOutsideOrInOneChild) {
  std::string doc = "<cib><configuration><!--" + std::string(300'000, 'c') + "--></configuration><status>";
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    std::string child = "<node_state id=\"" + std::to_string(i) + "\">";
    for (int k = 0; k < i * 300; ++k) child += "<lrm_resource id=\"r" + std::to_string(k) + "\"/>";
    child += "</node_state>";
    expected.push_back(child);
    doc += child + std::string(static_cast<std::size_t>(i), ' ');
  }
  doc += "</status></cib>";
  const Split s = split(doc);
  ASSERT_FALSE(s.error);
  EXPECT_EQ(s.children, expected);
  EXPECT_EQ(s.outside.size() + [&] { std::size_t n = 0; for (auto& c : expected) n += c.size(); return n; }(), doc.size());
}

TEST(CibSplitter, NamesWhereTheDocumentIsCutShortOrNotUtf8) {
  const std::string cut = "<cib><status><node_state id=\"1\"><lrm>";
  Split s = split(cut);
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->message, "unexpected end of document");
  EXPECT_EQ(s.error->offset, cut.find("<node_state"));

  const std::string unclosed = "<cib><status><node_state id=\"1";
  s = split(unclosed);
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->offset, unclosed.find("<node_state"));

  const std::string bad = "<cib><status><node_state uname=\"caf\xC3\x28\"/></status></cib>";
  s = split(bad);
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->message, "invalid UTF-8");
  EXPECT_EQ(s.error->offset, bad.find('\xC3'));

  const std::string bad_outside = "<cib \xFF><status/></cib>";
  s = split(bad_outside);
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->offset, 5u);
}

TEST(CibSplitter, ReportsTheChildsErrorAtItsPlaceInTheDocument) {
  const std::string doc = "<cib><status><node_state/><node_state id=\"2\"></node_state></status></cib>";
  CibSplitter splitter(doc);
  int seen = 0;
  const auto error = splitter.split([&](char*, std::size_t) -> std::optional<CibSplitError> {
    if (++seen == 2) return CibSplitError{"bad", 4};
    return std::nullopt;
  });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "bad");
  EXPECT_EQ(error->offset, doc.find("<node_state id") + 4);
}

}  // namespace
}  // namespace halab
