// The toewijzing repository as the 301 intake and the API use it: versions round-trip whole,
// the current pointer follows IV013, conflicts (TR332, IV013 ties) refuse the whole batch.
#include <gtest/gtest.h>

#include "sluis/db/connection.h"
#include "sluis/db/toewijzingen.h"

#include "pg_schema.h"

namespace sluis::db {
namespace {

using codecs::Bsn;
using codecs::Date;
using codecs::Domein;
using codecs::GemeenteCode;
using codecs::TimeOfDay;
using codecs::ToewijzingNummer;
using workflow::ClientGegevens;
using workflow::ToewijzingVersie;

ToewijzingVersie Versie(int64_t nummer, const std::string& datum, const std::string& tijd) {
  ToewijzingVersie v;
  v.gemeente = GemeenteCode("0363");
  v.domein = Domein::kWmo;
  v.nummer = ToewijzingNummer(nummer);
  v.agb = codecs::AgbCode("42420001");
  v.bsn = Bsn("999990019");
  v.product = codecs::Product{"01", std::string("01A03")};
  v.toewijzingsdatum = *Date::Parse(datum);
  v.toewijzingstijd = *TimeOfDay::Parse(tijd);
  v.ingangsdatum = *Date::Parse("2025-01-06");
  v.einddatum = Date::Parse("2025-12-31");
  v.omvang = codecs::Omvang{3, "04", "2"};
  return v;
}

ClientGegevens Client() {
  ClientGegevens c;
  c.gemeente = GemeenteCode("0363");
  c.domein = Domein::kWmo;
  c.bsn = Bsn("999990019");
  c.geboortedatum = *Date::Parse("1948-03-12");
  c.geslacht = "2";
  c.achternaam = "Jansen";
  c.voorletters = "AM";
  c.huisnummer = 12;
  c.postcode = "1011AB";
  return c;
}

class ToewijzingRepositoryTest : public ::testing::Test {
 protected:
  SaveVersiesResult Save(const std::vector<ToewijzingVersie>& v,
                         Levering levering = Levering::kTeVerzenden,
                         std::optional<int64_t> bericht = std::nullopt) {
    return SaveVersies(conn_, v, bericht ? Bron::k301 : Bron::kApi, bericht, "api:tester",
                       levering);
  }
  std::optional<ActueleToewijzing> Actueel(int64_t nummer) {
    return LoadActueelByNummer(conn_, GemeenteCode("0363"), Domein::kWmo, ToewijzingNummer(nummer));
  }
  int64_t InsertBericht() {
    return std::stoll(schema_.Query(
        "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie, "
        "dagtekening, payload, state) VALUES ('out', 'wmo', 301, '0363', '42420001', 'T1', "
        "'2025-01-02', '\\x00', 'queued') RETURNING id"));
  }

  testing::TestSchema schema_;
  Connection conn_{schema_.url()};
};

TEST_F(ToewijzingRepositoryTest, EveryFieldRoundTrips) {
  ToewijzingVersie full = Versie(1001, "2025-01-02", "10:00:00.250");
  full.reden_wijziging = "04";
  full.referentie_aanbieder = "REF-1";
  full.commentaar = "met \"quotes\", komma's\nen een regel";
  ToewijzingVersie generiek = Versie(1002, "2025-01-02", "10:00:00");
  generiek.product.reset();
  generiek.omvang.reset();
  generiek.budget = codecs::Cents(50000);
  generiek.einddatum.reset();
  ToewijzingVersie aspecifiek = Versie(1003, "2025-01-02", "10:00:00");
  aspecifiek.product = codecs::Product{"02", std::nullopt};
  aspecifiek.omvang.reset();
  aspecifiek.budget = codecs::Cents(0);

  const SaveVersiesResult r = Save({full, generiek, aspecifiek});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.outcomes, std::vector<VersieOutcome>(3, VersieOutcome::kCurrent));

  const std::vector<ActueleToewijzing> all = LoadActueel(
      conn_, GemeenteCode("0363"), Domein::kWmo, codecs::AgbCode("42420001"), Bsn("999990019"));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].versie, full);
  EXPECT_EQ(all[1].versie, generiek);
  EXPECT_EQ(all[2].versie, aspecifiek);
  EXPECT_EQ(all[0].bron, Bron::kApi);
  EXPECT_EQ(all[0].levering, Levering::kTeVerzenden);
  EXPECT_FALSE(all[0].levering_bericht_id.has_value());
  EXPECT_TRUE(all[0].levering_codes.empty());
  EXPECT_EQ(schema_.Query("SELECT created_by FROM toewijzing_versie WHERE nummer = 1001"),
            "api:tester");
  // Other client, other aanbieder: nothing.
  EXPECT_TRUE(LoadActueel(conn_, GemeenteCode("0363"), Domein::kWmo, codecs::AgbCode("42420002"),
                          Bsn("999990019"))
                  .empty());
  EXPECT_FALSE(Actueel(9999).has_value());
}

TEST_F(ToewijzingRepositoryTest, CurrentFollowsIv013AndDuplicatesAreSkipped) {
  const ToewijzingVersie v1 = Versie(1001, "2025-01-02", "10:00:00");
  ToewijzingVersie v2 = Versie(1001, "2025-03-01", "09:00:00");
  v2.einddatum = Date::Parse("2025-06-30");
  v2.reden_wijziging = "05";
  ToewijzingVersie v0 = Versie(1001, "2024-12-01", "08:00:00");

  EXPECT_EQ(Save({v2, v1}).outcomes,
            (std::vector{VersieOutcome::kCurrent, VersieOutcome::kHistorical}));
  EXPECT_EQ(Save({v0, v2}).outcomes,
            (std::vector{VersieOutcome::kHistorical, VersieOutcome::kDuplicate}));
  EXPECT_EQ(Actueel(1001)->versie, v2);
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM toewijzing_versie"), "3");
  const std::vector<ToewijzingVersie> history =
      LoadVersies(conn_, GemeenteCode("0363"), Domein::kWmo, ToewijzingNummer(1001));
  EXPECT_EQ(history, (std::vector{v0, v1, v2}));
}

TEST_F(ToewijzingRepositoryTest, ANewerVersionResetsTheDelivery) {
  const int64_t bericht = InsertBericht();
  ASSERT_TRUE(Save({Versie(1001, "2025-01-02", "10:00:00")}, Levering::kExtern, bericht).ok());
  std::optional<ActueleToewijzing> a = Actueel(1001);
  EXPECT_EQ(a->levering, Levering::kExtern);
  EXPECT_EQ(a->bron, Bron::k301);
  EXPECT_EQ(a->levering_bericht_id, bericht);
  schema_.Query(
      "UPDATE toewijzing SET levering = 'afgekeurd', levering_codes = '{8001,\"9332\"}', "
      "start_datum = '2025-01-06'");
  a = Actueel(1001);
  EXPECT_EQ(a->levering, Levering::kAfgekeurd);
  EXPECT_EQ(a->levering_codes, (std::vector<std::string>{"8001", "9332"}));

  // An older version changes nothing; a newer one is due to be sent again, care state kept.
  ASSERT_TRUE(Save({Versie(1001, "2024-01-02", "10:00:00")}).ok());
  EXPECT_EQ(Actueel(1001)->levering, Levering::kAfgekeurd);
  ASSERT_TRUE(Save({Versie(1001, "2025-02-02", "10:00:00")}).ok());
  a = Actueel(1001);
  EXPECT_EQ(a->levering, Levering::kTeVerzenden);
  EXPECT_FALSE(a->levering_bericht_id.has_value());
  EXPECT_TRUE(a->levering_codes.empty());
  EXPECT_EQ(a->start_datum, Date::Parse("2025-01-06"));
  EXPECT_EQ(a->versie.toewijzingsdatum, *Date::Parse("2025-02-02"));
}

TEST_F(ToewijzingRepositoryTest, ConflictsRefuseTheWholeBatch) {
  ASSERT_TRUE(Save({Versie(1001, "2025-01-02", "10:00:00")}).ok());

  ToewijzingVersie other_client = Versie(1001, "2025-02-01", "10:00:00");
  other_client.bsn = Bsn("999900006");
  SaveVersiesResult r = Save({Versie(1002, "2025-01-02", "10:00:00"), other_client});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.outcomes.empty());
  EXPECT_EQ(r.conflicts, (std::vector<VersieConflict>{
                             {1, "TR332",
                              "TR332: toewijzingnummer 1001 is already used for agb 42420001, "
                              "bsn 999990019 (one number per gemeente and domein)"}}));

  ToewijzingVersie other_agb = Versie(1003, "2025-01-02", "10:00:00");
  other_agb.agb = codecs::AgbCode("42420002");
  r = Save({Versie(1003, "2025-01-01", "10:00:00"), other_agb});
  EXPECT_EQ(r.conflicts,
            (std::vector<VersieConflict>{
                {1, "TR332",
                 "TR332: toewijzingnummer 1003 is used for agb 42420001, bsn 999990019 on version "
                 "1 of the batch (one number per gemeente and domein)"}}));

  ToewijzingVersie tie = Versie(1001, "2025-01-02", "10:00:00");
  tie.einddatum = Date::Parse("2025-03-31");
  r = Save({tie});
  EXPECT_EQ(
      r.conflicts,
      (std::vector<VersieConflict>{{0, "IV013",
                                    "IV013: toewijzing 1001 already has a different version with "
                                    "toewijzingsdatum/-tijd 2025-01-02 10:00:00"}}));
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM toewijzing_versie"), "1");
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM toewijzing"), "1");
}

TEST_F(ToewijzingRepositoryTest, A301SavesClientAndVersionsTogether) {
  workflow::Toewijzing301 t;
  t.client = Client();
  t.versies = {Versie(1001, "2025-01-02", "10:00:00"), Versie(1002, "2025-01-02", "10:00:00")};
  const int64_t bericht = InsertBericht();
  ASSERT_TRUE(
      SaveToewijzing301(conn_, t, Bron::k301, bericht, "301-intake", Levering::kExtern).ok());
  EXPECT_EQ(LoadClient(conn_, t.client.gemeente, t.client.domein, t.client.bsn), t.client);
  EXPECT_EQ(schema_.Query("SELECT string_agg(nummer || bron || bericht_id, ' ' ORDER BY nummer) "
                          "FROM toewijzing_versie"),
            "1001301" + std::to_string(bericht) + " 1002301" + std::to_string(bericht));

  // Refused versions: the client's new data is not saved either.
  workflow::Toewijzing301 bad = t;
  bad.client.achternaam = "Anders";
  bad.versies[0].bsn = Bsn("999900006");
  bad.versies[0].toewijzingsdatum = *Date::Parse("2025-05-01");
  EXPECT_FALSE(
      SaveToewijzing301(conn_, bad, Bron::k301, std::nullopt, "301-intake", Levering::kExtern)
          .ok());
  EXPECT_EQ(LoadClient(conn_, t.client.gemeente, t.client.domein, t.client.bsn)->achternaam,
            "Jansen");
}

TEST_F(ToewijzingRepositoryTest, SaveClientsLastOneWins) {
  ClientGegevens a = Client(), b = Client();
  b.achternaam = "Jansen-Smit";
  SaveClients(conn_, {a, b});
  EXPECT_EQ(LoadClient(conn_, a.gemeente, a.domein, a.bsn)->achternaam, "Jansen-Smit");
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM client"), "1");
}

TEST(ToewijzingNamesTest, BronAndLeveringNamesRoundTrip) {
  for (Bron b : {Bron::kImport, Bron::kApi, Bron::k301}) EXPECT_EQ(ParseBron(BronName(b)), b);
  for (Levering l : {Levering::kTeVerzenden, Levering::kVerzonden, Levering::kOntvangen,
                     Levering::kAfgekeurd, Levering::kExtern}) {
    EXPECT_EQ(ParseLevering(LeveringName(l)), l);
  }
  EXPECT_EQ(LeveringName(Levering::kTeVerzenden), "te_verzenden");
  EXPECT_FALSE(ParseBron("csv").has_value());
}

}  // namespace
}  // namespace sluis::db
