#include "sluis/codecs/answer.h"

#include <gtest/gtest.h>

#include "sluis/codecs/rules.h"
#include "sluis/codecs/xsd.h"

#include "test_env.h"

namespace sluis::codecs {
namespace {

using testing::ReadFile;

const SchemaSet& Schemas() {
  static auto s = *SchemaSet::Load(testing::SharedDir());
  return *s;
}

AnswerIdentity Id() {
  return {"R2602100001",
          *Date::Parse("2026-02-10"),
          {"1.0.0", "1.0.0"},
          std::string(kLevel2RulesVersion)};
}

TEST(AnswerTest, Level2FailureGetsAHeaderOnly0001RetourThatValidates) {
  // A 305 that breaks OP033x2 (StatusAanlevering 2).
  const std::string text =
      ReadFile(testing::SourceDir() + "/tests/data/level2/305-OP033x2/fail.xml");
  const auto heen = ParseBericht(text);
  ASSERT_TRUE(heen);
  ASSERT_FALSE(CheckLevel2(*heen).empty());
  const auto retour = MakeHeaderOnlyRetour(*heen, Id(), {"0001"});
  ASSERT_TRUE(retour);
  ASSERT_EQ(TypeOf(*retour), BerichtType::k306);
  const auto& r = std::get<Bericht306>(*retour);
  EXPECT_EQ(r.header.heen, HeaderOf(*heen));  // IV028: copied unchanged
  EXPECT_FALSE(r.client);
  EXPECT_EQ(r.header.retour_codes, RetourCodes{"0001"});
  EXPECT_EQ(r.header.xslt_versie, "1.0.0");
  const std::string xml = EncodeBericht(*retour);
  const auto errors = Schemas().ValidatePayload(Domein::kWmo, BerichtType::k306, xml);
  EXPECT_TRUE(errors.empty()) << errors[0].ToString() << "\n" << xml;
  // The header keeps the aanbieder as Afzender (306: LDT_AgbCode).
  EXPECT_NE(xml.find("<wmo306:Afzender>42420001</wmo306:Afzender>"), std::string::npos);
}

TEST(AnswerTest, FullyApprovedRetourHasNoRetourCodes) {
  const auto heen =
      ParseBericht(ReadFile(testing::SharedDir() + "/istandaarden/iwmo-3.2/WMO315.xml"));
  ASSERT_TRUE(heen);
  const auto retour = MakeHeaderOnlyRetour(*heen, Id(), {});
  ASSERT_TRUE(retour);
  const std::string xml = EncodeBericht(*retour);
  EXPECT_EQ(xml.find("RetourCodes"), std::string::npos);
  EXPECT_TRUE(Schemas().ValidatePayload(Domein::kWmo, BerichtType::k316, xml).empty());
}

TEST(AnswerTest, HeaderOnly325RefersToThe323) {
  const auto parsed =
      ParseBericht(ReadFile(testing::SharedDir() + "/istandaarden/ijw-3.2/JW323.xml"));
  ASSERT_TRUE(parsed);
  const auto& d = std::get<Bericht323>(*parsed);
  const Bericht325 a = MakeHeaderOnly325(d, Id(), {"0001"});
  EXPECT_EQ(a.header.declaratie_identificatie, d.header.bericht_identificatie);  // TR337
  EXPECT_EQ(a.header.xsd_versie_declaratie, d.header.xsd_versie);                // TR371
  EXPECT_FALSE(a.declaratie_antwoord);
  const std::string xml = EncodeBericht(Bericht(a));
  const auto errors = Schemas().ValidatePayload(Domein::kJeugd, BerichtType::k325, xml);
  EXPECT_TRUE(errors.empty()) << errors[0].ToString();
}

TEST(AnswerTest, DeclaratieHasNoRetour) {
  const auto parsed =
      ParseBericht(ReadFile(testing::SharedDir() + "/istandaarden/iwmo-3.2/WMO323.xml"));
  ASSERT_TRUE(parsed);
  EXPECT_FALSE(MakeHeaderOnlyRetour(*parsed, Id(), {"0001"}));
}

}  // namespace
}  // namespace sluis::codecs
