#include "sluis/codecs/retourcodes.h"

#include <gtest/gtest.h>

namespace sluis::codecs {
namespace {

constexpr char kXsd[] = R"(<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="LDT_RetourCode">
    <xs:restriction base="xs:string">
      <xs:enumeration value="9321"><xs:annotation><xs:documentation>Het ingediende
        volume overschrijdt het toegewezen volume.</xs:documentation></xs:annotation>
      </xs:enumeration>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="LDT_RedenAfwijzingVerzoek">
    <xs:restriction base="xs:string">
      <xs:enumeration value="3"><xs:annotation><xs:documentation>Geen contract</xs:documentation>
      </xs:annotation></xs:enumeration>
      <xs:enumeration value="8"><xs:annotation><xs:documentation>Woonplaatsbeginsel</xs:documentation>
      </xs:annotation></xs:enumeration>
    </xs:restriction>
  </xs:simpleType>
</xs:schema>)";

TEST(RetourcodesTest, RetourcodeTextsWithTheLineBreaksCollapsed) {
  const auto texts = ParseRetourcodeTexts(kXsd);
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts.at("9321"), "Het ingediende volume overschrijdt het toegewezen volume.");
}

TEST(RetourcodesTest, AnyEnumeratedTypeByName) {
  const auto redenen = ParseEnumerationTexts(kXsd, "LDT_RedenAfwijzingVerzoek");
  ASSERT_EQ(redenen.size(), 2u);
  EXPECT_EQ(redenen.at("3"), "Geen contract");
  EXPECT_EQ(redenen.at("8"), "Woonplaatsbeginsel");
  EXPECT_TRUE(ParseEnumerationTexts(kXsd, "LDT_Onbekend").empty());
  // A name with a quote cannot break out of the XPath expression.
  EXPECT_TRUE(ParseEnumerationTexts(kXsd, "x' or '1'='1").empty());
  EXPECT_TRUE(ParseEnumerationTexts("geen xml", "LDT_RetourCode").empty());
}

}  // namespace
}  // namespace sluis::codecs
