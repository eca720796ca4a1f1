#include "sluis/workflow/toewijzing.h"

#include <gtest/gtest.h>

#include "sluis/codecs/rules.h"
#include "sluis/codecs/xsd.h"

#include "test_env.h"

namespace sluis::workflow {
namespace {

codecs::Bericht301 Official301() {
  const auto b = codecs::ParseBericht(
      testing::ReadFile(testing::SharedDir() + "/istandaarden/iwmo-3.2/WMO301.xml"));
  EXPECT_TRUE(b);
  return std::get<codecs::Bericht301>(*b);
}

TEST(ToewijzingTest, FromTheOfficial301) {
  const Toewijzing301 t = FromBericht301(Official301());
  EXPECT_EQ(t.client.gemeente.str(), "0384");
  EXPECT_EQ(t.client.bsn.str(), "999900006");
  EXPECT_EQ(t.client.achternaam, "Wit");
  EXPECT_EQ(t.client.voorvoegsel, "de");
  EXPECT_EQ(t.client.geslacht, "1");
  ASSERT_FALSE(t.versies.empty());
  const ToewijzingVersie& last = t.versies.back();
  EXPECT_EQ(last.nummer.value(), 101);
  EXPECT_EQ(last.agb.str(), "42420001");
  EXPECT_EQ(last.product->code, "01A01");
  EXPECT_EQ(last.omvang->eenheid, "01");
  EXPECT_EQ(last.einddatum, codecs::Date::Parse("2023-12-31"));
}

TEST(ToewijzingTest, TheFullSet301WeBuildValidates) {
  const Toewijzing301 t = FromBericht301(Official301());
  std::vector<ToewijzingVersie> actueel = t.versies;
  std::reverse(actueel.begin(), actueel.end());  // sorted by nummer in the message
  const codecs::Bericht301 b = MaakBericht301(
      t.client, actueel, "S00000000001", *codecs::Date::Parse("2026-01-05"), {"1.0.0", "1.0.0"});
  EXPECT_EQ(b.header.aanbieder.str(), "42420001");
  for (size_t i = 1; i < b.client.toegewezen_producten.size(); ++i) {
    EXPECT_LT(b.client.toegewezen_producten[i - 1].toewijzing_nummer.value(),
              b.client.toegewezen_producten[i].toewijzing_nummer.value());
  }
  static auto schemas = *codecs::SchemaSet::Load(testing::SharedDir());
  const std::string xml = codecs::EncodeBericht(b);
  for (const auto& e :
       schemas->ValidatePayload(codecs::Domein::kWmo, codecs::BerichtType::k301, xml)) {
    ADD_FAILURE() << e.message << " " << e.location;
  }
  for (const auto& v : codecs::CheckLevel2(b)) ADD_FAILURE() << v.rule << " " << v.message;
  // And it reads back to the same client and toewijzingen.
  const Toewijzing301 again = FromBericht301(b);
  EXPECT_EQ(again.client, t.client);
  EXPECT_EQ(again.versies.size(), t.versies.size());
}

TEST(ToewijzingTest, NewerThanFollowsIv013) {
  ToewijzingVersie a, b;
  a.toewijzingsdatum = b.toewijzingsdatum = *codecs::Date::Parse("2026-01-05");
  a.toewijzingstijd = *codecs::TimeOfDay::Make(10, 0, 0);
  b.toewijzingstijd = *codecs::TimeOfDay::Make(10, 0, 1);
  EXPECT_TRUE(b.NewerThan(a));
  EXPECT_FALSE(a.NewerThan(b));
  EXPECT_FALSE(a.NewerThan(a));
  a.toewijzingsdatum = *codecs::Date::Parse("2026-01-06");
  EXPECT_TRUE(a.NewerThan(b));
}

}  // namespace
}  // namespace sluis::workflow
