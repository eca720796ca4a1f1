#include "xml/xml_input.h"

#include <string>

#include <gtest/gtest.h>

#include "sluis/codecs/base64.h"
#include "sluis/codecs/limits.h"

#include "xml/xml_tree.h"

namespace sluis::codecs::xml {
namespace {

TEST(Utf8Test, AcceptsValidAndRefusesBroken) {
  EXPECT_TRUE(CheckUtf8("Café €5 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(CheckUtf8("\xC3"));              // truncated
  EXPECT_FALSE(CheckUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(CheckUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(CheckUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(CheckUtf8("a\x01z"));            // control character
  EXPECT_TRUE(CheckUtf8("tab\tcr\rlf\n"));
  EXPECT_EQ(CheckUtf8("ab\xFF").error().location, "byte 2");
}

TEST(Utf8Test, NamesWhatIsWrong) {
  const auto message = [](std::string_view s) {
    const Status st = CheckUtf8(s);
    return st ? std::string("ok") : st.error().ToString();
  };
  EXPECT_EQ(message("ab\xE2\x82"), "XML byte 2: truncated UTF-8 sequence");
  EXPECT_EQ(message("ab\xE2\x41z"), "XML byte 2: invalid UTF-8");  // not a continuation byte
  EXPECT_EQ(message("\xF8\x80"), "XML byte 0: invalid UTF-8");     // no such lead byte
  EXPECT_EQ(message("a\xED\xA0\x80"), "XML byte 1: invalid UTF-8 code point");  // surrogate
  EXPECT_EQ(message("a\xEF\xBF\xBE"), "XML byte 1: invalid UTF-8 code point");  // U+FFFE
  EXPECT_EQ(message("a\xEF\xBF\xBD"), "ok");  // U+FFFD is an XML character
}

TEST(DoctypeTest, RefusedInTheProlog) {
  const Status s = CheckNoDoctype(
      "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE x [<!ENTITY e SYSTEM "
      "\"file:///etc/passwd\">]>"
      "<x>&e;</x>");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(s.error().location, "line 3");
  // The same text inside an element is character data, not a DOCTYPE.
  EXPECT_TRUE(CheckNoDoctype("<x><![CDATA[<!DOCTYPE y>]]></x>"));
}

TEST(ParseTest, BillionLaughsNeverExpands) {
  std::string bomb = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i < 10; ++i) {
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k)
      bomb += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    bomb += "\">";
  }
  bomb += "]><lolz>&lol9;</lolz>";
  pugi::xml_document doc;
  const Status s = Parse(bomb, doc, kMaxMessageBytes);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kForbidden);
}

TEST(ParseTest, DepthAndSizeLimits) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<a>";
  for (int i = 0; i < 300; ++i) deep += "</a>";
  pugi::xml_document doc;
  Status s = Parse(deep, doc, kMaxMessageBytes);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, "DEPTH");

  std::string ok;
  for (int i = 0; i < 200; ++i) ok += "<a>";
  for (int i = 0; i < 200; ++i) ok += "</a>";
  EXPECT_TRUE(Parse(ok, doc, kMaxMessageBytes));
  EXPECT_EQ(MaxDepth(doc), 200);

  s = Parse("<a/>", doc, 3);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kLimit);
}

TEST(CharReferenceTest, OnlyXmlCharacters) {
  // pugixml decodes any reference; &#0; would cut the value short.
  for (const char* bad :
       {"<a>&#0;x</a>", "<a>&#1;</a>", "<a>&#x1F;</a>", "<a>&#xFFFE;</a>", "<a>&#xD800;</a>",
        "<a>&#x110000;</a>", "<a>&#99999999999999;</a>", "<a b=\"&#x0;\"/>", "<a>\n\n&#8;</a>"}) {
    const Status s = CheckCharReferences(bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().kind, ErrorKind::kMalformed) << bad;
  }
  EXPECT_EQ(CheckCharReferences("<a>\n\n&#8;</a>").error().location, "line 3");
  EXPECT_EQ(CheckCharReferences("<a>&#x1F;</a>").error().message,
            "character reference &#x1F; is not an XML character");
  for (const char* good :
       {"<a>&#9;&#10;&#13;&#x20;&#xE9;&#x1F600;&#xFFFD;</a>", "<a><![CDATA[&#0;]]></a>",
        "<a><!-- &#1; --></a>", "<?pi &#1;?><a/>", "<a>&amp;#0;</a>", "<a>&#;&#x;</a>"}) {
    EXPECT_TRUE(CheckCharReferences(good)) << good;
  }
  pugi::xml_document doc;
  EXPECT_EQ(Parse("<a>cpa&#0;evil</a>", doc, 100).error().kind, ErrorKind::kMalformed);
  ASSERT_TRUE(Parse("<a><![CDATA[&#0;]]>&#xE9;</a>", doc, 100));
  EXPECT_STREQ(doc.document_element().first_child().value(), "&#0;");
}

TEST(ParseTest, NotWellFormedSaysWhere) {
  pugi::xml_document doc;
  const Status s = Parse("<a>\n<b>\n</a>", doc, 100);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kMalformed);
  EXPECT_EQ(s.error().location, "line 3");
}

TEST(NamespaceTest, ResolvesPrefixesAndDefaults) {
  pugi::xml_document doc;
  ASSERT_TRUE(
      Parse("<p:a xmlns:p=\"urn:p\" xmlns=\"urn:d\"><b/><p:c x:y=\"1\" xmlns:x=\"urn:x\"/></p:a>",
            doc, 1000));
  const pugi::xml_node a = doc.document_element();
  EXPECT_EQ(NamespaceOf(a), "urn:p");
  EXPECT_EQ(NamespaceOf(a.child("b")), "urn:d");
  const pugi::xml_node c = Child(a, "urn:p", "c");
  ASSERT_TRUE(c);
  EXPECT_STREQ(Attribute(c, "urn:x", "y").value(), "1");
  NamespaceScope scope;
  const int n = scope.Push(a);
  EXPECT_EQ(n, 2);
  EXPECT_TRUE(scope.Is(a, "urn:p", "a"));
  scope.Pop(n);
  EXPECT_EQ(scope.Resolve("p"), "");
}

TEST(WriterTest, CrlfIndentAndEscaping) {
  std::string out;
  Writer w(out);
  w.Declaration();
  w.Open("a", {{"k", "x\"<y"}});
  w.Leaf("b", "1 < 2 & \"3\"\nnext");
  w.Close("a");
  EXPECT_EQ(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<a k=\"x&quot;&lt;y\">\r\n"
            "  <b>1 &lt; 2 &amp; \"3\"\r\nnext</b>\r\n</a>\r\n");
}

TEST(Base64Test, RoundTripsAndRefusesGarbage) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    const auto d = Base64Decode(Base64Encode(s));
    ASSERT_TRUE(d) << s;
    EXPECT_EQ(*d, s);
  }
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(*Base64Decode("Zm9v\r\nYmFy"), "foobar");
  EXPECT_FALSE(Base64Decode("Zm9v!"));
  EXPECT_FALSE(Base64Decode("Zm9"));
  EXPECT_FALSE(Base64Decode("Zg==Zg=="));
}

}  // namespace
}  // namespace sluis::codecs::xml
