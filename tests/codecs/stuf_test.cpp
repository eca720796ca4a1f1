#include "sluis/codecs/stuf.h"

#include <gtest/gtest.h>

#include "sluis/codecs/limits.h"
#include "sluis/codecs/xsd.h"

#include "test_env.h"

namespace sluis::codecs::stuf {
namespace {

using testing::ReadFile;

std::string Sample(const std::string& name) {
  return ReadFile(testing::SharedDir() +
                  "/istandaarden/stuf-ggk0210-patch04-v3/voorbeeldberichten/" + name);
}

const SchemaSet& Schemas() {
  static auto s = *SchemaSet::Load(testing::SharedDir());
  return *s;
}

TEST(StufTest, AllFourSamplesParseReEncodeValidateAndParseBackEqual) {
  for (const char* name :
       {"envelopHeenbericht-ggk_Di01_v21-xml.xml", "envelopHeenbericht-ggk_Di01_v21-tekst.xml",
        "envelopRetourbericht-ggk_Du01-v21.xml", "Fo01.xml"}) {
    SCOPED_TRACE(name);
    const std::string text = Sample(name);
    EXPECT_TRUE(Schemas().Validate(SchemaKind::kStufGgk, text).empty());
    const auto parsed = Parse(text);
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    const std::string encoded = std::visit([](const auto& b) { return Encode(b); }, *parsed);
    const auto errors = Schemas().Validate(SchemaKind::kStufGgk, encoded);
    EXPECT_TRUE(errors.empty()) << errors[0].ToString() << "\n" << encoded;
    const auto again = Parse(encoded);
    ASSERT_TRUE(again);
    EXPECT_TRUE(*again == *parsed);
  }
}

TEST(StufTest, Di01FieldsAndPayload) {
  const auto parsed = Parse(Sample("envelopHeenbericht-ggk_Di01_v21-xml.xml"));
  ASSERT_TRUE(parsed);
  const Envelope& e = std::get<Envelope>(*parsed);
  EXPECT_EQ(e.soort, Soort::kDi01);
  EXPECT_EQ(e.zender.organisatie, "0548");
  EXPECT_EQ(e.ontvanger.applicatie, "GGk");
  EXPECT_EQ(e.referentienummer, "9c0f7b90-5c69-41e5-a837-0800200c9a66");
  EXPECT_EQ(e.functie, "WMO301");
  EXPECT_EQ(e.payload, "Hier staat een iWmo/iJw-heenbericht.");
  EXPECT_FALSE(e.tekst_bestandsnaam);
  const auto du = std::get<Envelope>(*Parse(Sample("envelopRetourbericht-ggk_Du01-v21.xml")));
  EXPECT_EQ(du.cross_refnummer, "9c0f7b90-5c69-41e5-a837-0800200c9a66");
  const auto tekst =
      std::get<Envelope>(*Parse(Sample("envelopHeenbericht-ggk_Di01_v21-tekst.xml")));
  EXPECT_EQ(tekst.tekst_bestandsnaam, "AanleveringQ1.csv");
}

TEST(StufTest, Stuf055AnswersAPayloadThatFailsItsXsd) {
  const auto di = std::get<Envelope>(*Parse(Sample("envelopHeenbericht-ggk_Di01_v21-xml.xml")));
  const Fo01 f =
      MakeStuf055(di, {"0363", "Sluis", std::nullopt, std::nullopt},
                  UuidV4FromBytes({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
                  "20260205101530123", std::string(300, 'x'));
  EXPECT_EQ(f.code, "StUF055");
  EXPECT_EQ(f.plek, "client");
  EXPECT_EQ(f.cross_refnummer, di.referentienummer);
  EXPECT_EQ(f.ontvanger, di.zender);
  EXPECT_EQ(f.details, "WMO301-00040003");
  EXPECT_EQ(f.omschrijving.size(), 200u);
  const std::string text = Encode(f);
  EXPECT_TRUE(Schemas().Validate(SchemaKind::kStufGgk, text).empty());
}

TEST(StufTest, UuidsAndTijdstip) {
  const std::string u = UuidV4FromBytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                         0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
  EXPECT_EQ(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
  EXPECT_TRUE(IsUuidV4(u));
  EXPECT_FALSE(IsUuidV4("9c0f7b90-5c69-11e5-a837-0800200c9a66"));  // version 1
  EXPECT_FALSE(IsUuidV4("9C0F7B90-5C69-41E5-A837-0800200C9A66"));  // upper case
  const Instant t = *ParseXsDateTime("2026-02-05T09:15:30.123Z");
  EXPECT_EQ(Tijdstip(t, 3'600'000), "20260205101530123");
}

TEST(StufTest, HostileEnvelopes) {
  EXPECT_FALSE(
      Parse("<GGK:envelopHeenbericht-ggk_Di01 xmlns:GGK=\"" + std::string(kNsGgk) + "\"/>"));
  std::string bad_b64 = Sample("envelopHeenbericht-ggk_Di01_v21-xml.xml");
  bad_b64.replace(bad_b64.find("SGllc"), 5, "!!!!!");
  const auto r = Parse(bad_b64);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kMalformed);
  std::string huge(kMaxMessageBytes + 1, ' ');
  const auto big = Parse(huge);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().kind, ErrorKind::kLimit);
}

}  // namespace
}  // namespace sluis::codecs::stuf
