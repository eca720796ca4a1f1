// Toewijzingen created and changed through the API (sluis/db/toewijzing_beheer.h) against a real
// PostgreSQL: checked as toewijzingen.csv rows, stored with bron 'api', the full-set 301 (OP087)
// queued per client per aanbieder, audited; nothing stored when anything is refused.
#include "sluis/db/toewijzing_beheer.h"

#include "regie_fixture.h"

namespace sluis::db::regie_test {
namespace {

using codecs::Bericht301;

class ToewijzingBeheerTest : public ::testing::Test {
 protected:
  ToewijzingBeheerTest() : conn(s.url()) {
    Seed(s);
    s.Query(
        "INSERT INTO productcode VALUES ('wmo', '', '01', '01A11', 'begeleiding'),"
        " ('wmo', '', '01', '01A12', 'begeleiding groep'), ('wmo', '', '02', '02A01', 'hulp')");
  }

  static ToewijzingVelden Nieuw() {
    return {{"gemeente", "0363"},
            {"domein", "wmo"},
            {"agb", kAgb},
            {"bsn", kBsn},
            {"productcategorie", "02"},
            {"productcode", "02A01"},
            {"ingangsdatum", "2026-04-01"},
            {"einddatum", "2026-12-31"},
            {"volume", "3"},
            {"eenheid", "04"},
            {"frequentie", "2"}};
  }

  TestSchema s;
  Connection conn;
  workflow::ManualClock clock{At("2026-03-09", 14)};
};

TEST_F(ToewijzingBeheerTest, ANewToewijzingGetsTheNextNumberAndTheFullSetIsQueued) {
  const ToewijzingenOpgeslagen r = SaveToewijzingen(conn, *Schemas(), {Nieuw()}, "jan", clock);
  ASSERT_TRUE(r.ok()) << r.errors.front().ToString();
  ASSERT_EQ(r.nummers, std::vector<int64_t>{300203});
  ASSERT_EQ(r.berichten.size(), 1u);
  const auto b = std::get<Bericht301>(Sent(s, r.berichten[0].bericht_id));
  ASSERT_EQ(b.client.toegewezen_producten.size(), 3u);  // OP087: 300201, 300202 and the new one
  EXPECT_EQ(b.client.toegewezen_producten[2].toewijzing_nummer.value(), 300203);
  EXPECT_EQ(b.client.toegewezen_producten[2].toewijzingsdatum, D("2026-03-09"));
  EXPECT_EQ(b.header.bericht_identificatie.identificatie, r.berichten[0].identificatie);
  EXPECT_EQ(s.Query("SELECT bron || ' ' || created_by || ' ' || toewijzingstijd"
                    " FROM toewijzing_versie WHERE nummer = 300203"),
            "api jan 14:00:00");
  EXPECT_EQ(s.Query("SELECT string_agg(nummer || ':' || levering, ' ' ORDER BY nummer)"
                    " FROM toewijzing"),
            "300201:verzonden 300202:verzonden 300203:verzonden");
  EXPECT_EQ(
      s.Query("SELECT state FROM bericht WHERE id = " + std::to_string(r.berichten[0].bericht_id)),
      "queued");
  EXPECT_EQ(s.Query("SELECT actor || ' ' || action || ' ' || (after->'toewijzingen')::text"
                    " FROM audit_log"),
            "jan toewijzing.opgeslagen [300203]");
}

TEST_F(ToewijzingBeheerTest, AChangeIsANewVersionOfTheSameToewijzing) {
  ToewijzingVelden v = Nieuw();
  v["toewijzingnummer"] = "300201";
  v["productcategorie"] = "01";
  v["productcode"] = "01A11";
  v["ingangsdatum"] = "2026-01-01";
  v["einddatum"] = "2026-06-30";
  v["volume"] = "4";
  v["reden_wijziging"] = "02";
  const ToewijzingenOpgeslagen r = SaveToewijzingen(conn, *Schemas(), {v}, "jan", clock);
  ASSERT_TRUE(r.ok()) << r.errors.front().ToString();
  const auto b = std::get<Bericht301>(Sent(s, r.berichten[0].bericht_id));
  ASSERT_EQ(b.client.toegewezen_producten.size(), 2u);
  EXPECT_EQ(b.client.toegewezen_producten[0].einddatum, D("2026-06-30"));
  EXPECT_EQ(s.Query("SELECT count(*) FROM toewijzing_versie WHERE nummer = 300201"), "2");
}

TEST_F(ToewijzingBeheerTest, EveryBadItemIsReportedAndNothingIsStoredOrSent) {
  ToewijzingVelden onbekend = Nieuw();
  onbekend["productcode"] = "02Z99";  // TR381
  ToewijzingVelden ander = Nieuw();
  ander["toewijzingnummer"] = "300201";  // TR332: another product of this client, same number
  ander["agb"] = "12345678";
  const ToewijzingenOpgeslagen r =
      SaveToewijzingen(conn, *Schemas(), {Nieuw(), onbekend, ander}, "jan", clock);
  ASSERT_FALSE(r.ok());
  std::string all;
  for (const ImportError& e : r.errors) all += e.ToString() + "\n";
  EXPECT_NE(all.find("toewijzingen:2: productcode wmo 02/02Z99 is not in the productcodes list"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("toewijzingen:3: agb 12345678 is not a known aanbieder"), std::string::npos)
      << all;
  EXPECT_EQ(all.find("toewijzingen:1:"), std::string::npos) << all;
  EXPECT_EQ(s.Query("SELECT count(*) FROM toewijzing_versie"), "2");
  EXPECT_EQ(s.Query("SELECT count(*) FROM bericht"), "0");
  EXPECT_EQ(s.Query("SELECT count(*) FROM audit_log"), "0");

  ToewijzingVelden vreemd = Nieuw();
  vreemd["kleur"] = "blauw";
  const ToewijzingenOpgeslagen v = SaveToewijzingen(conn, *Schemas(), {vreemd}, "jan", clock);
  ASSERT_EQ(v.errors.size(), 1u);
  EXPECT_EQ(v.errors[0].ToString(), "toewijzingen:1: onbekend veld kleur");
  EXPECT_FALSE(SaveToewijzingen(conn, *Schemas(), {}, "jan", clock).ok());
}

TEST_F(ToewijzingBeheerTest, AClientWithoutAddressDataRefusesThe301AndStoresNothing) {
  s.Query(
      "UPDATE client SET straatnaam = NULL, huisnummer = NULL, postcode = NULL,"
      " plaatsnaam = NULL");
  const ToewijzingenOpgeslagen r = SaveToewijzingen(conn, *Schemas(), {Nieuw()}, "jan", clock);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("de 301 voor client 999900006 bij 65656055 voldoet niet"),
            std::string::npos)
      << r.errors[0].message;
  EXPECT_EQ(s.Query("SELECT count(*) FROM toewijzing_versie"), "2");
  EXPECT_EQ(s.Query("SELECT count(*) FROM bericht"), "0");
}

}  // namespace
}  // namespace sluis::db::regie_test
